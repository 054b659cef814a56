#pragma once

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace tandem {

// Turns SIGINT and SIGTERM (Ctrl+C / console close on Windows) into a
// Qt signal on the main thread, so shutdown runs through the event loop.
class SignalWatcher final : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;
    Q_DISABLE_COPY_MOVE(SignalWatcher)

Q_SIGNALS:
    // The user or the system asked the process to stop; fires on the main thread.
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace tandem

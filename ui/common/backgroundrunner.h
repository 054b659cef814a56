#pragma once

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace tandem {

// Runs store work off the GUI thread, one job at a time in submission order
// (so a reload queued after a write sees the write), and hands each result
// back on the thread of a context object. The worker thread never expires,
// so it keeps its database connection.
class BackgroundRunner final : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundRunner(QObject *parent = nullptr);
    ~BackgroundRunner() override;
    Q_DISABLE_COPY_MOVE(BackgroundRunner)

    // `work` runs on the worker; `done(result)` runs on `context`'s thread,
    // and not at all if `context` is gone by then.
    template<typename Work, typename Done> void run(QObject *context, Work &&work, Done &&done)
    {
        QtConcurrent::run(&m_pool, std::forward<Work>(work)).then(context, std::forward<Done>(done));
    }

    // `work` runs on the worker; nobody waits for it.
    template<typename Work> void post(Work &&work) { (void)QtConcurrent::run(&m_pool, std::forward<Work>(work)); }

    // Blocks until every queued job has run (shutdown and tests only).
    void waitForDone();

private:
    QThreadPool m_pool;
};

} // namespace tandem

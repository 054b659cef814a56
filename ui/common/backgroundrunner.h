#pragma once

#include <QFuture>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace tandem {

// Runs store work off the GUI thread, one job at a time in submission order
// (so a reload queued after a write sees the write), and hands each result
// back on the runner's own thread unless its context object is gone. The
// worker thread never expires, so it keeps its database connection.
class BackgroundRunner final : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundRunner(QObject *parent = nullptr);
    ~BackgroundRunner() override;
    Q_DISABLE_COPY_MOVE(BackgroundRunner)

    // `work` runs on the worker; `done(result)` runs on this runner's thread
    // (the GUI's, where every context lives), and not at all if `context` is
    // gone by then.
    template<typename Work, typename Done> void run(QObject *context, Work &&work, Done &&done)
    {
        // The continuation's own context is the runner, which outlives every
        // job (its destructor waits for them): Qt 6.4 asserts when a
        // continuation's context dies first, as a model's may while it loads.
        using Output = std::invoke_result_t<std::decay_t<Work>>;
        QtConcurrent::run(&m_pool, std::forward<Work>(work))
            .then(this,
                  [this, context = QPointer<QObject>(context), done = std::forward<Done>(done)](Output output) mutable {
                      // A job that finished before then() was attached would run its
                      // continuation right here, inside run(): always hop through the
                      // event loop, so `done` never runs inside its caller (an undo
                      // command's undo() that clears its own stack, for one).
                      QMetaObject::invokeMethod(
                          this,
                          [context, done = std::move(done), output = std::move(output)]() mutable {
                              if (context)
                                  done(std::move(output));
                          },
                          Qt::QueuedConnection);
                  });
    }

    // `work` runs on the worker; nobody waits for it.
    template<typename Work> void post(Work &&work) { (void)QtConcurrent::run(&m_pool, std::forward<Work>(work)); }

    // Blocks until every queued job has run (shutdown and tests only).
    void waitForDone();

private:
    QThreadPool m_pool;
};

} // namespace tandem

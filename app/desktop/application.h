#pragma once

#include "domain/result.h"

#include <QObject>

#include <memory>

namespace tandem {

class AssistantBridge;
class BackgroundRunner;
class Host;
class MainWindow;
class TaskReplica;
class TaskReplicaFeed;

// The desktop's composition root: the window, its worker and its way to the
// assistant, on top of the Host (store, services, sync server). Nothing else
// creates services.
class Application final : public QObject
{
    Q_OBJECT

public:
    explicit Application(Host &host, QObject *parent = nullptr);
    ~Application() override;
    Q_DISABLE_COPY_MOVE(Application)

    // Call before Host::start(), so the chat follows the server from its first start.
    void attach();
    // After Host::start(): shows the window.
    Result<void> show();

private:
    void restartServer();

    Host &m_host;
    // The chat window's way to the assistant on the sync thread; it outlives that thread.
    std::unique_ptr<AssistantBridge> m_assistant;
    std::unique_ptr<BackgroundRunner> m_runner;
    // The owner's tasks in memory, shared by the windows, and what keeps them current.
    std::unique_ptr<TaskReplica> m_replica;
    std::unique_ptr<TaskReplicaFeed> m_feed;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace tandem

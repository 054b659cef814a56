#pragma once

#include "domain/result.h"

#include <QObject>

#include <memory>

namespace tandem {

class Appearance;
class AssistantBridge;
class BackgroundRunner;
class Host;
class MainWindow;

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
    // Settings ▸ Appearance, the assistant's engine swap and the keychain explanation.
    void connectSettings();
    void explainKeychain();

    Host &m_host;
    // The chat window's way to the assistant on the sync thread; it outlives that thread.
    std::unique_ptr<AssistantBridge> m_assistant;
    std::unique_ptr<BackgroundRunner> m_runner;
    std::unique_ptr<Appearance> m_appearance;
    bool m_explainingKeychain = false;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace tandem

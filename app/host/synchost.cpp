#include "synchost.h"

#include "assistant/assistantservice.h"
#include "assistant/llmengine.h"
#include "assistant/llmsettings.h"
#include "assistant/quickadd.h"
#include "auth/authservice.h"
#include "auth/signingkey.h"
#include "sync/syncserver.h"

#include <QLoggingCategory>
#include <QSettings>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcHost, "tandem.app.sync")
}

SyncHost::SyncHost(Store &store, TaskService &tasks, ChatService &chats, AccountService &accounts, const QUuid &ownerId,
                   sync::ServerOptions options, QString keyDirectory)
    : m_store(store)
    , m_tasks(tasks)
    , m_chats(chats)
    , m_accounts(accounts)
    , m_ownerId(ownerId)
    , m_options(std::move(options))
    , m_keyDirectory(std::move(keyDirectory))
{ }

SyncHost::~SyncHost() = default;

void SyncHost::start()
{
    // Before the key and the port: the desktop's chat needs neither.
    m_assistant = std::make_unique<assistant::AssistantService>(m_store, m_tasks, m_chats);
    m_assistant->setLocale(assistant::userLocale()); // "3/4" reads as in the quick-add line
    useLanguageModelIfEnabled();
    m_keyLoader = std::make_unique<SigningKeyLoader>(m_keyDirectory);
    connect(m_keyLoader.get(), &SigningKeyLoader::loaded, this, &SyncHost::startServer);
    connect(m_keyLoader.get(), &SigningKeyLoader::failed, this, &SyncHost::failed);
    m_keyLoader->load();
}

void SyncHost::startServer(const QByteArray &key, const QString &keptIn)
{
    AuthService::Options authOptions;
    authOptions.registrationNeedsInvite = m_options.lan || !m_options.bindAddress.isLoopback();
    m_auth = std::make_unique<AuthService>(m_store, m_accounts, key, authOptions);
    m_server = std::make_unique<sync::SyncServer>(
        sync::SyncContext{m_store, m_tasks, m_chats, m_accounts, *m_auth, m_ownerId, m_assistant.get()}, m_options);
    if (auto listening = m_server->listen(); !listening) {
        m_server.reset(); // the assistant stays for the desktop
        Q_EMIT failed(listening.error());
        return;
    }
    Q_EMIT listening(m_server->url(), keptIn);
}

void SyncHost::useLanguageModelIfEnabled()
{
    const auto settings = assistant::LlmSettings::load(QSettings());
    if (!settings) {
        qCWarning(lcHost) << "the AI model is not used:" << settings.error().toString();
        return;
    }
    if (!settings->enabled)
        return;
    // The key comes from the OS keychain, asynchronously; a local model needs none.
    m_llmKeys = std::make_unique<assistant::LlmKeyStore>();
    const auto install = [this](const QString &apiKey) {
        if (!m_assistant)
            return; // stopped meanwhile
        Error error;
        if (auto engine = assistant::makeLlmEngineFromSettings(apiKey, &error))
            m_assistant->setExternalEngine(std::move(engine));
        else
            qCWarning(lcHost) << "the AI model is not used:" << error.toString();
    };
    connect(m_llmKeys.get(), &assistant::LlmKeyStore::loaded, this, install);
    connect(m_llmKeys.get(), &assistant::LlmKeyStore::failed, this, [install](const Error &error) {
        qCInfo(lcHost) << "no API key for the AI model:" << error.message;
        install(QString());
    });
    m_llmKeys->load();
}

void SyncHost::stop()
{
    m_llmKeys.reset();
    m_server.reset();
    m_assistant.reset();
    m_auth.reset();
    m_keyLoader.reset();
}

} // namespace tandem

#include "synchost.h"

#include "assistant/assistantservice.h"
#include "assistant/llmengine.h"
#include "assistant/llmsettings.h"
#include "assistant/quickadd.h"
#include "auth/authservice.h"
#include "auth/signingkey.h"
#include "domain/settingsschema.h"
#include "sync/syncserver.h"

#include <QLoggingCategory>
#include <QSettings>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcHost, "tandem.app.sync")
}

SyncHost::SyncHost(Store &store, TaskService &tasks, ChatService &chats, AccountService &accounts, const QUuid &ownerId,
                   sync::ServerOptions options, QString keyDirectory, bool explainKeychainFirst)
    : m_store(store)
    , m_tasks(tasks)
    , m_chats(chats)
    , m_accounts(accounts)
    , m_ownerId(ownerId)
    , m_options(std::move(options))
    , m_keyDirectory(std::move(keyDirectory))
    , m_explainKeychainFirst(explainKeychainFirst)
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
    connect(m_keyLoader.get(), &SigningKeyLoader::failed, this, [this](const Error &error) {
        m_signingKeyError = error;
        Q_EMIT failed(error);
    });
    m_keyLoader->load();
}

void SyncHost::startServer(const QByteArray &key, const QString &keptIn)
{
    m_signingKey = key;
    m_signingKeyKeptIn = keptIn;
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
    m_llmKeys.reset(); // a key still loading for the previous settings is not wanted now
    const auto settings = assistant::LlmSettings::load(QSettings());
    if (!settings) {
        qCWarning(lcHost) << "the AI model is not used:" << settings.error().toString();
        m_assistant->setExternalEngine(nullptr);
        Q_EMIT assistantEngineChanged(false);
        return;
    }
    if (!settings->enabled) {
        m_assistant->setExternalEngine(nullptr);
        Q_EMIT assistantEngineChanged(false);
        return;
    }
    const auto install = [this](const QString &apiKey) {
        if (!m_assistant)
            return; // stopped meanwhile
        Error error;
        auto engine = assistant::makeLlmEngineFromSettings(apiKey, &error);
        if (!engine)
            qCWarning(lcHost) << "the AI model is not used:" << error.toString();
        const bool usesModel = engine != nullptr;
        m_assistant->setExternalEngine(std::move(engine));
        Q_EMIT assistantEngineChanged(usesModel);
    };
    const auto consent = assistant::keychainConsent(AppSettings());
    if (consent == assistant::KeychainConsent::Refused
        || (consent == assistant::KeychainConsent::Unasked && m_explainKeychainFirst)) {
        // No keychain prompt: a local model needs no key, and the desktop asks first.
        if (consent == assistant::KeychainConsent::Unasked)
            Q_EMIT keychainConsentNeeded();
        install(QString());
        return;
    }
    // The key comes from the OS keychain, asynchronously; a local model needs none.
    m_llmKeys = std::make_unique<assistant::LlmKeyStore>();
    connect(m_llmKeys.get(), &assistant::LlmKeyStore::loaded, this, install);
    connect(m_llmKeys.get(), &assistant::LlmKeyStore::failed, this, [install](const Error &error) {
        qCInfo(lcHost) << "no API key for the AI model:" << error.message;
        install(QString());
    });
    m_llmKeys->load();
}

void SyncHost::reloadAssistantEngine()
{
    if (!m_assistant)
        return; // not started, or stopped: start() reads the settings
    useLanguageModelIfEnabled();
}

void SyncHost::restart(const sync::ServerOptions &options)
{
    m_server.reset(); // closes every connection
    m_auth.reset();
    m_options = options;
    if (!m_signingKey.isEmpty())
        startServer(m_signingKey, m_signingKeyKeptIn);
    else if (m_signingKeyError)
        Q_EMIT failed(*m_signingKeyError); // no key, no server: say so again
    // else the key is still loading: start() goes on with the new options.
    Q_EMIT restarted();
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

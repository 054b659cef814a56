#include "synchost.h"

#include "auth/authservice.h"
#include "auth/signingkey.h"
#include "sync/syncserver.h"

namespace tandem {

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
        sync::SyncContext{m_store, m_tasks, m_chats, m_accounts, *m_auth, m_ownerId}, m_options);
    if (auto listening = m_server->listen(); !listening) {
        m_server.reset();
        Q_EMIT failed(listening.error());
        return;
    }
    Q_EMIT listening(m_server->url(), keptIn);
}

void SyncHost::stop()
{
    m_server.reset();
    m_auth.reset();
    m_keyLoader.reset();
}

} // namespace tandem

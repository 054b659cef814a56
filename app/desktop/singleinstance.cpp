#include "singleinstance.h"

#include "store/storeconfig.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QThread>

namespace tandem {

namespace {
Q_LOGGING_CATEGORY(lcInstance, "tandem.instance")

// The whole protocol: one request line, one answer line.
constexpr char openWindowRequest[] = "open-window\n";
constexpr char okAnswer[] = "ok";
constexpr qsizetype longestRequest = 64;
// How long a second start waits for a primary that is still starting.
constexpr int primaryStartupMs = 10'000;
constexpr int answerTimeoutMs = 5'000;

QString privateFolder()
{
    // $XDG_RUNTIME_DIR (or Qt's private fallback, created 0700) on Unix; the temp folder elsewhere.
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    QDir().mkpath(folder);
    return folder;
}
} // namespace

QString storeIdentity(const StoreConfig &store)
{
    if (store.engine == StoreEngine::Sqlite) {
        const QFileInfo file(store.sqlitePath);
        const QString folder = QFileInfo(file.absolutePath()).canonicalFilePath();
        return QStringLiteral("sqlite:")
            + (folder.isEmpty() ? file.absoluteFilePath() : QDir(folder).filePath(file.fileName()));
    }
    return QStringLiteral("postgres:%1:%2/%3?user=%4")
        .arg(store.host.toLower())
        .arg(store.port)
        .arg(store.database, store.user);
}

SingleInstance::SingleInstance(const StoreConfig &store, QObject *parent)
    : QObject(parent)
{
    const QByteArray digest = QCryptographicHash::hash(storeIdentity(store).toUtf8(), QCryptographicHash::Sha256);
    const QString base = QStringLiteral("tandem-") + QString::fromLatin1(digest.toHex().left(24));
    const QDir folder(privateFolder());
#ifdef Q_OS_UNIX
    m_serverName = folder.filePath(base + QStringLiteral(".socket")); // a socket file in the private folder
#else
    m_serverName = base; // a named pipe; UserAccessOption limits it to this user
#endif
    m_lockPath = folder.filePath(base + QStringLiteral(".lock"));
}

SingleInstance::~SingleInstance() = default;

Result<SingleInstance::Role> SingleInstance::claim()
{
    m_lock = std::make_unique<QLockFile>(m_lockPath);
    m_lock->setStaleLockTime(0); // only a dead owner makes it stale, never its age
    const QDeadlineTimer deadline(primaryStartupMs);
    while (true) {
        if (m_lock->tryLock(0))
            return becomePrimary();
        if (m_lock->error() == QLockFile::PermissionError)
            return Error::storage(QStringLiteral("cannot create the lock file %1; check that folder's permissions")
                                      .arg(QDir::toNativeSeparators(m_lockPath)));
        QString answer;
        if (askPrimary(&answer)) {
            if (answer == QLatin1String(okAnswer))
                return Role::Forwarded;
            return Error::storage(QStringLiteral("the running Tandem refused to open a window: %1").arg(answer));
        }
        if (deadline.hasExpired())
            break;
        QThread::msleep(100); // the primary is between taking the lock and listening
    }
    qint64 pid = 0;
    QString host;
    QString app;
    m_lock->getLockInfo(&pid, &host, &app);
    return Error::storage(QStringLiteral("another Tandem (process %1) is using this data but does not answer; "
                                         "close it, or end that process, and start again")
                              .arg(pid));
}

Result<SingleInstance::Role> SingleInstance::becomePrimary()
{
    // Whatever socket is left belongs to a process that held the lock and died.
    QLocalServer::removeServer(m_serverName);
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName))
        return Error::storage(QStringLiteral("cannot listen on %1 for later starts: %2")
                                  .arg(QDir::toNativeSeparators(m_serverName), m_server->errorString()));
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::serve);
    qCInfo(lcInstance) << "serving later starts on" << m_serverName;
    return Role::Primary;
}

bool SingleInstance::askPrimary(QString *answer) const
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(500))
        return false;
    socket.write(openWindowRequest);
    if (!socket.waitForBytesWritten(answerTimeoutMs))
        return false;
    const QDeadlineTimer deadline(answerTimeoutMs);
    while (!socket.canReadLine()) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(deadline.remainingTime())))
            return false;
    }
    *answer = QString::fromUtf8(socket.readLine(longestRequest)).trimmed();
    return true;
}

void SingleInstance::serve()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > longestRequest)
                    socket->abort();
                return;
            }
            const QByteArray request = socket->readLine(longestRequest + 1);
            if (request == openWindowRequest) {
                Q_EMIT windowRequested();
                socket->write(okAnswer);
                socket->write("\n");
            } else {
                qCWarning(lcInstance) << "ignoring an unknown request on" << m_serverName;
                socket->write("unknown request\n");
            }
            socket->disconnectFromServer();
        });
    }
}

} // namespace tandem

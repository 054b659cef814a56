#include "signingkey.h"

#include "authsupport.h"
#include "store/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>

#include <qt6keychain/keychain.h>
#include <sodium.h>

#include <atomic>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace tandem {

namespace {

const QString defaultService = QStringLiteral("Tandem");
const QString defaultEntry = QStringLiteral("jwt-signing-key");
const QString keychainPlace = QStringLiteral("the OS keychain");

std::atomic<bool> fileFallbackAnnounced{false};

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

std::optional<QByteArray> decodeKey(QByteArrayView text)
{
    auto decoded
        = QByteArray::fromBase64Encoding(text.trimmed().toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != SigningKeyLoader::KeySize)
        return std::nullopt;
    return *decoded;
}

QByteArray newKey()
{
    QByteArray key(SigningKeyLoader::KeySize, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    return key;
}

// The key in `path`: nullopt when there is no such file.
Result<std::optional<QByteArray>> readKeyFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return std::optional<QByteArray>();
#ifdef Q_OS_UNIX
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (info.permissions() & others)
        return Error::storage(QStringLiteral("the token signing key file %1 is readable by other users, so the key "
                                             "may be known to them; delete the file (everyone signs in again) or "
                                             "make it private with: chmod 600 %1")
                                  .arg(native(path)));
#endif
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::storage(
            QStringLiteral("cannot read the token signing key file %1: %2").arg(native(path), file.errorString()));
    auto key = decodeKey(file.read(1024));
    if (!key)
        return Error::storage(QStringLiteral("the token signing key file %1 is damaged; delete it to make a new key "
                                             "(everyone signs in again)")
                                  .arg(native(path)));
    return std::optional<QByteArray>(*key);
}

// Writes a new key to `path`: first to a private temporary file, then renamed
// into place only if `path` does not exist yet, so two processes starting
// together end up with one key (the loser reads the winner's).
Result<QByteArray> createKeyFile(const QString &path)
{
    const QString directory = QFileInfo(path).absolutePath();
    if (auto made = ensurePrivateDirectory(directory); !made)
        return made.error();
    const QByteArray key = newKey();
    const QString temporary = path + QStringLiteral(".tmp-") + QString::fromLatin1(newKey().first(6).toHex());
    auto removeTemporary = qScopeGuard([&] { QFile::remove(temporary); });
    {
        QFile file(temporary);
        // Created with owner-only permissions by open() itself: no moment
        // where the file exists with wider ones.
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return Error::storage(QStringLiteral("cannot create the token signing key file in %1: %2")
                                      .arg(native(directory), file.errorString()));
        const QByteArray text = key.toBase64() + '\n';
        if (file.write(text) != text.size() || !file.flush())
            return Error::storage(QStringLiteral("cannot write the token signing key file in %1: %2")
                                      .arg(native(directory), file.errorString()));
#ifdef Q_OS_UNIX
        if (::fsync(file.handle()) != 0)
            return Error::storage(
                QStringLiteral("cannot write the token signing key file in %1 to disk").arg(native(directory)));
#endif
    }
    if (!QFile::rename(temporary, path)) {
        if (QFileInfo::exists(path)) {
            auto theirs = readKeyFile(path);
            if (!theirs)
                return theirs.error();
            if (theirs.value())
                return *theirs.value();
        }
        return Error::storage(QStringLiteral("cannot create the token signing key file %1").arg(native(path)));
    }
    removeTemporary.dismiss();
    qCInfo(auth::lcAuth) << "made a new token signing key in" << native(path);
    return key;
}

Result<QByteArray> readOrCreateKeyFile(const QString &path)
{
    auto existing = readKeyFile(path);
    if (!existing)
        return existing.error();
    if (existing.value())
        return *existing.value();
    return createKeyFile(path);
}

} // namespace

SigningKeyLoader::SigningKeyLoader(QString fallbackDirectory, QObject *parent)
    : QObject(parent)
    , m_directory(std::move(fallbackDirectory))
    , m_service(defaultService)
    , m_entry(defaultEntry)
{ }

SigningKeyLoader::~SigningKeyLoader() = default;

void SigningKeyLoader::setUseKeychain(bool use)
{
    m_useKeychain = use;
}

void SigningKeyLoader::setKeychainEntry(const QString &service, const QString &key)
{
    m_service = service;
    m_entry = key;
}

QString SigningKeyLoader::keyFilePath() const
{
    return QDir(m_directory).absoluteFilePath(QStringLiteral("jwt-signing-key"));
}

void SigningKeyLoader::load()
{
    if (m_loading)
        return;
    m_loading = true;
    if (!auth::sodiumReady()) {
        QMetaObject::invokeMethod(
            this,
            [this] { finish(Error::storage(QStringLiteral("the cryptography library did not start")), QString()); },
            Qt::QueuedConnection);
        return;
    }
    if (m_useKeychain) {
        readKeychain();
        return;
    }
    // Queued, so the answer never arrives inside load().
    QMetaObject::invokeMethod(
        this,
        [this] {
            auto key = readOrCreateKeyFile(keyFilePath());
            if (key)
                qCInfo(auth::lcAuth).noquote() << "the token signing key is kept in" << native(keyFilePath())
                                               << "(the OS keychain is not used), readable only by you";
            finish(key, keyFilePath());
        },
        Qt::QueuedConnection);
}

void SigningKeyLoader::readKeychain()
{
    // Parentless: the job deletes itself when done (auto-delete), even if this
    // loader is gone by then, so a slot may delete the loader.
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(m_entry);
    connect(job, &QKeychain::Job::finished, this, &SigningKeyLoader::keychainRead);
    job->start();
}

void SigningKeyLoader::keychainRead(QKeychain::Job *job)
{
    const auto *read = static_cast<QKeychain::ReadPasswordJob *>(job);
    switch (read->error()) {
    case QKeychain::NoError:
        if (const auto key = decodeKey(read->textData().toLatin1())) {
            finish(*key, keychainPlace);
            return;
        }
        qCWarning(auth::lcAuth) << "the token signing key in the OS keychain is damaged; replacing it (everyone "
                                   "signs in again)";
        writeKeychain(newKey(), false);
        return;
    case QKeychain::EntryNotFound: {
        // A host that had no keychain before keeps its key (and its tokens).
        auto fromFile = readKeyFile(keyFilePath());
        if (fromFile && fromFile.value()) {
            writeKeychain(*fromFile.value(), true);
            return;
        }
        if (!fromFile) {
            finish(fromFile.error(), QString());
            return;
        }
        writeKeychain(newKey(), false);
        return;
    }
    default:
        useFile(read->errorString());
        return;
    }
}

void SigningKeyLoader::writeKeychain(const QByteArray &key, bool movingFromFile)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(m_entry);
    job->setTextData(QString::fromLatin1(key.toBase64()));
    connect(job, &QKeychain::Job::finished, this, [this, key, movingFromFile](QKeychain::Job *done) {
        if (done->error() != QKeychain::NoError) {
            // The key file (if any) still holds the key: useFile() reads it.
            useFile(done->errorString());
            return;
        }
        if (movingFromFile) {
            if (QFile::remove(keyFilePath()))
                qCInfo(auth::lcAuth).noquote()
                    << "moved the token signing key from" << native(keyFilePath()) << "into the OS keychain";
            else
                qCWarning(auth::lcAuth).noquote() << "the token signing key is now in the OS keychain; delete the "
                                                     "old copy in"
                                                  << native(keyFilePath());
        } else {
            qCInfo(auth::lcAuth) << "made a new token signing key in the OS keychain";
        }
        finish(key, keychainPlace);
    });
    job->start();
}

void SigningKeyLoader::useFile(const QString &why)
{
    auto key = readOrCreateKeyFile(keyFilePath());
    if (key && !fileFallbackAnnounced.exchange(true)) {
        qCWarning(auth::lcAuth).noquote() << QStringLiteral("no OS keychain (%1); the token signing key is kept in "
                                                            "%2, readable only by you")
                                                 .arg(why, native(keyFilePath()));
    }
    finish(key, keyFilePath());
}

void SigningKeyLoader::finish(const Result<QByteArray> &key, const QString &whereKept)
{
    m_loading = false;
    if (key)
        Q_EMIT loaded(key.value(), native(whereKept));
    else
        Q_EMIT failed(key.error());
}

} // namespace tandem

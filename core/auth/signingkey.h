#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

namespace QKeychain {
class Job;
}

namespace tandem {

// Finds the 256-bit token signing key, or makes one (randombytes_buf) on
// first start, and keeps it where it is safest:
//
// 1. The OS keychain (QtKeychain: Secret Service, macOS Keychain, Windows
//    Credential Manager), entry "Tandem" / "jwt-signing-key", as base64.
// 2. Where there is no keychain (a headless host: no backend, access denied,
//    any other keychain error), the file <fallbackDirectory>/jwt-signing-key,
//    created readable only by its owner (mode 0600 from its creation: it is
//    never readable by others, not even for a moment). A key file readable by
//    others is refused. A warning says once per process where the key is.
//
// The keychain is asked first. When it has no key but the file has one (the
// host had no keychain before), that key is moved into the keychain and the
// file removed, so the tokens already handed out stay valid.
//
// Asynchronous without nested event loops: load() returns at once and one of
// the signals follows from the event loop of this object's thread.
class SigningKeyLoader final : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype KeySize = 32;

    explicit SigningKeyLoader(QString fallbackDirectory, QObject *parent = nullptr);
    ~SigningKeyLoader() override;
    Q_DISABLE_COPY_MOVE(SigningKeyLoader)

    // false: skip the keychain and use the file (tests, --no-keychain).
    void setUseKeychain(bool use);
    bool useKeychain() const { return m_useKeychain; }
    // The keychain entry; "Tandem" / "jwt-signing-key" unless changed (tests
    // use their own entry so they never touch a real key).
    void setKeychainEntry(const QString &service, const QString &key);
    QString keyFilePath() const;

    // Starts loading. Exactly one of loaded() or failed() follows, always
    // after load() has returned. A load() while one is running is ignored:
    // the running one answers.
    void load();

Q_SIGNALS:
    // The key (KeySize bytes) and where it is kept: "the OS keychain" or the
    // key file's path. Never log the key.
    void loaded(const QByteArray &key, const QString &whereKept);
    // Neither the keychain nor the file could provide a key (for example the
    // directory is not writable, or the key file is readable by others).
    void failed(const tandem::Error &error);

private:
    void readKeychain();
    void keychainRead(QKeychain::Job *job);
    void writeKeychain(const QByteArray &key, bool movingFromFile);
    void useFile(const QString &why);
    void finish(const Result<QByteArray> &key, const QString &whereKept);

    QString m_directory;
    QString m_service;
    QString m_entry;
    bool m_useKeychain = true;
    bool m_loading = false;
};

} // namespace tandem

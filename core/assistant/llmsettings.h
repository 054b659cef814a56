#pragma once

#include "domain/result.h"
#include "llmengine.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QSettings;

namespace tandem {
class AppSettings;
}

namespace QKeychain {
class Job;
}

namespace tandem::assistant {

// Where the optional language model is: QSettings "assistant/enabled",
// "assistant/endpoint" (the API root, e.g. http://localhost:11434/v1),
// "assistant/model" and "assistant/timeoutSeconds" (optional). The API key is
// never here: it lives in the OS keychain (LlmKeyStore).
struct LlmSettings
{
    static constexpr int DefaultTimeoutSeconds = 30;

    bool enabled = false;
    QUrl endpoint;
    QString model;
    int timeoutSeconds = DefaultTimeoutSeconds;

    // Reads and validates. An error names the setting at fault (`field` is its
    // key): a set endpoint that is not an http(s) URL with a host; when
    // enabled, a missing endpoint or model.
    static Result<LlmSettings> load(const QSettings &settings);
    // Validates as load() does, then writes; nothing is written on an error.
    Result<void> save(QSettings &settings) const;
    Result<void> validate() const;

    // "http://localhost:11434/v1" → the URL; an error naming assistant/endpoint otherwise.
    static Result<QUrl> parseEndpoint(const QString &text);

    LlmConfig config(const QString &apiKey) const;
};

// The engine the settings describe, with `apiKey` (empty: none, as for a
// local Ollama). nullptr when the model is not enabled (`error` untouched) or
// the settings are invalid (`error` says which). Call on the thread the
// engine will be used on.
std::unique_ptr<LlmEngine> makeLlmEngineFromSettings(const QString &apiKey, Error *error);
std::unique_ptr<LlmEngine> makeLlmEngineFromSettings(const QSettings &settings, const QString &apiKey, Error *error);

// Whether Tandem may ask the OS keychain for the AI model's API key. The
// keychain may show the user a prompt, so the desktop explains why before the
// first one (Settings::keychainExplained) and remembers a refusal
// (Settings::keychainRefused) instead of asking again at every start.
enum class KeychainConsent {
    Unasked, // never explained: the desktop explains before touching the keychain
    Granted, // explained and not refused
    Refused, // the user said no: nothing touches the keychain until they try again
};
KeychainConsent keychainConsent(const AppSettings &settings);
// Records the user's answer to the explanation (granted or not).
void recordKeychainConsent(AppSettings &settings, bool granted);

// The API key in the OS keychain (QtKeychain: Secret Service, macOS Keychain,
// Windows Credential Manager), entry "Tandem" / "llm-api-key". There is no
// fallback: without a keychain the key cannot be kept, and failed() says so.
// The key is never logged and never part of an error.
//
// While the user has refused the keychain (KeychainConsent::Refused) every
// call fails at once, without touching the keychain, and says so.
//
// Asynchronous, without nested event loops: each call returns at once and its
// one signal follows from this object's thread's event loop. Calls may overlap;
// each gets its own answer, in the order the keychain finishes them.
class LlmKeyStore final : public QObject
{
    Q_OBJECT

public:
    explicit LlmKeyStore(QObject *parent = nullptr);
    ~LlmKeyStore() override;
    Q_DISABLE_COPY_MOVE(LlmKeyStore)

    // Tests use their own entry, so they never touch a real key.
    void setKeychainEntry(const QString &service, const QString &key);

    void load(); // → loaded() or failed()
    void save(const QString &key); // → saved() or failed(); an empty key fails (use remove())
    void remove(); // → removed() or failed(); removing no key is fine

Q_SIGNALS:
    // The stored key, empty when there is none. Never log it.
    void loaded(const QString &key);
    void saved();
    void removed();
    // The keychain is not available or refused; the message says so, without the key.
    void failed(const tandem::Error &error);

private:
    // True (and failed() follows) when the user has refused the keychain.
    bool refusedByUser();

    QString m_service;
    QString m_entry;
};

} // namespace tandem::assistant

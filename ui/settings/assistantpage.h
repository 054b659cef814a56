#pragma once

#include "domain/result.h"
#include "settingspage.h"

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace tandem {

namespace assistant {
class LlmEngine;
class LlmKeyStore;
struct LlmSettings;
} // namespace assistant

// Settings ▸ Assistant: the optional language model (endpoint, model, API
// key in the OS keychain, a connection test). Before its first keychain
// operation it explains why Tandem uses the keychain (keychainconsent); after
// a refusal it says so and offers to ask again.
class AssistantPage final : public SettingsPage
{
    Q_OBJECT

public:
    explicit AssistantPage(QWidget *parent = nullptr);
    ~AssistantPage() override;
    Q_DISABLE_COPY_MOVE(AssistantPage)

    QString title() const override { return tr("Assistant"); }
    QString problem(QWidget **focus) const override;
    int save(QSettings &settings) override;

    // The keychain entry of the API key; "Tandem" / "llm-api-key" unless changed (tests use their own).
    void setKeychainEntry(const QString &service, const QString &key);

    // A new API key was typed: it must reach the keychain before anything is saved.
    bool hasNewKey() const;
    // Stores the typed key in the keychain (asking for consent first if need
    // be); `done(error)` with an empty error once stored.
    void storeNewKey(std::function<void(const QString &error)> done);

    // An AI model setting's error, naming the field as the page labels it.
    static QString errorText(const Error &error);

Q_SIGNALS:
    // The stored key was removed, or the user let Tandem use the keychain
    // again: the assistant should reload its engine now, without waiting for OK.
    void keyChanged();

private:
    Result<assistant::LlmSettings> typedSettings() const;
    // Runs `then(granted)` once the keychain may be used (asking first if the
    // user has not been asked), or at once with false after a refusal.
    void withKeychain(std::function<void(bool granted)> then);
    void updateKeychainState();
    void askAgain();
    void testConnection();
    void probe(const assistant::LlmSettings &settings, const QString &apiKey, const QString &note);
    void removeKey();
    assistant::LlmKeyStore *newKeyStore();

    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QLineEdit *m_model = nullptr;
    QLineEdit *m_key = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_removeKey = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_keychainState = nullptr;
    QPushButton *m_askAgain = nullptr;
    QString m_keychainService;
    QString m_keychainEntry;
    std::unique_ptr<assistant::LlmEngine> m_probe;
    bool m_keySaved = false;
};

} // namespace tandem

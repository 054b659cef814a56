#pragma once

#include "domain/result.h"
#include "domain/user.h"

#include <QDialog>
#include <QUrl>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace tandem {

class AccountService;
class BackgroundRunner;
class DevicesPage;

namespace assistant {
class LlmEngine;
class LlmKeyStore;
struct LlmSettings;
} // namespace assistant

// Three pages. Sharing: network access (with a warning before it goes on,
// which says passwords cross the network in clear text unless the server
// has a TLS certificate), the port, allowed web origins, the username and
// password for signing in from elsewhere, and invite codes. Devices: pairing
// by code or QR code and the paired devices (DevicesPage). AI model: the
// optional language model (endpoint, model,
// API key in the OS keychain, a connection test). Settings are saved on OK;
// the caller restarts the server when serverSettingsChanged() fires and
// rebuilds the assistant's engine when assistantSettingsChanged() fires.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    // `serverUrl`: where the sync server listens now (empty when it is off).
    SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner, const QString &serverStatus,
                   const QUrl &serverUrl = {}, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // The keychain entry of the AI model's API key; "Tandem" / "llm-api-key"
    // unless changed (tests use their own).
    void setLlmKeychainEntry(const QString &service, const QString &key);

    DevicesPage *devicesPage() const { return m_devicesPage; }
    QTabWidget *pages() const { return m_pages; }

    // The origins typed in, one per line; the invalid ones in `invalid`.
    QStringList origins(QStringList *invalid = nullptr) const;
    // Validates and saves; stays open with an explanation when something is
    // wrong. A new API key is stored in the keychain first, so the dialog may
    // close a moment later (or stay open if the keychain refuses).
    void accept() override;

Q_SIGNALS:
    // server/lan, server/port or server/allowedOrigins were saved with new values.
    void serverSettingsChanged();
    // assistant/enabled, assistant/endpoint or assistant/model were saved with
    // new values, or the API key in the keychain was saved or removed.
    void assistantSettingsChanged();

private:
    void onLanToggled(bool checked);
    void setPassword();
    void createInvite();
    QWidget *createLlmSection();
    // The AI model's settings as typed; an error names the field at fault.
    Result<assistant::LlmSettings> llmSettings() const;
    void testLlmConnection();
    void probeLlm(const assistant::LlmSettings &settings, const QString &apiKey, const QString &note);
    void removeLlmKey();
    void commit(const assistant::LlmSettings &llm, bool keySaved);
    assistant::LlmKeyStore *newKeyStore();

    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
    QUrl m_serverUrl;
    QCheckBox *m_lan = nullptr;
    QSpinBox *m_port = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QPushButton *m_setPassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    QLineEdit *m_invite = nullptr;
    QPushButton *m_createInvite = nullptr;
    QCheckBox *m_llmEnabled = nullptr;
    QLineEdit *m_llmEndpoint = nullptr;
    QLineEdit *m_llmModel = nullptr;
    QLineEdit *m_llmKey = nullptr;
    QPushButton *m_llmTest = nullptr;
    QPushButton *m_llmRemoveKey = nullptr;
    QLabel *m_llmStatus = nullptr;
    QString m_keychainService;
    QString m_keychainEntry;
    std::unique_ptr<assistant::LlmEngine> m_llmProbe;
    QTabWidget *m_pages = nullptr;
    DevicesPage *m_devicesPage = nullptr;
    QPushButton *m_ok = nullptr;
    QLabel *m_error = nullptr;
    bool m_lanConfirmed = false;
    bool m_saving = false;
};

} // namespace tandem

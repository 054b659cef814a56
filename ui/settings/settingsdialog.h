#pragma once

#include "domain/user.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace tandem {

class AccountService;
class BackgroundRunner;

// Sharing and account settings: network access (with a warning before it
// goes on), the port, allowed web origins, the password for signing in from
// elsewhere, and invite codes. Server settings are saved on OK; the caller
// restarts the server when serverSettingsChanged() fires.
class SettingsDialog final : public QDialog
{
    Q_OBJECT

public:
    SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner, const QString &serverStatus,
                   QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SettingsDialog)

    // The origins typed in, one per line; the invalid ones in `invalid`.
    QStringList origins(QStringList *invalid = nullptr) const;
    // Validates and saves; stays open with an explanation when something is wrong.
    void accept() override;

Q_SIGNALS:
    // server/lan, server/port or server/allowedOrigins were saved with new values.
    void serverSettingsChanged();

private:
    void onLanToggled(bool checked);
    void setPassword();
    void createInvite();

    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
    QCheckBox *m_lan = nullptr;
    QSpinBox *m_port = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QPushButton *m_setPassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    QLineEdit *m_invite = nullptr;
    QPushButton *m_createInvite = nullptr;
    QLabel *m_error = nullptr;
    bool m_lanConfirmed = false;
};

} // namespace tandem

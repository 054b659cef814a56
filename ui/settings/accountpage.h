#pragma once

#include "domain/user.h"
#include "settingspage.h"

class QLabel;
class QLineEdit;
class QPushButton;

namespace tandem {

class AccountService;
class BackgroundRunner;

// Settings ▸ Account: the username to sign in with elsewhere, setting or
// changing the password (at once, through AccountService), and invite codes
// for other people's accounts.
class AccountPage final : public SettingsPage
{
    Q_OBJECT

public:
    AccountPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(AccountPage)

    QString title() const override { return tr("Account"); }
    // A new password typed but not set is a problem: OK would drop it silently.
    QString problem(QWidget **focus) const override;
    int save(QSettings &settings) override;

private:
    void setPassword();
    void createInvite();

    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_confirm = nullptr;
    QPushButton *m_setPassword = nullptr;
    QLabel *m_passwordStatus = nullptr;
    QLineEdit *m_invite = nullptr;
    QPushButton *m_createInvite = nullptr;
};

} // namespace tandem

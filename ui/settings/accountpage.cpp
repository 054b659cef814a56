#include "accountpage.h"

#include "auth/accountservice.h"
#include "common/backgroundrunner.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <chrono>

namespace tandem {

AccountPage::AccountPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, QWidget *parent)
    : SettingsPage(parent)
    , m_accounts(accounts)
    , m_runner(runner)
    , m_owner(owner)
{
    auto *account = new QGroupBox(tr("Your account"), this);
    auto *username = new QLabel(tr("Sign in from elsewhere as <b>%1</b>").arg(owner.username.toHtmlEscaped()), account);
    username->setObjectName(QStringLiteral("username"));
    username->setTextInteractionFlags(Qt::TextSelectableByMouse);
    username->setAccessibleName(tr("Username: %1").arg(owner.username));
    auto *passwordNote
        = new QLabel(tr("A password lets you sign in from the web page and other devices. To sign in without one, "
                        "pair the device in Sync & devices."),
                     account);
    passwordNote->setWordWrap(true);
    m_password = new QLineEdit(account);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("At least 8 characters"));
    describe(m_password, tr("New password"), tr("The new password, at least 8 characters"));
    m_confirm = new QLineEdit(account);
    m_confirm->setEchoMode(QLineEdit::Password);
    describe(m_confirm, tr("Repeat the new password"));
    m_setPassword = new QPushButton(tr("Set Password"), account);
    describe(m_setPassword, m_setPassword->text(), tr("Save the new password now"));
    m_passwordStatus = new QLabel(account);
    m_passwordStatus->setObjectName(QStringLiteral("passwordStatus"));
    m_passwordStatus->setWordWrap(true);

    auto *accountForm = new QFormLayout(account);
    accountForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    accountForm->addRow(username);
    accountForm->addRow(passwordNote);
    accountForm->addRow(tr("New password:"), m_password);
    accountForm->addRow(tr("Repeat it:"), m_confirm);
    accountForm->addRow(m_setPassword, m_passwordStatus);

    auto *invites = new QGroupBox(tr("Invite someone"), this);
    auto *inviteNote
        = new QLabel(tr("Someone else can create an account on this Tandem with an invite code."), invites);
    inviteNote->setWordWrap(true);
    m_invite = new QLineEdit(invites);
    m_invite->setObjectName(QStringLiteral("inviteCode"));
    m_invite->setReadOnly(true);
    m_invite->setPlaceholderText(tr("A single-use code, valid for 7 days"));
    describe(m_invite, tr("Invite code"), tr("A single-use code, valid for 7 days"));
    m_createInvite = new QPushButton(tr("Create Invite Code"), invites);
    describe(m_createInvite, m_createInvite->text(), tr("Create a new single-use invite code"));
    auto *copyInvite = new QPushButton(tr("Copy"), invites);
    describe(copyInvite, tr("Copy the invite code"));
    auto *inviteRow = new QHBoxLayout;
    inviteRow->addWidget(m_createInvite);
    inviteRow->addWidget(m_invite, 1);
    inviteRow->addWidget(copyInvite);
    auto *inviteLayout = new QVBoxLayout(invites);
    inviteLayout->addWidget(inviteNote);
    inviteLayout->addLayout(inviteRow);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(account);
    layout->addWidget(invites);
    layout->addStretch(1);

    connect(m_setPassword, &QPushButton::clicked, this, &AccountPage::setPassword);
    connect(m_createInvite, &QPushButton::clicked, this, &AccountPage::createInvite);
    connect(copyInvite, &QPushButton::clicked, this, [this] {
        if (!m_invite->text().isEmpty())
            QApplication::clipboard()->setText(m_invite->text());
    });
}

QString AccountPage::problem(QWidget **focus) const
{
    if (m_password->text().isEmpty() && m_confirm->text().isEmpty())
        return {};
    *focus = m_password;
    return tr("Account: a new password is typed but not set. Click Set Password, or clear both password fields.");
}

int AccountPage::save(QSettings &)
{
    return NoChange; // the password and invites take effect at once
}

void AccountPage::setPassword()
{
    const QString password = m_password->text();
    if (password != m_confirm->text()) {
        m_passwordStatus->setText(tr("The two passwords differ."));
        return;
    }
    m_setPassword->setEnabled(false);
    m_passwordStatus->setText(tr("Saving…"));
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner, password] { return accounts->setPassword(owner, password); },
        [this](const Result<void> &result) {
            m_setPassword->setEnabled(true);
            if (result) {
                m_password->clear();
                m_confirm->clear();
                m_passwordStatus->setText(tr("Password set."));
            } else {
                m_passwordStatus->setText(result.error().message);
            }
        });
}

void AccountPage::createInvite()
{
    m_createInvite->setEnabled(false);
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner] { return accounts->issueInvite(owner, std::chrono::hours(24 * 7)); },
        [this](const Result<QString> &code) {
            m_createInvite->setEnabled(true);
            if (code)
                m_invite->setText(code.value());
            else
                m_invite->setPlaceholderText(code.error().message);
        });
}

} // namespace tandem

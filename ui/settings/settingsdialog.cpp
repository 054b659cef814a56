#include "settingsdialog.h"

#include "common/backgroundrunner.h"
#include "services/accountservice.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

#include <chrono>

namespace tandem {

namespace {
constexpr int defaultPort = 8263;
} // namespace

SettingsDialog::SettingsDialog(AccountService &accounts, BackgroundRunner &runner, const User &owner,
                               const QString &serverStatus, QWidget *parent)
    : QDialog(parent)
    , m_accounts(accounts)
    , m_runner(runner)
    , m_owner(owner)
{
    setWindowTitle(tr("Tandem Settings"));
    const QSettings settings;

    // Sharing
    auto *sharing = new QGroupBox(tr("Sync and web access"), this);
    auto *status = new QLabel(serverStatus, sharing);
    status->setWordWrap(true);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_lan = new QCheckBox(tr("Let phones and other computers on my network connect"), sharing);
    m_lan->setChecked(settings.value(QStringLiteral("server/lan"), false).toBool());
    m_lanConfirmed = m_lan->isChecked();
    m_port = new QSpinBox(sharing);
    m_port->setRange(1024, 65535);
    m_port->setValue(settings.value(QStringLiteral("server/port"), defaultPort).toInt());
    m_origins = new QPlainTextEdit(sharing);
    m_origins->setPlaceholderText(
        tr("Other web addresses allowed to use Tandem, one per line\n(e.g. https://tasks.example.org)"));
    m_origins->setPlainText(settings.value(QStringLiteral("server/allowedOrigins")).toStringList().join(u'\n'));
    m_origins->setMaximumHeight(80);
    auto *sharingForm = new QFormLayout(sharing);
    sharingForm->addRow(status);
    sharingForm->addRow(m_lan);
    sharingForm->addRow(tr("Port:"), m_port);
    sharingForm->addRow(tr("Allowed origins:"), m_origins);

    // Account
    auto *account = new QGroupBox(tr("Your account: %1").arg(owner.username), this);
    m_password = new QLineEdit(account);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("At least 8 characters"));
    m_confirm = new QLineEdit(account);
    m_confirm->setEchoMode(QLineEdit::Password);
    m_setPassword = new QPushButton(tr("Set Password"), account);
    m_passwordStatus = new QLabel(account);
    m_passwordStatus->setWordWrap(true);
    m_invite = new QLineEdit(account);
    m_invite->setReadOnly(true);
    m_invite->setPlaceholderText(tr("A single-use code, valid for 7 days"));
    m_createInvite = new QPushButton(tr("Create Invite Code"), account);
    auto *copyInvite = new QPushButton(tr("Copy"), account);
    auto *accountForm = new QFormLayout(account);
    accountForm->addRow(new QLabel(tr("A password lets you sign in from the web page and other devices."), account));
    accountForm->addRow(tr("New password:"), m_password);
    accountForm->addRow(tr("Repeat it:"), m_confirm);
    accountForm->addRow(m_setPassword, m_passwordStatus);
    accountForm->addRow(
        new QLabel(tr("Someone else can create an account on this Tandem with an invite code."), account));
    auto *inviteRow = new QHBoxLayout;
    inviteRow->addWidget(m_invite, 1);
    inviteRow->addWidget(copyInvite);
    accountForm->addRow(m_createInvite, inviteRow);

    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c62828"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(sharing);
    layout->addWidget(account);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    connect(m_lan, &QCheckBox::toggled, this, &SettingsDialog::onLanToggled);
    connect(m_setPassword, &QPushButton::clicked, this, &SettingsDialog::setPassword);
    connect(m_createInvite, &QPushButton::clicked, this, &SettingsDialog::createInvite);
    connect(copyInvite, &QPushButton::clicked, this, [this] {
        if (!m_invite->text().isEmpty())
            QApplication::clipboard()->setText(m_invite->text());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::onLanToggled(bool checked)
{
    if (!checked || m_lanConfirmed)
        return;
    // Warn before opening up: asynchronous, no nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Allow network access?"),
                                tr("Anyone on your network will be able to reach Tandem's sign-in page at this "
                                   "computer's address. They can only create an account with an invite code you "
                                   "give them, and you can only sign in from elsewhere once your account has a "
                                   "password.\n\nOnly do this on a network you trust, such as your home network."),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Allow Network Access"), QMessageBox::AcceptRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        m_lanConfirmed = box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole;
        if (!m_lanConfirmed) {
            const QSignalBlocker blocker(m_lan);
            m_lan->setChecked(false);
        }
    });
    box->open();
}

void SettingsDialog::setPassword()
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

void SettingsDialog::createInvite()
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

QStringList SettingsDialog::origins(QStringList *invalid) const
{
    QStringList valid;
    const QStringList lines = m_origins->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString origin = line.trimmed();
        if (origin.isEmpty())
            continue;
        const QUrl url(origin, QUrl::StrictMode);
        const bool ok = url.isValid() && (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty()
            && url.path().isEmpty() && !url.hasQuery();
        if (ok)
            valid.append(origin);
        else if (invalid)
            invalid->append(origin);
    }
    return valid;
}

void SettingsDialog::accept()
{
    QStringList invalid;
    const QStringList allowed = origins(&invalid);
    if (!invalid.isEmpty()) {
        m_error->setText(tr("These are not web origins (like https://tasks.example.org:8443): %1")
                             .arg(invalid.join(QStringLiteral(", "))));
        m_error->show();
        return;
    }
    QSettings settings;
    const bool changed = settings.value(QStringLiteral("server/lan"), false).toBool() != m_lan->isChecked()
        || settings.value(QStringLiteral("server/port"), defaultPort).toInt() != m_port->value()
        || settings.value(QStringLiteral("server/allowedOrigins")).toStringList() != allowed;
    settings.setValue(QStringLiteral("server/lan"), m_lan->isChecked());
    settings.setValue(QStringLiteral("server/port"), m_port->value());
    settings.setValue(QStringLiteral("server/allowedOrigins"), allowed);
    if (changed)
        Q_EMIT serverSettingsChanged();
    QDialog::accept();
}

} // namespace tandem

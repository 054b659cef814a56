#include "syncpage.h"

#include "domain/settingsschema.h"

#include "devicespage.h"
#include "sync/serveroptions.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tandem {

SyncPage::SyncPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, const QString &serverStatus,
                   const QUrl &serverUrl, QWidget *parent)
    : SettingsPage(parent)
    , m_serverUrl(serverUrl)
{
    const AppSettings settings;
    auto *content = new QWidget(this);
    auto *sharing = new QGroupBox(tr("Sync and web access"), content);
    auto *status = new QLabel(serverStatus, sharing);
    status->setObjectName(QStringLiteral("serverStatus"));
    status->setWordWrap(true);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *inUse = new QLabel(portInUseText(serverUrl, settings.value(Settings::serverPort)), sharing);
    inUse->setObjectName(QStringLiteral("portInUse"));
    inUse->setWordWrap(true);
    m_lan = new QCheckBox(tr("Let phones and other computers on my network connect"), sharing);
    m_lan->setChecked(settings.value(Settings::serverLan));
    describe(m_lan, m_lan->text(),
             tr("Listen on every network interface instead of this computer only. Tandem warns first."));
    m_lanConfirmed = m_lan->isChecked();
    m_port = new QSpinBox(sharing);
    m_port->setObjectName(QStringLiteral("serverPort"));
    // The same range the setting and --port take; 0 lets the system choose.
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    m_port->setValue(settings.value(Settings::serverPort));
    describe(m_port, tr("Port"),
             tr("The port the sync server listens on from the next start (0: any free port). A --port flag "
                "overrides it."));
    m_origins = new QPlainTextEdit(sharing);
    m_origins->setObjectName(QStringLiteral("allowedOrigins"));
    m_origins->setPlaceholderText(
        tr("Other web addresses allowed to use Tandem, one per line\n(e.g. https://tasks.example.org)"));
    m_origins->setPlainText(settings.value(Settings::serverAllowedOrigins).join(u'\n'));
    m_origins->setMaximumHeight(80);
    m_origins->setTabChangesFocus(true);
    describe(m_origins, tr("Allowed origins"),
             tr("Web pages served from other addresses that may use this Tandem, one origin per line "
                "(like https://tasks.example.org:8443)."));
    auto *clearTextWarning
        = new QLabel(tr("⚠ Without a TLS certificate, passwords and tasks cross your network in clear text."), sharing);
    clearTextWarning->setObjectName(QStringLiteral("clearTextWarning"));
    clearTextWarning->setWordWrap(true);
    const bool encrypted = serverUrl.scheme() == u"https";
    clearTextWarning->setVisible(m_lan->isChecked() && !encrypted);
    connect(m_lan, &QCheckBox::toggled, clearTextWarning,
            [clearTextWarning, encrypted](bool on) { clearTextWarning->setVisible(on && !encrypted); });

    auto *sharingForm = new QFormLayout(sharing);
    sharingForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    sharingForm->addRow(status);
    sharingForm->addRow(inUse);
    sharingForm->addRow(m_lan);
    sharingForm->addRow(clearTextWarning);
    sharingForm->addRow(tr("Port:"), m_port);
    sharingForm->addRow(tr("Allowed origins:"), m_origins);

    auto *devices = new QGroupBox(tr("Devices"), content);
    m_devices = new DevicesPage(accounts, runner, owner, devices);
    m_devices->setServer(serverUrl, m_lan->isChecked());
    auto *devicesLayout = new QVBoxLayout(devices);
    devicesLayout->addWidget(m_devices);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(sharing);
    contentLayout->addWidget(devices);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_lan, &QCheckBox::toggled, this, &SyncPage::onLanToggled);
}

QString SyncPage::portInUseText(const QUrl &serverUrl, int portSetting)
{
    if (!serverUrl.isValid() || serverUrl.port() <= 0)
        return tr("The sync server is not listening now.");
    const int inUse = serverUrl.port();
    if (inUse == portSetting)
        return tr("Listening on port %1.").arg(inUse);
    if (portSetting == 0)
        return tr("Listening on port %1, which the system chose (the setting below is “Any free port”).").arg(inUse);
    return tr("Listening on port %1 (given when Tandem started); the setting below, %2, applies when Tandem starts "
              "without --port.")
        .arg(inUse)
        .arg(portSetting);
}

QStringList SyncPage::origins(QStringList *invalid) const
{
    QStringList valid;
    const QStringList lines = m_origins->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString origin = line.trimmed();
        if (origin.isEmpty())
            continue;
        if (sync::isOrigin(origin))
            valid.append(origin);
        else if (invalid)
            invalid->append(origin);
    }
    return valid;
}

QString SyncPage::problem(QWidget **focus) const
{
    QStringList invalid;
    (void)origins(&invalid);
    if (!invalid.isEmpty()) {
        *focus = m_origins;
        return tr("These are not web origins (like https://tasks.example.org:8443): %1")
            .arg(invalid.join(QStringLiteral(", ")));
    }
    if (!m_port->hasAcceptableInput()) {
        *focus = m_port;
        return tr("Port: enter a number from 1 to 65535, or 0 for any free port.");
    }
    return {};
}

int SyncPage::save(QSettings &settings)
{
    const QStringList allowed = origins();
    AppSettings app(settings);
    const bool changed = app.value(Settings::serverLan) != m_lan->isChecked()
        || app.value(Settings::serverPort) != m_port->value() || app.value(Settings::serverAllowedOrigins) != allowed;
    app.setValue(Settings::serverLan, m_lan->isChecked());
    app.setValue(Settings::serverPort, m_port->value());
    app.setValue(Settings::serverAllowedOrigins, allowed);
    return changed ? ServerChanged : NoChange;
}

void SyncPage::onLanToggled(bool checked)
{
    if (!checked || m_lanConfirmed)
        return;
    // Warn before opening up: asynchronous, no nested event loop.
    const QString clearText = m_serverUrl.scheme() == u"https"
        ? tr("Connections use this server's TLS certificate, so passwords and tasks are encrypted on the way.")
        : tr("Without a TLS certificate (tandem --tls-cert and --tls-key), passwords, pairing codes and your tasks "
             "cross the network in clear text: anyone who can watch the network can read them.");
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Allow network access?"),
                                tr("Anyone on your network will be able to reach Tandem's sign-in page at this "
                                   "computer's address. They can only create an account with an invite code you "
                                   "give them, and you can only sign in from elsewhere once your account has a "
                                   "password or a paired device.\n\n%1\n\nOnly do this on a network you trust, "
                                   "such as your home network.")
                                    .arg(clearText),
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

} // namespace tandem

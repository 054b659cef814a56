#include "devicespage.h"

#include "auth/accountservice.h"
#include "common/backgroundrunner.h"
#include "qrcode.h"

#include <QApplication>
#include <QClipboard>
#include <QFont>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QNetworkInterface>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tandem {

namespace {
constexpr int refreshIntervalMs = 5'000; // a device that just paired shows up within this
constexpr int qrScale = 5;
} // namespace

DevicesPage::DevicesPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, QWidget *parent)
    : QWidget(parent)
    , m_accounts(accounts)
    , m_runner(runner)
    , m_owner(owner)
{
    // Pairing
    auto *pairing = new QGroupBox(tr("Pair a phone or another computer"), this);
    auto *explain = new QLabel(tr("Scan the code with the phone's camera, or open the link in a browser on the other "
                                  "device. It signs in as %1 without a password. The code works once, for 10 "
                                  "minutes.")
                                   .arg(owner.username),
                               pairing);
    explain->setWordWrap(true);
    m_newCode = new QPushButton(tr("Show Pairing Code"), pairing);
    m_codeLabel = new QLabel(pairing);
    m_codeLabel->setObjectName(QStringLiteral("pairingCode"));
    QFont codeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    codeFont.setPointSizeF(codeFont.pointSizeF() * 1.8);
    codeFont.setBold(true);
    m_codeLabel->setFont(codeFont);
    m_codeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_codeLabel->setAccessibleName(tr("Pairing code"));
    m_qr = new QLabel(pairing);
    m_qr->setObjectName(QStringLiteral("pairingQr"));
    m_qr->setAccessibleName(tr("QR code of the pairing link"));
    m_link = new QLineEdit(pairing);
    m_link->setReadOnly(true);
    m_link->setAccessibleName(tr("Pairing link"));
    m_copyLink = new QPushButton(tr("Copy Link"), pairing);
    m_expiry = new QLabel(pairing);
    m_networkNote = new QLabel(pairing);
    m_networkNote->setWordWrap(true);
    m_networkNote->hide();

    auto *codeColumn = new QVBoxLayout;
    codeColumn->addWidget(m_codeLabel);
    codeColumn->addWidget(m_expiry);
    auto *linkRow = new QHBoxLayout;
    linkRow->addWidget(m_link, 1);
    linkRow->addWidget(m_copyLink);
    codeColumn->addLayout(linkRow);
    codeColumn->addWidget(m_newCode, 0, Qt::AlignLeft);
    codeColumn->addStretch(1);
    auto *codeRow = new QHBoxLayout;
    codeRow->addWidget(m_qr, 0, Qt::AlignTop);
    codeRow->addLayout(codeColumn, 1);
    auto *pairingLayout = new QVBoxLayout(pairing);
    pairingLayout->addWidget(explain);
    pairingLayout->addWidget(m_networkNote);
    pairingLayout->addLayout(codeRow);

    // Paired devices
    auto *paired = new QGroupBox(tr("Paired devices"), this);
    m_devices = new QTreeWidget(paired);
    m_devices->setObjectName(QStringLiteral("pairedDevices"));
    m_devices->setAccessibleName(tr("Paired devices"));
    m_devices->setHeaderLabels({tr("Device"), tr("Last used"), tr("Paired")});
    m_devices->setRootIsDecorated(false);
    m_devices->setUniformRowHeights(true);
    m_devices->header()->setStretchLastSection(false);
    m_devices->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_devices->setMinimumHeight(120);
    m_revoke = new QPushButton(tr("Revoke…"), paired);
    m_revoke->setEnabled(false);
    m_revoke->setToolTip(tr("Sign the selected device out now; it needs a new code to pair again"));
    m_listStatus = new QLabel(paired);
    m_listStatus->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_listStatus, 1);
    buttons->addWidget(m_revoke);
    auto *pairedLayout = new QVBoxLayout(paired);
    pairedLayout->addWidget(m_devices);
    pairedLayout->addLayout(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(pairing);
    layout->addWidget(paired, 1);

    m_clock = new QTimer(this);
    m_clock->setInterval(1000);
    m_refresh = new QTimer(this);
    m_refresh->setInterval(refreshIntervalMs);
    connect(m_clock, &QTimer::timeout, this, &DevicesPage::tick);
    connect(m_refresh, &QTimer::timeout, this, &DevicesPage::reload);
    connect(m_newCode, &QPushButton::clicked, this, &DevicesPage::showNewCode);
    connect(m_copyLink, &QPushButton::clicked, this, [this] {
        if (!m_link->text().isEmpty())
            QApplication::clipboard()->setText(m_link->text());
    });
    connect(m_devices, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_revoke->setEnabled(!m_devices->selectedItems().isEmpty()); });
    connect(m_revoke, &QPushButton::clicked, this, &DevicesPage::revokeSelected);

    showCode({}, {});
    reload();
}

DevicesPage::~DevicesPage() = default;

void DevicesPage::setServer(const QUrl &url, bool lan)
{
    m_serverUrl = url;
    m_lan = lan;
    if (!m_code.isEmpty())
        showCode(m_code, m_expiresAt);
    else
        showCode({}, {});
}

QString DevicesPage::pairingLink() const
{
    return m_link->text();
}

QStringList DevicesPage::listedDevices() const
{
    QStringList rows;
    for (int i = 0; i < m_devices->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_devices->topLevelItem(i);
        rows.append(item->text(0) + u'|' + item->text(1));
    }
    return rows;
}

QString DevicesPage::pairingLink(const QUrl &serverUrl, const QString &host, const QString &code)
{
    QUrl url = serverUrl;
    if (!host.isEmpty())
        url.setHost(host);
    url.setPath(QStringLiteral("/"));
    url.setQuery(QString());
    url.setFragment(QStringLiteral("pair=") + code);
    return url.toString();
}

QString DevicesPage::lanAddress()
{
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &networkInterface : interfaces) {
        const auto flags = networkInterface.flags();
        if (!flags.testFlag(QNetworkInterface::IsUp) || !flags.testFlag(QNetworkInterface::IsRunning)
            || flags.testFlag(QNetworkInterface::IsLoopBack))
            continue;
        for (const QNetworkAddressEntry &entry : networkInterface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback() && !address.isLinkLocal())
                return address.toString();
        }
    }
    return {};
}

void DevicesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
    m_refresh->start();
}

void DevicesPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_refresh->stop();
}

void DevicesPage::showNewCode()
{
    m_newCode->setEnabled(false);
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner] { return accounts->issuePairingCode(owner); },
        [this](const Result<IssuedPairingCode> &issued) {
            m_newCode->setEnabled(true);
            if (!issued) {
                showCode({}, {});
                m_expiry->setText(tr("Could not make a code: %1").arg(issued.error().message));
                return;
            }
            showCode(issued->code, issued->expiresAt);
        });
}

void DevicesPage::showCode(const QString &code, const QDateTime &expiresAt)
{
    m_code = code;
    m_expiresAt = expiresAt;
    const bool serverUp = m_serverUrl.isValid() && !m_serverUrl.isEmpty();
    QString host;
    if (m_lan)
        host = lanAddress();
    if (!serverUp) {
        m_networkNote->setText(tr("The sync server is off, so no device can pair now. Its status is shown above."));
    } else if (!m_lan) {
        m_networkNote->setText(tr("Network access is off: only a browser on this computer can use the link. Turn on "
                                  "\"Let phones and other computers on my network connect\" above to pair a phone."));
    } else if (host.isEmpty()) {
        m_networkNote->setText(tr("This computer has no network address right now; connect it to your network."));
    }
    m_networkNote->setVisible(!serverUp || !m_lan || host.isEmpty());

    if (code.isEmpty() || !serverUp) {
        m_clock->stop();
        m_codeLabel->setText(code);
        m_codeLabel->setVisible(!code.isEmpty());
        m_link->hide();
        m_copyLink->hide();
        m_qr->clear();
        m_qr->setFixedSize(0, 0);
        m_link->clear();
        m_copyLink->setEnabled(false);
        m_newCode->setText(tr("Show Pairing Code"));
        m_expiry->setText(code.isEmpty() ? QString() : tr("The link needs the sync server."));
        return;
    }
    const QString link = pairingLink(m_serverUrl, host, code);
    m_codeLabel->setText(code);
    m_codeLabel->show();
    m_link->setText(link);
    m_link->show();
    m_copyLink->setEnabled(true);
    m_copyLink->show();
    const QImage image = qrCodeImage(link, qrScale);
    m_qr->setPixmap(QPixmap::fromImage(image));
    m_qr->setFixedSize(image.size());
    m_newCode->setText(tr("New Code"));
    m_clock->start();
    tick();
}

void DevicesPage::tick()
{
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_expiresAt);
    if (left <= 0) {
        showCode({}, {});
        m_expiry->setText(tr("The code expired. Show a new one to pair a device."));
        return;
    }
    m_expiry->setText(tr("Works once, for %1:%2 more").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
}

void DevicesPage::reload()
{
    AccountService *accounts = &m_accounts;
    const QUuid owner = m_owner.id;
    m_runner.run(
        this, [accounts, owner] { return accounts->devices(owner); },
        [this](const Result<QList<Device>> &devices) {
            if (!devices) {
                m_listStatus->setText(tr("Could not read the devices: %1").arg(devices.error().message));
                return;
            }
            const QUuid selected
                = m_devices->currentItem() ? m_devices->currentItem()->data(0, Qt::UserRole).toUuid() : QUuid();
            m_shown = devices.value();
            m_devices->clear();
            const QLocale locale;
            for (const Device &device : std::as_const(m_shown)) {
                auto *item = new QTreeWidgetItem(
                    m_devices,
                    {device.name, lastUseText(device.lastUsedAt),
                     locale.toString(device.createdAt.toLocalTime().date(), QLocale::ShortFormat)});
                item->setData(0, Qt::UserRole, device.id);
                if (device.id == selected)
                    m_devices->setCurrentItem(item);
            }
            m_listStatus->setText(m_shown.isEmpty() ? tr("No device is paired.") : QString());
            m_revoke->setEnabled(!m_devices->selectedItems().isEmpty());
            Q_EMIT devicesLoaded();
        });
}

void DevicesPage::revokeSelected()
{
    QTreeWidgetItem *item = m_devices->currentItem();
    if (!item)
        return;
    const QUuid deviceId = item->data(0, Qt::UserRole).toUuid();
    const QString name = item->text(0);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Revoke %1?").arg(name),
                                tr("%1 is signed out at once and needs a new pairing code to connect again.").arg(name),
                                QMessageBox::Cancel, this);
    box->addButton(tr("Revoke"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, deviceId, name](int) {
        if (box->buttonRole(box->clickedButton()) != QMessageBox::DestructiveRole)
            return;
        AccountService *accounts = &m_accounts;
        const QUuid owner = m_owner.id;
        m_revoke->setEnabled(false);
        m_runner.run(
            this, [accounts, owner, deviceId] { return accounts->revokeDevice(owner, deviceId); },
            [this, name](const Result<void> &done) {
                m_listStatus->setText(done ? tr("%1 was signed out.").arg(name)
                                           : tr("Could not revoke %1: %2").arg(name, done.error().message));
                reload();
            });
    });
    box->open();
}

QString DevicesPage::lastUseText(const QDateTime &at) const
{
    const qint64 ago = at.secsTo(QDateTime::currentDateTimeUtc());
    if (ago < 60)
        return tr("Just now");
    if (ago < 3600)
        return tr("%n minute(s) ago", nullptr, int(ago / 60));
    if (ago < 24 * 3600)
        return tr("%n hour(s) ago", nullptr, int(ago / 3600));
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

} // namespace tandem

#pragma once

#include "domain/user.h"

#include <QDateTime>
#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;

namespace tandem {

class AccountService;
class BackgroundRunner;

// Settings ▸ Sync & devices, its lower half: pairs a phone or another computer without a password
// (a one-time code, valid for ten minutes, shown as text, as a link and as a
// QR code of http://LAN-ADDRESS:PORT/#pair=CODE), and lists the paired
// devices with their last use; revoking one signs it out at once (its open
// connections close). The list refreshes while the page is shown, so a
// device that just paired appears.
class DevicesPage final : public QWidget
{
    Q_OBJECT

public:
    DevicesPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, QWidget *parent = nullptr);
    ~DevicesPage() override;
    Q_DISABLE_COPY_MOVE(DevicesPage)

    // Where the sync server listens now (empty when it is off) and whether
    // other devices may connect: the pairing link uses this computer's
    // network address then, else the server's own.
    void setServer(const QUrl &url, bool lan);

    // The link of the code on show (empty before one is shown or after it expired).
    QString pairingLink() const;
    // The devices as listed, for tests: "name|last use" each.
    QStringList listedDevices() const;

    // http://HOST:PORT/#pair=CODE for a server at `serverUrl`, with `host`
    // instead of its own when not empty. The code is in the fragment, which
    // browsers never send to a server or put in a Referer.
    static QString pairingLink(const QUrl &serverUrl, const QString &host, const QString &code);
    // This computer's first IPv4 address on an interface that is up and not
    // the loopback, or an empty string.
    static QString lanAddress();

Q_SIGNALS:
    // The device list was (re)loaded.
    void devicesLoaded();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showNewCode();
    void showCode(const QString &code, const QDateTime &expiresAt);
    void tick();
    void reload();
    void revokeSelected();
    QString lastUseText(const QDateTime &at) const;

    AccountService &m_accounts;
    BackgroundRunner &m_runner;
    User m_owner;
    QUrl m_serverUrl;
    bool m_lan = false;
    QString m_code;
    QDateTime m_expiresAt;
    QPushButton *m_newCode = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLabel *m_qr = nullptr;
    QLineEdit *m_link = nullptr;
    QPushButton *m_copyLink = nullptr;
    QLabel *m_expiry = nullptr;
    QLabel *m_networkNote = nullptr;
    QTreeWidget *m_devices = nullptr;
    QPushButton *m_revoke = nullptr;
    QLabel *m_listStatus = nullptr;
    QTimer *m_clock = nullptr;
    QTimer *m_refresh = nullptr;
    QList<Device> m_shown;
};

} // namespace tandem

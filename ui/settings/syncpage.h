#pragma once

#include "settingspage.h"

#include <QUrl>

class QCheckBox;
class QPlainTextEdit;
class QSpinBox;

namespace tandem {

class AccountService;
class BackgroundRunner;
class DevicesPage;
struct User;

// Settings ▸ Sync & devices: network access (with a warning before it goes
// on, which says passwords cross the network in clear text unless the server
// has a TLS certificate), the port (the one in use is shown, and the setting
// too when they differ: a --port flag or "any free port"), allowed web
// origins, then pairing devices and the paired devices (DevicesPage).
class SyncPage final : public SettingsPage
{
    Q_OBJECT

public:
    // `serverStatus`: a sentence on the server; `serverUrl`: where it listens now (empty when off).
    SyncPage(AccountService &accounts, BackgroundRunner &runner, const User &owner, const QString &serverStatus,
             const QUrl &serverUrl, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SyncPage)

    QString title() const override { return tr("Sync & devices"); }
    QString problem(QWidget **focus) const override;
    int save(QSettings &settings) override;

    DevicesPage *devicesPage() const { return m_devices; }
    // The origins typed in, one per line; the invalid ones in `invalid`.
    QStringList origins(QStringList *invalid = nullptr) const;
    // What the page says about the port in use.
    static QString portInUseText(const QUrl &serverUrl, int portSetting);

private:
    void onLanToggled(bool checked);

    QUrl m_serverUrl;
    QCheckBox *m_lan = nullptr;
    QSpinBox *m_port = nullptr;
    QPlainTextEdit *m_origins = nullptr;
    DevicesPage *m_devices = nullptr;
    bool m_lanConfirmed = false;
};

} // namespace tandem

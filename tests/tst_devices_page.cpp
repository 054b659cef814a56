// Settings ▸ Devices: a pairing code with its link and QR code, the paired
// devices with their last use, and revoking one, over a real SQLite store.
#include "auth/accountservice.h"
#include "auth/authservice.h"
#include "common/backgroundrunner.h"
#include "settings/devicespage.h"
#include "settings/qrcode.h"
#include "settings/settingsdialog.h"
#include "settings/syncpage.h"
#include "testdatabase.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace tandem;

class TestDevicesPage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<BackgroundRunner> m_runner;
    User m_owner;

    static QPushButton *button(QWidget *parent, const QString &text)
    {
        const auto all = parent->findChildren<QPushButton *>();
        for (QPushButton *b : all) {
            if (b->text() == text)
                return b;
        }
        return nullptr;
    }

    // Shows a fresh code on `page` and returns it.
    static QString showCode(DevicesPage &page)
    {
        auto *show = button(&page, DevicesPage::tr("Show Pairing Code"));
        if (!show)
            show = button(&page, DevicesPage::tr("New Code"));
        if (!show)
            return {};
        const QString before = page.pairingLink();
        show->click();
        if (!QTest::qWaitFor([&] { return !page.pairingLink().isEmpty() && page.pairingLink() != before; }, 5000))
            return {};
        return page.findChild<QLabel *>(QStringLiteral("pairingCode"))->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    }

    void init()
    {
        QSettings().clear();
        QString error;
        m_db = test::TestDatabase::create(StoreEngine::Sqlite, &error);
        QVERIFY2(m_db, qPrintable(error));
        auto store = m_db->open();
        TANDEM_VERIFY_OK(store);
        m_store = std::move(store).value();
        m_accounts = std::make_unique<AccountService>(*m_store);
        m_auth = std::make_unique<AuthService>(*m_store, *m_accounts, QByteArray(32, 'k'), AuthService::Options{});
        m_runner = std::make_unique<BackgroundRunner>();
        auto owner = m_accounts->ensureLocalOwner(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner.value();
    }

    void cleanup()
    {
        m_runner.reset();
        m_auth.reset();
        m_accounts.reset();
        m_store.reset();
        m_db.reset();
    }

    void qrCodesHaveFinderPatternsAndAQuietZone()
    {
        const int scale = 3;
        const QImage image = qrCodeImage(QStringLiteral("http://192.168.1.20:8263/#pair=ABCD-EFGH"), scale);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), image.height());
        const int modules = image.width() / scale - 8;
        QVERIFY2(modules >= 21 && (modules - 17) % 4 == 0, qPrintable(QString::number(modules)));
        const auto dark = [&](int x, int y) {
            return qGray(image.pixel((x + 4) * scale + 1, (y + 4) * scale + 1)) < 128;
        };
        // The quiet zone is light; each corner but the bottom right has a
        // finder pattern: a dark 7x7 ring, a light ring, a dark 3x3 centre.
        QVERIFY(qGray(image.pixel(1, 1)) > 128);
        for (const auto &[ox, oy] : {std::pair{0, 0}, std::pair{modules - 7, 0}, std::pair{0, modules - 7}}) {
            for (int i = 0; i < 7; ++i) {
                QVERIFY(dark(ox + i, oy) && dark(ox + i, oy + 6) && dark(ox, oy + i) && dark(ox + 6, oy + i));
            }
            QVERIFY(!dark(ox + 1, oy + 1) && !dark(ox + 5, oy + 5));
            QVERIFY(dark(ox + 2, oy + 2) && dark(ox + 3, oy + 3) && dark(ox + 4, oy + 4));
        }
        QVERIFY(qrCodeImage(QStringLiteral("http://192.168.1.20:8263/#pair=ABCD-EFGJ"), scale) != image);
        QVERIFY(qrCodeImage(QString(5000, u'x')).isNull()); // beyond any QR code's capacity
    }

    void pairingLinksPutTheCodeInTheFragmentOnTheNetworkAddress()
    {
        const QUrl server(QStringLiteral("http://127.0.0.1:8263"));
        QCOMPARE(DevicesPage::pairingLink(server, QStringLiteral("192.168.1.20"), QStringLiteral("ABCD-EFGH")),
                 QStringLiteral("http://192.168.1.20:8263/#pair=ABCD-EFGH"));
        QCOMPARE(DevicesPage::pairingLink(server, {}, QStringLiteral("ABCD-EFGH")),
                 QStringLiteral("http://127.0.0.1:8263/#pair=ABCD-EFGH"));
        QCOMPARE(DevicesPage::pairingLink(QUrl(QStringLiteral("https://10.0.0.2:9000/x?y=1")), {},
                                          QStringLiteral("ABCD-EFGH")),
                 QStringLiteral("https://10.0.0.2:9000/#pair=ABCD-EFGH"));
    }

    void showsACodeThatPairsAndListsTheDevice()
    {
        DevicesPage page(*m_accounts, *m_runner, m_owner);
        page.setServer(QUrl(QStringLiteral("http://127.0.0.1:8263")), false);
        page.resize(640, 560);
        page.show();
        const QString code = showCode(page);
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}-[0-9A-Z]{4}$")).match(code).hasMatch(),
                 qPrintable(code));
        QCOMPARE(page.pairingLink(), QStringLiteral("http://127.0.0.1:8263/#pair=") + code);
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("pairingQr"))->pixmap().isNull());
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("pairingQr"))->pixmap().width() > 100);

        TANDEM_VERIFY_OK(m_auth->pair(code, QStringLiteral("Pixel 8 (Chrome)"), QStringLiteral("127.0.0.1")));
        // The page refreshes on its own while shown.
        QVERIFY(QTest::qWaitFor(
            [&] { return page.listedDevices() == QStringList{QStringLiteral("Pixel 8 (Chrome)|Just now")}; }, 8000));
        // The used code is no good any more; a new one is.
        const QString second = showCode(page);
        QVERIFY(!second.isEmpty() && second != code);
        QVERIFY(!m_auth->pair(code, QStringLiteral("Again"), QStringLiteral("127.0.0.1")));
        page.grab().save(QDir::temp().filePath(QStringLiteral("tandem-devices-page.png")));
    }

    void revokingAsksFirstThenSignsTheDeviceOut()
    {
        auto first = m_accounts->issuePairingCode(m_owner.id);
        TANDEM_VERIFY_OK(first);
        auto paired = m_auth->pair(first->code, QStringLiteral("Old laptop"), QStringLiteral("127.0.0.1"));
        TANDEM_VERIFY_OK(paired);
        QSignalSpy revoked(m_accounts.get(), &AccountService::tokenRevoked);

        DevicesPage page(*m_accounts, *m_runner, m_owner);
        page.show();
        QVERIFY(QTest::qWaitFor([&] { return page.listedDevices().size() == 1; }, 5000));
        auto *list = page.findChild<QTreeWidget *>(QStringLiteral("pairedDevices"));
        auto *revoke = button(&page, DevicesPage::tr("Revoke…"));
        QVERIFY(!revoke->isEnabled());
        list->setCurrentItem(list->topLevelItem(0));
        QVERIFY(revoke->isEnabled());

        // Cancel keeps it.
        revoke->click();
        QMessageBox *box = nullptr;
        QVERIFY(QTest::qWaitFor([&] { return (box = page.findChild<QMessageBox *>()) && box->isVisible(); }, 2000));
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(50);
        QCOMPARE(revoked.size(), 0);
        TANDEM_VERIFY_OK(m_auth->authenticate(paired->token.token));

        revoke->click();
        QVERIFY(QTest::qWaitFor([&] { return (box = page.findChild<QMessageBox *>()) && box->isVisible(); }, 2000));
        button(box, DevicesPage::tr("Revoke"))->click();
        QVERIFY(revoked.wait(5000) || revoked.size() == 1);
        QCOMPARE(revoked.constFirst().constFirst().toString(), paired->device.tokenId);
        QVERIFY(QTest::qWaitFor([&] { return page.listedDevices().isEmpty(); }, 5000));
        QVERIFY(!m_auth->authenticate(paired->token.token));
    }

    void settingsShowTheUsernameTheDevicesPageAndTheClearTextWarning()
    {
        QSettings().setValue(QStringLiteral("server/lan"), true);
        SettingsDialog dialog(*m_accounts, *m_runner, m_owner, QStringLiteral("Sync server on http://127.0.0.1:8263"),
                              QUrl(QStringLiteral("http://127.0.0.1:8263")));
        dialog.show();
        QVERIFY(dialog.devicesPage());
        dialog.showPage(dialog.syncPage());
        QVERIFY(dialog.devicesPage()->isVisible());
        QCOMPARE(dialog.pageList()->currentItem()->text(), SettingsDialog::tr("Sync & devices"));
        bool namesUser = false;
        for (QLabel *label : dialog.findChildren<QLabel *>())
            namesUser = namesUser || label->text().contains(QStringLiteral("<b>alice</b>"));
        QVERIFY(namesUser);
        auto *warning = dialog.findChild<QLabel *>(QStringLiteral("clearTextWarning"));
        QVERIFY(warning && warning->isVisible());

        SettingsDialog encrypted(*m_accounts, *m_runner, m_owner, QString(),
                                 QUrl(QStringLiteral("https://127.0.0.1:8263")));
        encrypted.show();
        encrypted.showPage(encrypted.syncPage());
        QVERIFY(!encrypted.findChild<QLabel *>(QStringLiteral("clearTextWarning"))->isVisible());
        dialog.showPage(dialog.syncPage());
        dialog.grab().save(QDir::temp().filePath(QStringLiteral("tandem-settings-devices.png")));
    }
};

QTEST_MAIN(TestDevicesPage)
#include "tst_devices_page.moc"

// The settings dialog: network access is only turned on after the warning is
// accepted, settings are validated and saved, and the account actions work.
#include "common/backgroundrunner.h"
#include "services/accountservice.h"
#include "settings/settingsdialog.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<BackgroundRunner> m_runner;
    User m_owner;

    std::unique_ptr<SettingsDialog> makeDialog()
    {
        auto dialog = std::make_unique<SettingsDialog>(*m_accounts, *m_runner, m_owner,
                                                       QStringLiteral("Sync server on http://127.0.0.1:8263"));
        dialog->show();
        return dialog;
    }

    template<typename T> static T *child(QWidget *parent, const QString &text = {})
    {
        const auto all = parent->findChildren<T *>();
        for (T *widget : all) {
            if constexpr (std::is_base_of_v<QAbstractButton, T>) {
                if (!text.isEmpty() && widget->text() != text)
                    continue;
            }
            return widget;
        }
        return nullptr;
    }

    // The warning the dialog opens (asynchronously) when network access is ticked.
    static QMessageBox *warning(QWidget *dialog)
    {
        QMessageBox *box = nullptr;
        (void)QTest::qWaitFor([&] { return (box = dialog->findChild<QMessageBox *>()) && box->isVisible(); }, 2000);
        return box;
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
        m_runner = std::make_unique<BackgroundRunner>();
        auto owner = m_accounts->ensureLocalOwner(QStringLiteral("alice"));
        TANDEM_VERIFY_OK(owner);
        m_owner = owner.value();
    }

    void cleanup()
    {
        m_runner.reset();
        m_accounts.reset();
        m_store.reset();
        m_db.reset();
    }

    void lan_warningCancelled_staysOff()
    {
        auto dialog = makeDialog();
        QCheckBox *lan = child<QCheckBox>(dialog.get());
        QVERIFY(lan);
        lan->setChecked(true);
        QMessageBox *box = warning(dialog.get());
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("invite code")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!lan->isChecked());
    }

    void lan_warningAccepted_savedOnOk()
    {
        auto dialog = makeDialog();
        QSignalSpy changed(dialog.get(), &SettingsDialog::serverSettingsChanged);
        QCheckBox *lan = child<QCheckBox>(dialog.get());
        lan->setChecked(true);
        QMessageBox *box = warning(dialog.get());
        QVERIFY(box);
        QAbstractButton *allow = nullptr;
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::AcceptRole)
                allow = button;
        }
        QVERIFY(allow);
        allow->click();
        QVERIFY(lan->isChecked());
        child<QSpinBox>(dialog.get())->setValue(9000);
        dialog->accept();
        QCOMPARE(changed.size(), 1);
        const QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("server/lan")).toBool(), true);
        QCOMPARE(settings.value(QStringLiteral("server/port")).toInt(), 9000);
    }

    void accept_invalidOrigin_isRefusedAndNothingSaved()
    {
        auto dialog = makeDialog();
        QSignalSpy changed(dialog.get(), &SettingsDialog::serverSettingsChanged);
        child<QPlainTextEdit>(dialog.get())->setPlainText(QStringLiteral("https://ok.example\nnot an origin/path"));
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(changed.size(), 0);
        QVERIFY(!QSettings().contains(QStringLiteral("server/allowedOrigins")));
        child<QPlainTextEdit>(dialog.get())->setPlainText(QStringLiteral("https://ok.example\nhttp://10.0.0.2:8080"));
        dialog->accept();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(QSettings().value(QStringLiteral("server/allowedOrigins")).toStringList(),
                 (QStringList{QStringLiteral("https://ok.example"), QStringLiteral("http://10.0.0.2:8080")}));
    }

    void setPassword_matchingFields_storesHash()
    {
        auto dialog = makeDialog();
        const auto edits = dialog->findChildren<QLineEdit *>();
        QList<QLineEdit *> passwords;
        for (QLineEdit *edit : edits) {
            if (edit->echoMode() == QLineEdit::Password)
                passwords.append(edit);
        }
        QCOMPARE(passwords.size(), 2);
        passwords.at(0)->setText(QStringLiteral("correct horse"));
        passwords.at(1)->setText(QStringLiteral("correct horse!"));
        child<QPushButton>(dialog.get(), SettingsDialog::tr("Set Password"))->click();
        QVERIFY(!m_accounts->user(m_owner.id)->hasPassword()); // they differ: nothing saved
        passwords.at(1)->setText(QStringLiteral("correct horse"));
        child<QPushButton>(dialog.get(), SettingsDialog::tr("Set Password"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_accounts->user(m_owner.id)->hasPassword(), 10000);
        QTRY_COMPARE(passwords.at(0)->text(), QString());
    }

    void createInvite_click_showsACode()
    {
        auto dialog = makeDialog();
        child<QPushButton>(dialog.get(), SettingsDialog::tr("Create Invite Code"))->click();
        QLineEdit *code = nullptr;
        const auto edits = dialog->findChildren<QLineEdit *>();
        for (QLineEdit *edit : edits) {
            if (edit->isReadOnly())
                code = edit;
        }
        QVERIFY(code);
        QTRY_VERIFY(!code->text().isEmpty());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")).match(code->text()).hasMatch());
        if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("settings-dialog.png"))));
    }

    // --- the AI model ------------------------------------------------------
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"

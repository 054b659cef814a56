// The settings dialog: network access is only turned on after the warning is
// accepted, settings are validated and saved, the account actions work, and
// the AI model section saves its settings, keeps the API key in the keychain
// and tests the connection.
#include "assistant/llmsettings.h"
#include "auth/accountservice.h"
#include "common/backgroundrunner.h"
#include "fakemodelserver.h"
#include "settings/settingsdialog.h"
#include "testdatabase.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;

// The keychain tests need a Secret Service; without one they fail (never skip).
#define TANDEM_REQUIRE_KEYCHAIN()                                                                                      \
    if (qEnvironmentVariable("TANDEM_TEST_KEYCHAIN") != u"1")                                                          \
        QFAIL("no Secret Service for this test: run it through scripts/test, or wrap it as in "                        \
              "`source scripts/lib/keychain.sh; tandem_with_keychain ctest ...` (TANDEM_TEST_KEYCHAIN=1 is not set)");

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
        QCheckBox *lan = child<QCheckBox>(dialog.get(),
                                          SettingsDialog::tr("Let phones and other computers on my network connect"));
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
        QCheckBox *lan = child<QCheckBox>(dialog.get(),
                                          SettingsDialog::tr("Let phones and other computers on my network connect"));
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
        dialog->findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(9000);
        dialog->accept();
        QCOMPARE(changed.size(), 1);
        const QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("server/lan")).toBool(), true);
        QCOMPARE(settings.value(QStringLiteral("server/port")).toInt(), 9000);
    }

    void port_zeroStored_isShownAsAnyFreePort_andNotChangedOnOk()
    {
        // --port and the setting take 0 (any free port); the dialog must not
        // turn it into another number, nor call an untouched value a change.
        QSettings().setValue(QStringLiteral("server/port"), 0);
        auto dialog = makeDialog();
        QSignalSpy changed(dialog.get(), &SettingsDialog::serverSettingsChanged);
        auto *port = dialog->findChild<QSpinBox *>(QStringLiteral("serverPort"));
        QCOMPARE(port->value(), 0);
        QCOMPARE(port->text(), QStringLiteral("Any free port"));
        dialog->accept();
        QCOMPARE(changed.size(), 0);
        QCOMPARE(QSettings().value(QStringLiteral("server/port")).toInt(), 0);
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
            if (edit->echoMode() == QLineEdit::Password && edit->objectName() != u"llmApiKey")
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
        auto *code = dialog->findChild<QLineEdit *>(QStringLiteral("inviteCode"));
        QVERIFY(code);
        QVERIFY(code->isReadOnly());
        QTRY_VERIFY(!code->text().isEmpty());
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")).match(code->text()).hasMatch());
        if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(QDir(dir).filePath(QStringLiteral("settings-dialog.png"))));
    }

    // --- the AI model ------------------------------------------------------

    void llm_savedOnOk_withoutAnyKeyInTheSettings()
    {
        auto dialog = makeDialog();
        QSignalSpy assistantChanged(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        QSignalSpy serverChanged(dialog.get(), &SettingsDialog::serverSettingsChanged);
        auto *enabled = child<QCheckBox>(dialog.get(), SettingsDialog::tr("Answer chat messages with an AI model"));
        QVERIFY(enabled);
        enabled->setChecked(true);
        dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))
            ->setText(QStringLiteral(" http://localhost:11434/v1 "));
        dialog->findChild<QLineEdit *>(QStringLiteral("llmModel"))->setText(QStringLiteral("llama3.1"));
        QCOMPARE(dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"))->echoMode(), QLineEdit::Password);
        dialog->accept();
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(assistantChanged.size(), 1);
        QCOMPARE(serverChanged.size(), 0);
        const QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("assistant/enabled")).toBool(), true);
        QCOMPARE(settings.value(QStringLiteral("assistant/endpoint")).toString(),
                 QStringLiteral("http://localhost:11434/v1"));
        QCOMPARE(settings.value(QStringLiteral("assistant/model")).toString(), QStringLiteral("llama3.1"));

        // Unchanged on a second OK: no signal.
        auto again = makeDialog();
        QSignalSpy unchanged(again.get(), &SettingsDialog::assistantSettingsChanged);
        QCOMPARE(again->findChild<QLineEdit *>(QStringLiteral("llmModel"))->text(), QStringLiteral("llama3.1"));
        again->accept();
        QCOMPARE(unchanged.size(), 0);
    }

    void llm_invalidEndpoint_isRefusedAndNothingSaved()
    {
        auto dialog = makeDialog();
        QSignalSpy assistantChanged(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        child<QCheckBox>(dialog.get(), SettingsDialog::tr("Answer chat messages with an AI model"))->setChecked(true);
        dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))->setText(QStringLiteral("ftp://localhost/v1"));
        dialog->findChild<QLineEdit *>(QStringLiteral("llmModel"))->setText(QStringLiteral("llama3.1"));
        dialog->findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(9001);
        dialog->accept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(assistantChanged.size(), 0);
        const auto labels = dialog->findChildren<QLabel *>();
        const bool explained = std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *label) {
            return label->text().contains(QStringLiteral("endpoint"))
                && label->text().contains(QStringLiteral("http://"));
        });
        QVERIFY(explained);
        const QSettings settings;
        QVERIFY(!settings.contains(QStringLiteral("assistant/endpoint")));
        QVERIFY(!settings.contains(QStringLiteral("server/port"))); // nothing at all was saved
    }

    void llm_testConnection_usesTheTypedKey_andSaysHowItWent()
    {
        test::FakeModelServer server;
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        server.enqueue(test::FakeModelServer::text(QStringLiteral("OK")));
        server.enqueue(test::FakeModelServer::status(401));
        auto dialog = makeDialog();
        dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))->setText(server.baseUrl().toString());
        dialog->findChild<QLineEdit *>(QStringLiteral("llmModel"))->setText(QStringLiteral("fake-model"));
        dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"))->setText(QStringLiteral("sk-typed-key"));
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("llmStatus"));
        auto *test = child<QPushButton>(dialog.get(), SettingsDialog::tr("Test Connection"));
        QVERIFY(status && test);

        test->click();
        QTRY_COMPARE(status->text(), QStringLiteral("Connected: fake-model answered “OK”."));
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first().headers.value("authorization"), QByteArray("Bearer sk-typed-key"));
        QCOMPARE(server.requests.first().json().value(QStringLiteral("model")).toString(),
                 QStringLiteral("fake-model"));

        test->click();
        QTRY_COMPARE(status->text(), QStringLiteral("The AI model refused the API key (401); check it in Settings."));
        QVERIFY(test->isEnabled());
        QCOMPARE(server.unscripted, 0);
        // A test saves nothing.
        QVERIFY(!QSettings().contains(QStringLiteral("assistant/model")));
    }

    void llm_apiKey_storedInTheKeychainOnOk_andUsedByTheTest()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        const QString service = QStringLiteral("Tandem-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString key = QStringLiteral("sk-dialog-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        // The user agreed to the keychain before (tst_keychain_consent covers asking).
        QSettings().setValue(QStringLiteral("keychain/explained"), true);
        assistant::LlmKeyStore store;
        store.setKeychainEntry(service, QStringLiteral("llm-api-key"));
        const auto cleanup = qScopeGuard([&store] {
            QSignalSpy removed(&store, &assistant::LlmKeyStore::removed);
            store.remove();
            (void)removed.wait(10000);
        });

        test::FakeModelServer server;
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        auto dialog = makeDialog();
        dialog->setLlmKeychainEntry(service, QStringLiteral("llm-api-key"));
        QSignalSpy assistantChanged(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))->setText(server.baseUrl().toString());
        dialog->findChild<QLineEdit *>(QStringLiteral("llmModel"))->setText(QStringLiteral("fake-model"));
        auto *keyEdit = dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"));
        keyEdit->setText(key);
        dialog->accept(); // stores the key first, then closes
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 30000);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(assistantChanged.size(), 1);
        QVERIFY(keyEdit->text().isEmpty());

        QSignalSpy loaded(&store, &assistant::LlmKeyStore::loaded);
        store.load();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.first().first().toString(), key);
        // Not in the settings file.
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(key.toUtf8()));

        // The connection test with the field empty uses the stored key.
        server.enqueue(test::FakeModelServer::text(QStringLiteral("OK")));
        auto reopened = makeDialog();
        reopened->setLlmKeychainEntry(service, QStringLiteral("llm-api-key"));
        child<QPushButton>(reopened.get(), SettingsDialog::tr("Test Connection"))->click();
        auto *status = reopened->findChild<QLabel *>(QStringLiteral("llmStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Connected")), 30000);
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first().headers.value("authorization"), "Bearer " + key.toUtf8());
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"

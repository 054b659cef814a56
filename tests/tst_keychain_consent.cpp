// The OS keychain is explained before Tandem's first keychain prompt; a
// refusal is remembered (nothing touches the keychain afterwards, not even at
// the next start) and Settings ▸ Assistant offers to ask again. Runs against a
// real Secret Service (scripts/lib/keychain.sh), like tst_llm_settings.
#include "domain/settingsschema.h"

#include "assistant/llmsettings.h"
#include "auth/accountservice.h"
#include "common/backgroundrunner.h"
#include "fakemodelserver.h"
#include "settings/assistantpage.h"
#include "settings/keychainconsent.h"
#include "settings/settingsdialog.h"
#include "testdatabase.h"

#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tandem;

#define TANDEM_REQUIRE_KEYCHAIN()                                                                                      \
    if (qEnvironmentVariable("TANDEM_TEST_KEYCHAIN") != u"1")                                                          \
        QFAIL("no Secret Service for this test: run it through scripts/test, or wrap it as in "                        \
              "`source scripts/lib/keychain.sh; tandem_with_keychain ctest ...` (TANDEM_TEST_KEYCHAIN=1 is not set)");

class TestKeychainConsent : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<AccountService> m_accounts;
    std::unique_ptr<BackgroundRunner> m_runner;
    User m_owner;
    QString m_service;

    std::unique_ptr<SettingsDialog> makeDialog()
    {
        auto dialog = std::make_unique<SettingsDialog>(*m_accounts, *m_runner, m_owner, QString());
        dialog->setLlmKeychainEntry(m_service, QStringLiteral("llm-api-key"));
        dialog->show();
        dialog->showPage(dialog->assistantPage());
        return dialog;
    }

    static QMessageBox *consentBox(QWidget *dialog)
    {
        QMessageBox *box = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                box = dialog->findChild<QMessageBox *>(QString::fromLatin1(keychainconsent::boxName));
                return box && box->isVisible();
            },
            5000);
        return box;
    }

    static void answer(QMessageBox *box, QMessageBox::ButtonRole role)
    {
        for (QAbstractButton *button : box->buttons()) {
            if (box->buttonRole(button) == role) {
                button->click();
                return;
            }
        }
        QFAIL("the explanation has no such button");
    }

    // The key in the test's keychain entry ("" when none), read with consent.
    QString storedKey()
    {
        AppSettings settings;
        const auto refused = settings.value(Settings::keychainRefused);
        settings.setValue(Settings::keychainRefused, false);
        const auto restore = qScopeGuard([&] { AppSettings().setValue(Settings::keychainRefused, refused); });
        assistant::LlmKeyStore store;
        store.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));
        QSignalSpy loaded(&store, &assistant::LlmKeyStore::loaded);
        QSignalSpy failed(&store, &assistant::LlmKeyStore::failed);
        store.load();
        if (!QTest::qWaitFor([&] { return loaded.size() + failed.size() > 0; }, 30000) || loaded.isEmpty())
            return QStringLiteral("<failed>");
        return loaded.first().first().toString();
    }

    void fillModel(SettingsDialog &dialog, const QString &endpoint)
    {
        dialog.findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))->setText(endpoint);
        dialog.findChild<QLineEdit *>(QStringLiteral("llmModel"))->setText(QStringLiteral("fake-model"));
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
        m_service = QStringLiteral("Tandem-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
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
        if (!m_service.isEmpty() && !QTest::currentTestFailed()) {
            AppSettings().setValue(Settings::keychainRefused, false);
            assistant::LlmKeyStore store;
            store.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));
            QSignalSpy removed(&store, &assistant::LlmKeyStore::removed);
            store.remove();
            (void)removed.wait(10000);
        }
        m_runner.reset();
        m_accounts.reset();
        m_store.reset();
        m_db.reset();
    }

    void keyStore_afterARefusal_failsWithoutTouchingTheKeychain()
    {
        AppSettings settings;
        QCOMPARE(assistant::keychainConsent(settings), assistant::KeychainConsent::Unasked);
        assistant::recordKeychainConsent(settings, false);
        QCOMPARE(assistant::keychainConsent(settings), assistant::KeychainConsent::Refused);
        assistant::LlmKeyStore store;
        store.setKeychainEntry(m_service, QStringLiteral("llm-api-key"));
        QSignalSpy failed(&store, &assistant::LlmKeyStore::failed);
        QSignalSpy saved(&store, &assistant::LlmKeyStore::saved);
        store.save(QStringLiteral("sk-never-stored"));
        QVERIFY(failed.wait(2000));
        QCOMPARE(saved.size(), 0);
        QVERIFY(failed.first().first().value<Error>().message.contains(QStringLiteral("chose not")));
        assistant::recordKeychainConsent(settings, true);
        QCOMPARE(assistant::keychainConsent(settings), assistant::KeychainConsent::Granted);
    }

    void firstKey_refused_isExplainedRememberedAndNothingSaved()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        auto dialog = makeDialog();
        QSignalSpy changed(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        fillModel(*dialog, QStringLiteral("http://localhost:11434/v1"));
        dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"))->setText(QStringLiteral("sk-refused"));
        dialog->accept();
        QMessageBox *box = consentBox(dialog.get()); // before any keychain prompt
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("keychain")));
        answer(box, QMessageBox::RejectRole);

        QTRY_VERIFY(dialog->errorText().contains(QStringLiteral("Nothing was saved")));
        QVERIFY(dialog->isVisible());
        QCOMPARE(changed.size(), 0);
        QVERIFY(!QSettings().contains(Settings::assistantEndpoint.key()));
        QCOMPARE(assistant::keychainConsent(AppSettings()), assistant::KeychainConsent::Refused);
        QCOMPARE(storedKey(), QString());

        // Remembered: the page says so and offers to ask again instead of prompting.
        auto reopened = makeDialog();
        QVERIFY(!reopened->findChild<QLineEdit *>(QStringLiteral("llmApiKey"))->isEnabled());
        auto *askAgain = reopened->findChild<QPushButton *>(QStringLiteral("keychainAskAgain"));
        QVERIFY(askAgain && askAgain->isVisible());
        QVERIFY(reopened->findChild<QLabel *>(QStringLiteral("keychainState"))->text().contains(u"chose not"));
    }

    void askAgain_granted_storesTheKeyWithoutAskingTwice()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        AppSettings settings;
        assistant::recordKeychainConsent(settings, false);
        auto dialog = makeDialog();
        QSignalSpy changed(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        dialog->findChild<QPushButton *>(QStringLiteral("keychainAskAgain"))->click();
        QMessageBox *box = consentBox(dialog.get());
        QVERIFY(box);
        answer(box, QMessageBox::AcceptRole);
        QTRY_COMPARE(changed.size(), 1); // the engine reloads, now with the keychain
        QCOMPARE(assistant::keychainConsent(AppSettings()), assistant::KeychainConsent::Granted);
        auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"));
        QVERIFY(key->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("keychainAskAgain"))->isVisible());

        fillModel(*dialog, QStringLiteral("http://localhost:11434/v1"));
        key->setText(QStringLiteral("sk-granted"));
        dialog->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isVisible(), 30000);
        QVERIFY(!dialog->findChild<QMessageBox *>(QString::fromLatin1(keychainconsent::boxName)));
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(storedKey(), QStringLiteral("sk-granted"));
    }

    void testConnection_unasked_explainsFirst_andARefusalTriesWithoutAKey()
    {
        TANDEM_REQUIRE_KEYCHAIN();
        test::FakeModelServer server;
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        server.enqueue(test::FakeModelServer::text(QStringLiteral("OK")));
        auto dialog = makeDialog();
        fillModel(*dialog, server.baseUrl().toString());
        QPushButton *test = nullptr;
        for (QPushButton *button : dialog->findChildren<QPushButton *>()) {
            if (button->text() == AssistantPage::tr("Test Connection"))
                test = button;
        }
        QVERIFY(test);
        test->click();
        QMessageBox *box = consentBox(dialog.get());
        QVERIFY(box);
        QCOMPARE(server.requests.size(), 0); // nothing happens before the answer
        answer(box, QMessageBox::RejectRole);
        auto *status = dialog->findChild<QLabel *>(QStringLiteral("llmStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Connected")), 30000);
        QVERIFY(status->text().contains(QStringLiteral("Tried without a key")));
        QCOMPARE(server.requests.size(), 1);
        QVERIFY(!server.requests.first().headers.contains("authorization"));
    }
};

QTEST_MAIN(TestKeychainConsent)
#include "tst_keychain_consent.moc"

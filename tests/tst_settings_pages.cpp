// The settings window as pages: the list, each page's saving, invalid input
// on each page (it shows that page, says what to fix and saves nothing), the
// port in use, accessible names, text that fits at the default and minimum
// size, Ctrl+, and Help ▸ Keyboard Shortcuts listing the window's actions.
#include "domain/settingsschema.h"

#include "common/shortcutsdialog.h"
#include "mainwindowfixture.h"
#include "settings/accountpage.h"
#include "settings/assistantpage.h"
#include "settings/generalpage.h"
#include "settings/notificationspage.h"
#include "settings/settingsdialog.h"
#include "settings/syncpage.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTreeWidget>

using namespace tandem;
using namespace tandem::test;

class TestSettingsPages : public QObject
{
    Q_OBJECT

private:
    MainWindowFixture m_f;

    std::unique_ptr<SettingsDialog> makeDialog(const QUrl &serverUrl = {})
    {
        auto dialog = std::make_unique<SettingsDialog>(
            *m_f.accounts, *m_f.runner, m_f.owner, QStringLiteral("Sync server on http://127.0.0.1:54321"), serverUrl,
            nullptr, nullptr, QStringLiteral("the SQLite file /home/alice/.local/share/Tandem/tandem.db"));
        dialog->show();
        return dialog;
    }

    // Every piece of text on `page` that the layout cut short, as "class: text".
    static QStringList clippedText(QWidget *page)
    {
        QStringList clipped;
        const auto labels = page->findChildren<QLabel *>();
        for (const QLabel *label : labels) {
            if (!label->isVisible() || label->text().isEmpty() || !label->pixmap().isNull())
                continue;
            const bool fits = label->wordWrap() ? label->height() >= label->heightForWidth(label->width())
                                                : label->width() >= label->minimumSizeHint().width();
            if (!fits)
                clipped.append(QStringLiteral("QLabel: ") + label->text());
        }
        const auto buttons = page->findChildren<QAbstractButton *>();
        for (const QAbstractButton *button : buttons) {
            if (button->isVisible() && !button->text().isEmpty() && button->width() < button->sizeHint().width())
                clipped.append(QStringLiteral("button: ") + button->text());
        }
        return clipped;
    }

private Q_SLOTS:
    void initTestCase() { m_f.isolate(); }

    void init()
    {
        QSettings().clear();
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
    }

    void cleanup() { m_f.close(); }

    void pageList_namesEveryPage_andShowsTheOneChosen()
    {
        auto dialog = makeDialog();
        QStringList titles;
        for (int row = 0; row < dialog->pageList()->count(); ++row)
            titles.append(dialog->pageList()->item(row)->text());
        QCOMPARE(
            titles,
            (QStringList{QStringLiteral("General"), QStringLiteral("Appearance"), QStringLiteral("Notifications"),
                         QStringLiteral("Assistant"), QStringLiteral("Sync & devices"), QStringLiteral("Account")}));
        QCOMPARE(dialog->currentPage(), dialog->generalPage());
        dialog->pageList()->setCurrentRow(3);
        QCOMPARE(dialog->currentPage(), dialog->assistantPage());
        QVERIFY(dialog->assistantPage()->isVisible());
        QVERIFY(!dialog->generalPage()->isVisible());
    }

    void accept_invalidInput_showsThePageSaysWhatToFixAndSavesNothing_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<QString>("explains");
        QTest::newRow("notifications: minutes emptied") << 2 << QStringLiteral("minutes before the due time");
        QTest::newRow("assistant: not an http endpoint") << 3 << QStringLiteral("http://");
        QTest::newRow("assistant: enabled without a model") << 3 << QStringLiteral("model name");
        QTest::newRow("sync: not an origin") << 4 << QStringLiteral("not web origins");
        QTest::newRow("account: password typed, not set") << 5 << QStringLiteral("Set Password");
    }

    void accept_invalidInput_showsThePageSaysWhatToFixAndSavesNothing()
    {
        QFETCH(int, page);
        QFETCH(QString, explains);
        auto dialog = makeDialog();
        QSignalSpy server(dialog.get(), &SettingsDialog::serverSettingsChanged);
        QSignalSpy assistant(dialog.get(), &SettingsDialog::assistantSettingsChanged);
        // A valid change on another page, which must not be saved either.
        dialog->findChild<QCheckBox *>(QStringLiteral("keepRunningInTray"))->setChecked(false);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (tag.startsWith(u"notifications")) {
            auto *lead = dialog->findChild<QSpinBox *>(QStringLiteral("reminderLeadMinutes"));
            lead->setFocus();
            lead->selectAll();
            QTest::keyClick(lead, Qt::Key_Delete);
            QVERIFY(!lead->hasAcceptableInput());
        } else if (tag.contains(u"endpoint")) {
            dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))->setText(QStringLiteral("ftp://host/v1"));
        } else if (tag.contains(u"model")) {
            dialog->assistantPage()->findChild<QCheckBox *>()->setChecked(true);
            dialog->findChild<QLineEdit *>(QStringLiteral("llmEndpoint"))
                ->setText(QStringLiteral("http://localhost:11434/v1"));
        } else if (tag.startsWith(u"sync")) {
            dialog->findChild<QPlainTextEdit *>(QStringLiteral("allowedOrigins"))
                ->setPlainText(QStringLiteral("https://ok.example\ntasks.example.org/path"));
        } else {
            const auto edits = dialog->accountPage()->findChildren<QLineEdit *>();
            for (QLineEdit *edit : edits) {
                if (edit->echoMode() == QLineEdit::Password)
                    edit->setText(QStringLiteral("correct horse"));
            }
        }
        dialog->showPage(dialog->generalPage());

        dialog->accept();
        QVERIFY(dialog->isVisible());
        QCOMPARE(dialog->currentPage(), dialog->pages().at(page));
        QVERIFY2(dialog->errorText().contains(explains), qPrintable(dialog->errorText()));
        QCOMPARE(server.size(), 0);
        QCOMPARE(assistant.size(), 0);
        QCOMPARE(QSettings().allKeys(), QStringList()); // nothing at all was saved
    }

    void accept_generalAndNotifications_saved()
    {
        auto dialog = makeDialog();
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("dataLocation"))->text().contains(u"tandem.db"));
        dialog->findChild<QCheckBox *>(QStringLiteral("keepRunningInTray"))->setChecked(false);
        dialog->findChild<QCheckBox *>(QStringLiteral("remindersEnabled"))->setChecked(true);
        dialog->findChild<QSpinBox *>(QStringLiteral("reminderLeadMinutes"))->setValue(15);
        dialog->accept();
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        const AppSettings settings;
        QCOMPARE(settings.value(Settings::keepRunningInTray), false);
        QCOMPARE(settings.value(Settings::remindersEnabled), true);
        QCOMPARE(settings.value(Settings::reminderLeadMinutes), 15);

        auto again = makeDialog();
        QCOMPARE(again->findChild<QSpinBox *>(QStringLiteral("reminderLeadMinutes"))->value(), 15);
        QVERIFY(!again->findChild<QCheckBox *>(QStringLiteral("keepRunningInTray"))->isChecked());
    }

    void portInUseText_data()
    {
        QTest::addColumn<QUrl>("url");
        QTest::addColumn<int>("setting");
        QTest::addColumn<QStringList>("says");
        QTest::newRow("as set") << QUrl(QStringLiteral("http://127.0.0.1:8263")) << 8263
                                << QStringList{QStringLiteral("Listening on port 8263.")};
        QTest::newRow("any free port") << QUrl(QStringLiteral("http://127.0.0.1:54321")) << 0
                                       << QStringList{QStringLiteral("54321"), QStringLiteral("Any free port")};
        QTest::newRow("--port") << QUrl(QStringLiteral("http://127.0.0.1:9000")) << 8263
                                << QStringList{QStringLiteral("9000"), QStringLiteral("8263"),
                                               QStringLiteral("--port")};
        QTest::newRow("off") << QUrl() << 8263 << QStringList{QStringLiteral("not listening")};
    }

    void portInUseText()
    {
        QFETCH(QUrl, url);
        QFETCH(int, setting);
        QFETCH(QStringList, says);
        const QString text = SyncPage::portInUseText(url, setting);
        for (const QString &part : says)
            QVERIFY2(text.contains(part), qPrintable(text));
    }

    void syncPage_portChosenBySystem_showsThePortInUseAndTheSetting()
    {
        AppSettings().setValue(Settings::serverPort, 0);
        auto dialog = makeDialog(QUrl(QStringLiteral("http://127.0.0.1:54321")));
        dialog->showPage(dialog->syncPage());
        auto *inUse = dialog->findChild<QLabel *>(QStringLiteral("portInUse"));
        QVERIFY(inUse && inUse->isVisible());
        QCOMPARE(inUse->text(), SyncPage::portInUseText(QUrl(QStringLiteral("http://127.0.0.1:54321")), 0));
        QCOMPARE(dialog->findChild<QSpinBox *>(QStringLiteral("serverPort"))->value(), 0);
    }

    void everyControl_hasAnAccessibleName()
    {
        auto dialog = makeDialog();
        QStringList unnamed;
        const auto widgets = dialog->findChildren<QWidget *>();
        for (const QWidget *widget : widgets) {
            const bool input = qobject_cast<const QLineEdit *>(widget) || qobject_cast<const QAbstractSpinBox *>(widget)
                || qobject_cast<const QPlainTextEdit *>(widget) || qobject_cast<const QCheckBox *>(widget)
                || qobject_cast<const QRadioButton *>(widget) || qobject_cast<const QListWidget *>(widget)
                || qobject_cast<const QTreeWidget *>(widget);
            const auto *button = qobject_cast<const QAbstractButton *>(widget);
            // A spin box's inner line edit is named through the spin box.
            if (qobject_cast<const QAbstractSpinBox *>(widget->parentWidget()))
                continue;
            if ((input && widget->accessibleName().isEmpty())
                || (button && button->text().isEmpty() && button->accessibleName().isEmpty()))
                unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        // Controls whose label may be cut short say it in full in a tooltip.
        QVERIFY(!dialog->findChild<QLineEdit *>(QStringLiteral("llmApiKey"))->toolTip().isEmpty());
        QVERIFY(!dialog->findChild<QSpinBox *>(QStringLiteral("serverPort"))->toolTip().isEmpty());
    }

    void everyPage_textFitsAtTheDefaultAndMinimumSize()
    {
        auto dialog = makeDialog(QUrl(QStringLiteral("http://127.0.0.1:54321")));
        const QSize sizes[] = {dialog->size(), dialog->minimumSize()};
        const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR");
        for (const QSize &size : sizes) {
            dialog->resize(size);
            for (SettingsPage *page : dialog->pages()) {
                dialog->showPage(page);
                QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
                QCoreApplication::processEvents(); // the layout settles
                const QStringList clipped = clippedText(page);
                QVERIFY2(clipped.isEmpty(),
                         qPrintable(QStringLiteral("%1 at %2x%3: %4")
                                        .arg(page->title())
                                        .arg(size.width())
                                        .arg(size.height())
                                        .arg(clipped.join(QStringLiteral(" | ")))));
                if (!dir.isEmpty())
                    QVERIFY(dialog->grab().save(QDir(dir).filePath(
                        QStringLiteral("settings-%1-%2.png").arg(dialog->pages().indexOf(page)).arg(size.width()))));
            }
        }
    }

    void ctrlComma_opensSettings()
    {
        auto window = m_f.makeTasksWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        auto *action = window->findChild<QAction *>(QStringLiteral("settingsAction"));
        QVERIFY(action);
        QVERIFY(action->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)));
        QTest::keyClick(window.get(), Qt::Key_Comma, Qt::ControlModifier);
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<SettingsDialog *>()) && dialog->isVisible());
        dialog->reject();
    }

    void shortcutsDialog_listsTheWindowsActions()
    {
        auto window = m_f.makeTasksWindow();
        // An action added later is listed too: the list is read from the window, not kept apart.
        auto *extra = new QAction(QStringLiteral("&Frobnicate…"), window.get());
        extra->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
        window->addAction(extra);

        auto *open = window->findChild<QAction *>(QStringLiteral("shortcutsAction"));
        QVERIFY(open);
        open->trigger();
        ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<ShortcutsDialog *>()) && dialog->isVisible());
        QHash<QString, QString> listed;
        for (int row = 0; row < dialog->list()->topLevelItemCount(); ++row)
            listed.insert(dialog->list()->topLevelItem(row)->text(0), dialog->list()->topLevelItem(row)->text(1));

        const auto native = [](const QKeySequence &key) {
            return key.toString(QKeySequence::NativeText);
        };
        QVERIFY2(listed.value(QStringLiteral("Settings")).contains(native(QKeySequence(Qt::CTRL | Qt::Key_Comma))),
                 qPrintable(listed.value(QStringLiteral("Settings"))));
        QCOMPARE(listed.value(QStringLiteral("Frobnicate")), native(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F)));
        QVERIFY(listed.contains(QStringLiteral("Keyboard Shortcuts")));
        // Every action of the window with a shortcut is there.
        const auto actions = window->findChildren<QAction *>();
        int withKeys = 0;
        for (const QAction *action : actions) {
            if (action->shortcuts().isEmpty())
                continue;
            ++withKeys;
            QString name = action->text().remove(u'&');
            if (name.endsWith(u'…'))
                name.chop(1);
            QVERIFY2(listed.contains(name.trimmed()), qPrintable(name));
        }
        QVERIFY(withKeys >= 8);
        dialog->reject();
    }
};

QTEST_MAIN(TestSettingsPages)
#include "tst_settings_pages.moc"

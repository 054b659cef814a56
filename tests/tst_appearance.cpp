// The appearance: System / Light / Dark applied live to open windows (the
// palette every widget paints with), chosen in Settings ▸ Appearance as a
// preview that OK keeps and Cancel takes back, and remembered across starts.
#include "domain/settingsschema.h"

#include "assistant/quickadd.h"
#include "chat/chatinput.h"
#include "chat/chatpanel.h"
#include "common/appearance.h"
#include "common/themecolors.h"
#include "dashboard/taskmodel.h"
#include "mainwindowfixture.h"
#include "settings/appearancepage.h"
#include "settings/settingsdialog.h"

#include <QDir>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>

using namespace tandem;
using namespace tandem::test;

namespace {
bool isDark(const QWidget &widget)
{
    return widget.palette().color(QPalette::Window).lightnessF() < 0.5
        && widget.palette().color(QPalette::Base).lightnessF() < 0.5
        && widget.palette().color(QPalette::Text).lightnessF() > 0.5;
}

bool isLight(const QWidget &widget)
{
    return widget.palette().color(QPalette::Window).lightnessF() > 0.5
        && widget.palette().color(QPalette::Text).lightnessF() < 0.5;
}

// The mean lightness of an image, 0 (black) to 1 (white), from a grid of samples.
qreal meanLightness(const QImage &image)
{
    qreal sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            sum += image.pixelColor(x, y).lightnessF();
            ++count;
        }
    }
    return count ? sum / count : 0;
}
} // namespace

class TestAppearance : public QObject
{
    Q_OBJECT

private:
    MainWindowFixture m_f;
    std::unique_ptr<Appearance> m_appearance;

    std::unique_ptr<SettingsDialog> makeDialog(QWidget *parent)
    {
        auto dialog = std::make_unique<SettingsDialog>(*m_f.accounts, *m_f.runner, m_f.owner, QString(), QUrl(), parent,
                                                       m_appearance.get());
        dialog->show();
        dialog->showPage(dialog->appearancePage());
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_f.isolate();
        // Made once, before any palette is set, as the app does.
        m_appearance = std::make_unique<Appearance>();
    }

    void init()
    {
        QSettings().clear();
        QString error;
        QVERIFY2(m_f.open(&error), qPrintable(error));
        m_appearance->apply(Appearance::Theme::Light);
    }

    void cleanup() { m_f.close(); }

    void parse_data()
    {
        QTest::addColumn<QString>("stored");
        QTest::addColumn<Appearance::Theme>("theme");
        QTest::addColumn<bool>("known");
        QTest::newRow("system") << QStringLiteral("system") << Appearance::Theme::System << true;
        QTest::newRow("light") << QStringLiteral("light") << Appearance::Theme::Light << true;
        QTest::newRow("dark, any case") << QStringLiteral(" Dark ") << Appearance::Theme::Dark << true;
        QTest::newRow("unknown") << QStringLiteral("purple") << Appearance::Theme::System << false;
        QTest::newRow("empty") << QString() << Appearance::Theme::System << false;
    }

    void parse()
    {
        QFETCH(QString, stored);
        QFETCH(Appearance::Theme, theme);
        QFETCH(bool, known);
        bool ok = !known;
        QCOMPARE(Appearance::parse(stored, &ok), theme);
        QCOMPARE(ok, known);
        if (known)
            QCOMPARE(Appearance::parse(Appearance::name(theme)), theme);
    }

    void apply_dark_changesAnOpenWindowLive()
    {
        auto window = m_f.makeWindow({1000, 600});
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_VERIFY(isLight(*window));
        QSignalSpy changed(m_appearance.get(), &Appearance::changed);

        m_appearance->apply(Appearance::Theme::Dark);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toBool(), true);
        QVERIFY(m_appearance->isDark());
        // The window, its dashboard and the chat's views follow without being rebuilt.
        QTRY_VERIFY(isDark(*window));
        QTRY_VERIFY(isDark(*window->dashboard()));
        QTRY_VERIFY(isDark(*window->chatDock()->panel()->messageView()));
        QTRY_VERIFY(isDark(*window->chatDock()->panel()->input()));

        m_appearance->apply(Appearance::Theme::Light);
        QVERIFY(!m_appearance->isDark());
        QTRY_VERIFY(isLight(*window));
        QTRY_VERIFY(isLight(*window->chatDock()->panel()->messageView()));
    }

    void apply_system_followsThePlatform()
    {
        // Offscreen, the platform's palette is light (and Qt 6.5+ reports no dark scheme).
        m_appearance->apply(Appearance::Theme::Dark);
        m_appearance->apply(Appearance::Theme::System);
        QCOMPARE(m_appearance->theme(), Appearance::Theme::System);
        QVERIFY(!m_appearance->isDark());
        QVERIFY(QGuiApplication::palette().color(QPalette::Window).lightnessF() > 0.5);
    }

    void themeColors_readOnLightAndDark()
    {
        // The colours that carry a meaning keep their distance from the background in both themes.
        for (const QPalette &palette : {Appearance::lightPalette(), Appearance::darkPalette()}) {
            const qreal background = palette.color(QPalette::Base).lightnessF();
            QVERIFY2(std::abs(themecolors::danger(palette).lightnessF() - background) > 0.3,
                     qPrintable(themecolors::danger(palette).name()));
            QVERIFY2(std::abs(themecolors::warning(palette).lightnessF() - background) > 0.25,
                     qPrintable(themecolors::warning(palette).name()));
        }
        QVERIFY(themecolors::danger(Appearance::darkPalette()) != themecolors::danger(Appearance::lightPalette()));
    }

    void appearancePage_chooseDark_previewsLiveAndOkPersists()
    {
        auto window = m_f.makeWindow({1000, 600});
        auto dialog = makeDialog(window.get());
        auto *dark = dialog->findChild<QRadioButton *>(QStringLiteral("themeDark"));
        QVERIFY(dark);
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("themeSystem"))->isChecked());
        dark->click();
        QTRY_VERIFY(isDark(*window)); // at once, before OK
        QTRY_VERIFY(isDark(*dialog));
        QVERIFY(!AppSettings().contains(Settings::appearanceTheme));

        dialog->accept();
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QCOMPARE(AppSettings().value(Settings::appearanceTheme), QStringLiteral("dark"));
        QTRY_VERIFY(isDark(*window));

        // The next start applies it before any window shows.
        m_appearance->apply(Appearance::Theme::Light);
        m_appearance->applySaved(AppSettings());
        QCOMPARE(m_appearance->theme(), Appearance::Theme::Dark);
        QTRY_VERIFY(isDark(*window));
    }

    void appearancePage_cancel_goesBackToTheSavedTheme()
    {
        AppSettings settings;
        Appearance::save(settings, Appearance::Theme::Light);
        auto window = m_f.makeWindow({1000, 600});
        auto dialog = makeDialog(window.get());
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("themeLight"))->isChecked());
        dialog->findChild<QRadioButton *>(QStringLiteral("themeDark"))->click();
        QTRY_VERIFY(isDark(*window));
        dialog->reject();
        QTRY_VERIFY(isLight(*window));
        QCOMPARE(m_appearance->theme(), Appearance::Theme::Light);
        QCOMPARE(AppSettings().value(Settings::appearanceTheme), QStringLiteral("light"));
    }

    void screenshot_darkMainWindow_tasksAndChat()
    {
        // Typed as a user would in the add line, through the one quick-add rule.
        const QString lines[] = {
            QStringLiteral("Send the quarterly report to Dana today 4pm !high #work"),
            QStringLiteral("Book flights for the conference yesterday p1 #travel"),
            QStringLiteral("Renew passport in 9 days !medium #admin"),
            QStringLiteral("Water the plants in 2 days !low #home"),
            QStringLiteral("Read “The Pragmatic Programmer” #reading"),
        };
        assistant::ParseContext context;
        context.now = QDateTime::currentDateTime();
        context.timeZone = QTimeZone::systemTimeZone();
        for (const QString &line : lines) {
            auto draft = assistant::taskDraftFromQuickAdd(assistant::QuickAddParser::parse(line, context));
            TANDEM_VERIFY_OK(draft);
            TANDEM_VERIFY_OK(m_f.tasks->create(m_f.owner.id, draft.value()));
        }
        m_appearance->apply(Appearance::Theme::Dark);
        m_f.assistant->reply = QStringLiteral("You have 5 open tasks; “Book flights for the conference” is overdue.");
        auto window = m_f.makeWindow({1200, 680});
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QTRY_COMPARE(window->taskModel()->taskCount(), 5);
        ChatPanel *chat = window->chatDock()->panel();
        chat->input()->setPlainText(QStringLiteral("what is due this week?"));
        chat->sendButton()->click();
        QTRY_COMPARE(chat->messageView()->model()->rowCount(), 2);
        QTRY_VERIFY(!chat->isBusy());

        const QImage image = window->grab().toImage();
        QVERIFY(!image.isNull());
        QVERIFY2(meanLightness(image) < 0.35, qPrintable(QString::number(meanLightness(image))));
        if (const QString dir = qEnvironmentVariable("TANDEM_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("desktop-dark.png"))));
    }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"

// The one settings schema: every key reads back typed, with its fallback when
// the file says nothing or something of the wrong type, from an INI file (text)
// as from a native store (typed values).
#include "domain/settingsschema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tandem;

class TestSettingsSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fallbacksWhenAbsent();
    void readsIniText();
    void wrongTypesFallBack();
    void writesReadBack();
    void keysAreUnique();
};

void TestSettingsSchema::fallbacksWhenAbsent()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(QStringLiteral("t.ini")), QSettings::IniFormat);
    const AppSettings settings(file);
    QCOMPARE(settings.value(Settings::serverPort), 8263);
    QCOMPARE(settings.value(Settings::serverLan), false);
    QCOMPARE(settings.value(Settings::appearanceTheme), QStringLiteral("system"));
    QCOMPARE(settings.value(Settings::keepRunningInTray), true);
    QVERIFY(!settings.read(Settings::serverPort));
    QVERIFY(!settings.contains(Settings::serverPort));
}

void TestSettingsSchema::readsIniText()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.ini"));
    {
        QFile ini(path);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[server]\nport=9000\nlan=true\nallowedOrigins=https://a.example\n"
                  "[notifications]\nleadMinutes=15\nenabled=0\n");
    }
    QSettings file(path, QSettings::IniFormat);
    const AppSettings settings(file);
    QCOMPARE(settings.value(Settings::serverPort), 9000);
    QCOMPARE(settings.value(Settings::serverLan), true);
    QCOMPARE(settings.value(Settings::serverAllowedOrigins), QStringList{QStringLiteral("https://a.example")});
    QCOMPARE(settings.value(Settings::reminderLeadMinutes), 15);
    QCOMPARE(settings.value(Settings::remindersEnabled), false);
}

void TestSettingsSchema::wrongTypesFallBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.ini"));
    {
        QFile ini(path);
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[server]\nport=eighty\nlan=maybe\n");
    }
    QSettings file(path, QSettings::IniFormat);
    const AppSettings settings(file);
    QVERIFY(settings.contains(Settings::serverPort));
    QVERIFY(!settings.read(Settings::serverPort)); // a caller can say what is wrong
    QCOMPARE(settings.value(Settings::serverPort), 8263);
    QCOMPARE(settings.value(Settings::serverLan), false);
}

void TestSettingsSchema::writesReadBack()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.ini"));
    {
        QSettings file(path, QSettings::IniFormat);
        AppSettings settings(file);
        settings.setValue(Settings::serverPort, 1234);
        settings.setValue(Settings::appearanceTheme, QStringLiteral("dark"));
        settings.setValue(Settings::windowGeometry, QByteArray("\x01\x02\x00\x03", 4));
        settings.setValue(Settings::serverAllowedOrigins, QStringList{QStringLiteral("a"), QStringLiteral("b")});
    }
    QSettings file(path, QSettings::IniFormat);
    const AppSettings settings(file);
    QCOMPARE(settings.value(Settings::serverPort), 1234);
    QCOMPARE(settings.value(Settings::appearanceTheme), QStringLiteral("dark"));
    QCOMPARE(settings.value(Settings::windowGeometry), QByteArray("\x01\x02\x00\x03", 4));
    QCOMPARE(settings.value(Settings::serverAllowedOrigins), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestSettingsSchema::keysAreUnique()
{
    const QStringList names{
        Settings::databaseUrl.key(),         Settings::serverPort.key(),
        Settings::serverLan.key(),           Settings::serverAllowedOrigins.key(),
        Settings::assistantEnabled.key(),    Settings::assistantEndpoint.key(),
        Settings::assistantModel.key(),      Settings::assistantTimeoutSeconds.key(),
        Settings::windowGeometry.key(),      Settings::windowState.key(),
        Settings::windowShowCompleted.key(), Settings::appearanceTheme.key(),
        Settings::keepRunningInTray.key(),   Settings::remindersEnabled.key(),
        Settings::reminderLeadMinutes.key(), Settings::keychainExplained.key(),
        Settings::keychainRefused.key(),     Settings::windowSet.key(),
        Settings::windowGroupByDate.key(),
    };
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
}

QTEST_GUILESS_MAIN(TestSettingsSchema)
#include "tst_settings_schema.moc"

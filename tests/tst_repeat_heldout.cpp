// The frozen held-out repeat phrasings (tests/data/repeat-heldout): the file
// still matches its digest, and quick-add passes at least the floor below.
// Every case's outcome is printed, so the report shows what fails and why.
#include "assistant/quickadd.h"
#include "domain/json.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>
#include <QTimeZone>

using namespace tandem;
using namespace tandem::assistant;

namespace {

// The pass rate measured when the parser was finished; it may only rise.
constexpr int minimumPassed = 38;

QString dataFile(const QString &name)
{
    return QStringLiteral(TANDEM_REPEAT_HELDOUT_DIR "/") + name;
}

// "week/2 mon,thu", "month/1 15", "day/3", "none".
QString shortForm(const std::optional<RepeatRule> &rule)
{
    if (!rule)
        return QStringLiteral("none");
    QString text = repeatUnitName(rule->unit) + u'/' + QString::number(rule->interval);
    if (rule->unit == RepeatUnit::Week && rule->weekdays != 0) {
        QStringList days;
        for (int day = 1; day <= 7; ++day) {
            if (rule->hasWeekday(day))
                days.append(weekdayName(day));
        }
        text += u' ' + days.join(u',');
    }
    if (rule->unit == RepeatUnit::Month && rule->monthDay != 0)
        text += u' ' + QString::number(rule->monthDay);
    return text;
}

} // namespace

class TestRepeatHeldOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heldOut_file_matchesItsFrozenDigest()
    {
        QFile frozen(dataFile(QStringLiteral("FROZEN")));
        QVERIFY(frozen.open(QIODevice::ReadOnly | QIODevice::Text));
        QString expected;
        for (const QString &line : QString::fromUtf8(frozen.readAll()).split(u'\n', Qt::SkipEmptyParts)) {
            if (!line.startsWith(u'#'))
                expected = line.section(u' ', 0, 0);
        }
        QFile cases(dataFile(QStringLiteral("quickadd.cases")));
        QVERIFY(cases.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(cases.readAll(), QCryptographicHash::Sha256).toHex()),
                 expected);
    }

    void heldOut_quickAdd_passesAtLeastTheFloor()
    {
        QFile file(dataFile(QStringLiteral("quickadd.cases")));
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        ParseContext context;
        context.timeZone = QTimeZone("Europe/Berlin");
        context.now = QDateTime(QDate(2026, 11, 26), QTime(10, 0), context.timeZone);
        int total = 0;
        int passed = 0;
        for (const QString &line : QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts)) {
            if (line.startsWith(u'#'))
                continue;
            const QStringList parts = line.split(u'|');
            QCOMPARE(parts.size(), 4);
            const QString text = parts.at(0).trimmed();
            const QString title = parts.at(1).trimmed();
            const QString due = parts.at(2).trimmed() == u"-" ? QString() : parts.at(2).trimmed();
            const QString repeat = parts.at(3).trimmed();
            // The task quick-add creates: the parse, as the draft and the task it becomes.
            const QuickAdd parsed = QuickAddParser::parse(text, context);
            TaskDraft draft;
            draft.title = parsed.title;
            draft.due = parsed.due;
            draft.repeat = parsed.repeat;
            const Task task = taskFromDraft(QUuid::createUuid(), draft, context.now);
            const QString got = task.title + QStringLiteral(" | ") + task.due.toIsoString() + QStringLiteral(" | ")
                + shortForm(task.repeat);
            const bool ok = task.title == title && task.due.toIsoString() == due && shortForm(task.repeat) == repeat;
            ++total;
            passed += ok;
            qInfo().noquote() << (ok ? "PASS" : "FAIL") << text << (ok ? QString() : QStringLiteral("=> ") + got);
        }
        qInfo().noquote() << QStringLiteral("held-out repeat phrasings: %1 of %2 passed").arg(passed).arg(total);
        QCOMPARE(total, 41);
        QVERIFY2(passed >= minimumPassed, qPrintable(QStringLiteral("%1 of %2 passed").arg(passed).arg(total)));
    }
};

QTEST_GUILESS_MAIN(TestRepeatHeldOut)
#include "tst_repeat_heldout.moc"

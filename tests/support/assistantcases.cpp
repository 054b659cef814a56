#include "assistantcases.h"

#include "assistantfixture.h"
#include "taskdiff.h"
#include "testdatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace tandem::test {

using namespace Qt::StringLiterals;

namespace {

bool readLines(const QString &path, QStringList *lines, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    *lines = QString::fromUtf8(file.readAll()).split(u'\n');
    return true;
}

// "prio=high" etc. onto a draft; false for a field or value it does not know.
bool applySeedField(TaskDraft &draft, const QString &field)
{
    const qsizetype eq = field.indexOf(u'=');
    if (eq < 0)
        return false;
    const QString key = field.left(eq).trimmed();
    const QString value = field.mid(eq + 1).trimmed();
    if (key == u"prio") {
        const auto priority = taskPriorityFromName(value);
        draft.priority = priority.value_or(TaskPriority::None);
        return priority.has_value();
    }
    if (key == u"status") {
        const auto status = taskStatusFromName(value);
        draft.status = status.value_or(TaskStatus::Pending);
        return status.has_value();
    }
    if (key == u"due") {
        const auto due = Due::fromIsoString(value);
        draft.due = due.value_or(Due());
        return due.has_value();
    }
    if (key == u"tags") {
        draft.tags = value.split(u',', Qt::SkipEmptyParts);
        return true;
    }
    if (key == u"desc") {
        draft.description = value;
        return true;
    }
    return false;
}

// "which"/"confirm", or "" when no question is open.
QString pendingQuestion(AssistantFixture &f)
{
    auto state = f.store->assistantState(f.owner, f.session);
    if (!state)
        return u"<state unreadable>"_s;
    const QJsonObject json = QJsonDocument::fromJson(state->toUtf8()).object();
    return json.value(u"pending"_s).toObject().value(u"question"_s).toString();
}

} // namespace

Seeds parseSeeds(const QString &path, QString *error)
{
    QStringList lines;
    if (!readLines(path, &lines, error))
        return {};
    Seeds seeds;
    QString current;
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines.at(n).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QString where = u"%1:%2: "_s.arg(QFileInfo(path).fileName()).arg(n + 1);
        if (line.startsWith(u'[') && line.endsWith(u']')) {
            current = line.mid(1, line.size() - 2);
            seeds[current];
            continue;
        }
        const QStringList parts = line.split(u'|');
        if (current.isEmpty() || parts.size() < 2) {
            *error = where + u"expected \"owner | title | field=value ...\" inside a [seed]"_s;
            return {};
        }
        SeedTask task;
        task.owner = parts.at(0).trimmed();
        task.draft.title = parts.at(1).trimmed();
        for (qsizetype i = 2; i < parts.size(); ++i) {
            if (!applySeedField(task.draft, parts.at(i))) {
                *error = where + u"unknown field or value \"%1\""_s.arg(parts.at(i).trimmed());
                return {};
            }
        }
        seeds[current].append(task);
    }
    return seeds;
}

QList<AssistantCase> parseCases(const QString &path, QString *error)
{
    QStringList lines;
    if (!readLines(path, &lines, error))
        return {};
    static const QRegularExpression effectShape(uR"(^[+~-][^|]+(\|(title|desc|status|prio|due|tags)=[^|]*)*$)"_s);
    QList<AssistantCase> cases;
    const QString file = QFileInfo(path).fileName();
    bool nothing = false;
    const auto complete = [&](QString *why) {
        if (cases.isEmpty())
            return true;
        AssistantCase &last = cases.last();
        if (last.messages.isEmpty())
            *why = u"a case without a \"> message\""_s;
        else if (last.effects.isEmpty() && !nothing)
            *why = u"a case without an \"= effect\" line (\"= nothing\" when nothing changes)"_s;
        last.effects.sort();
        return why->isEmpty();
    };
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString line = lines.at(n);
        if (line.trimmed().isEmpty() || line.startsWith(u'#'))
            continue;
        const QString where = u"%1:%2: "_s.arg(file).arg(n + 1);
        const QChar tag = line.at(0);
        const QString rest = line.mid(2);
        if (line.size() < 2 || line.at(1) != u' ') {
            *error = where + u"a line starts with one of @ > = ? * ! and a space"_s;
            return {};
        }
        if (tag == u'@') {
            QString why;
            if (!complete(&why)) {
                *error = u"%1:%2: "_s.arg(file).arg(cases.last().source.section(u':', 1)) + why;
                return {};
            }
            AssistantCase c;
            c.source = u"%1:%2"_s.arg(file).arg(n + 1);
            nothing = false;
            for (const QString &pair : rest.split(u' ', Qt::SkipEmptyParts)) {
                const QString key = pair.section(u'=', 0, 0);
                const QString value = pair.section(u'=', 1);
                if (key == u"intent")
                    c.intent = value;
                else if (key == u"form")
                    c.form = value;
                else if (key == u"seed")
                    c.seed = value;
                else if (key == u"locale" && (value == u"en_US" || value == u"en_GB"))
                    c.locale = QLocale(value);
                else {
                    *error = where + u"unknown setting \"%1\""_s.arg(pair);
                    return {};
                }
            }
            if (c.intent.isEmpty() || c.form.isEmpty()) {
                *error = where + u"a case needs intent= and form="_s;
                return {};
            }
            cases.append(c);
            continue;
        }
        if (cases.isEmpty()) {
            *error = where + u"a line before the first \"@\""_s;
            return {};
        }
        AssistantCase &c = cases.last();
        if (tag == u'>') {
            c.messages.append(rest);
        } else if (tag == u'=') {
            if (rest.trimmed() == u"nothing") {
                nothing = true;
            } else if (effectShape.match(rest).hasMatch()) {
                c.effects.append(canonicalEffect(rest));
            } else {
                *error = where + u"not an effect: \"%1\""_s.arg(rest);
                return {};
            }
        } else if (tag == u'?') {
            const QString question = rest.trimmed();
            if (question != u"confirm" && question != u"which" && question != u"none") {
                *error = where + u"\"? confirm\", \"? which\" or \"? none\""_s;
                return {};
            }
            c.pending = question == u"none" ? QString() : question;
        } else if (tag == u'*') {
            c.mentions.append(rest.trimmed());
        } else if (tag == u'!') {
            c.absent.append(rest.trimmed());
        } else {
            *error = where + u"a line starts with one of @ > = ? * ! and a space"_s;
            return {};
        }
        if (nothing && !c.effects.isEmpty()) {
            *error = where + u"\"= nothing\" and an effect in one case"_s;
            return {};
        }
    }
    QString why;
    if (!complete(&why)) {
        *error = u"%1: "_s.arg(cases.last().source) + why;
        return {};
    }
    return cases;
}

struct AssistantCaseRunner::Seeded
{
    std::unique_ptr<TestDatabase> database;
    QUuid owner;
    QUuid session;
    QUuid other;
    QSet<QUuid> ids;
};

AssistantCaseRunner::~AssistantCaseRunner() = default;

std::unique_ptr<AssistantCaseRunner> AssistantCaseRunner::create(const Seeds &seeds, QString *error, StoreEngine engine)
{
    std::unique_ptr<AssistantCaseRunner> runner(new AssistantCaseRunner);
    QSet<QString> aliceTitles;
    QSet<QString> otherTitles;
    for (auto it = seeds.cbegin(); it != seeds.cend(); ++it) {
        auto f = AssistantFixture::create(error, engine);
        if (!f)
            return nullptr;
        auto seeded = std::make_shared<Seeded>();
        seeded->owner = f->owner;
        seeded->session = f->session;
        QHash<QString, QUuid> users{{u"alice"_s, f->owner}};
        int second = 0;
        for (const SeedTask &task : it.value()) {
            if (!users.contains(task.owner)) {
                auto user = f->accounts->createUser(task.owner);
                if (!user) {
                    *error = user.error().toString();
                    return nullptr;
                }
                users.insert(task.owner, user->id);
                seeded->other = user->id;
            }
            (task.owner == u"alice" ? aliceTitles : otherTitles).insert(task.draft.title);
            f->now = AssistantFixture::fixedNow().addSecs(-3600 + second++);
            auto created = f->taskService->create(users.value(task.owner), task.draft);
            if (!created) {
                *error = u"seed %1: %2"_s.arg(it.key(), created.error().toString());
                return nullptr;
            }
            seeded->ids.insert(created->entityId());
        }
        f->close();
        seeded->database = std::move(f->database);
        runner->m_seeds.insert(it.key(), seeded);
    }
    for (const QString &title : std::as_const(otherTitles)) {
        if (!aliceTitles.contains(title))
            runner->m_otherTitles.append(title);
    }
    return runner;
}

AssistantCaseRunner::Outcome AssistantCaseRunner::run(const AssistantCase &c) const
{
    Outcome outcome;
    const auto seeded = m_seeds.value(c.seed);
    if (!seeded) {
        outcome.failure = u"no seed named %1"_s.arg(c.seed);
        return outcome;
    }
    QString error;
    auto copy = TestDatabase::copyOf(*seeded->database, &error);
    auto f = copy ? AssistantFixture::open(std::move(copy), seeded->owner, seeded->session, &error) : nullptr;
    if (!f) {
        outcome.failure = u"cannot open a copy of the seed: "_s + error;
        return outcome;
    }
    f->assistant->setLocale(c.locale);
    const TaskSnapshot before = snapshotTasks(*f->taskService, {f->owner, seeded->other});
    for (const QString &message : c.messages) {
        auto turn = f->send(message);
        if (!turn) {
            outcome.failure = u"the assistant refused “%1”: %2"_s.arg(message, turn.error().toString());
            return outcome;
        }
        outcome.replies.append(turn->assistantMessage.content);
    }
    const TaskSnapshot after = snapshotTasks(*f->taskService, {f->owner, seeded->other});
    for (const QString &line : taskDiff(before, after, seeded->ids, seeded->other))
        outcome.actual.append(canonicalEffect(line));
    outcome.actual.sort();
    const QString reply = outcome.replies.constLast();
    QStringList problems;
    if (outcome.actual != c.effects) {
        problems.append(u"effects differ: expected [%1], got [%2]"_s.arg(
            c.effects.isEmpty() ? u"nothing"_s : c.effects.join(u"; "_s),
            outcome.actual.isEmpty() ? u"nothing"_s : outcome.actual.join(u"; "_s)));
    }
    for (const QString &mention : c.mentions) {
        if (!reply.contains(mention, Qt::CaseInsensitive))
            problems.append(u"the reply does not mention “%1”"_s.arg(mention));
    }
    for (const QString &text : c.absent) {
        if (reply.contains(text, Qt::CaseInsensitive))
            problems.append(u"the reply mentions “%1”"_s.arg(text));
    }
    // Another user's task may be named only by the user's own words (a "not found" repeats them).
    const QString typed = c.messages.join(u'\n');
    for (const QString &said : std::as_const(outcome.replies)) {
        for (const QString &title : m_otherTitles) {
            if (said.contains(title, Qt::CaseInsensitive) && !typed.contains(title, Qt::CaseInsensitive))
                problems.append(u"a reply shows another user's task “%1”"_s.arg(title));
        }
    }
    if (c.pending && pendingQuestion(*f) != *c.pending)
        problems.append(u"the open question is “%1”, expected “%2”"_s.arg(pendingQuestion(*f), *c.pending));
    outcome.passed = problems.isEmpty();
    outcome.failure = problems.join(u"; "_s);
    return outcome;
}

} // namespace tandem::test

#pragma once

#include "domain/task.h"
#include "store/storeconfig.h"

#include <QHash>
#include <QList>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <optional>

namespace tandem::test {

class TestDatabase;

// One task of a seed: whose it is and what it is.
struct SeedTask
{
    QString owner; // "alice" (the user the assistant talks to), or another user's name
    TaskDraft draft;
};
using Seeds = QHash<QString, QList<SeedTask>>;

// One exchange with the assistant and what it must do (the format is in
// tests/data/assistant-heldout/README.md).
struct AssistantCase
{
    QString source; // "everyday-a.cases:12"
    QString intent;
    QString form; // imperative, declarative or question
    QString seed = QStringLiteral("home");
    QLocale locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QStringList messages; // said in order; expectations apply after the last
    QStringList effects; // canonicalEffect() lines, sorted; empty: nothing changes
    QStringList mentions; // the last reply contains each (ignoring case)
    QStringList absent; // ... and none of these
    std::optional<QString> pending; // "confirm", "which" or "" (none); unset: not checked
};

// Reads a seeds file ("[name]" sections of "owner | title | field=value" lines).
Seeds parseSeeds(const QString &path, QString *error);
// Reads a .cases file; on a malformed line returns nothing and says where in `error`.
QList<AssistantCase> parseCases(const QString &path, QString *error);

// Runs cases on copies of seeded databases: each seed is written once, and
// every case starts from a fresh copy, so cases never see each other.
class AssistantCaseRunner final
{
public:
    static std::unique_ptr<AssistantCaseRunner> create(const Seeds &seeds, QString *error,
                                                       StoreEngine engine = StoreEngine::Sqlite);
    ~AssistantCaseRunner();
    Q_DISABLE_COPY_MOVE(AssistantCaseRunner)

    struct Outcome
    {
        bool passed = false;
        QString failure; // why not, in a sentence
        QStringList replies; // one per message said
        QStringList actual; // the effects seen, canonical
    };
    Outcome run(const AssistantCase &c) const;

    // Titles of tasks of other users that the assistant's user has no task of: never in a reply.
    const QStringList &otherUsersTitles() const { return m_otherTitles; }

private:
    AssistantCaseRunner() = default;
    struct Seeded;
    QHash<QString, std::shared_ptr<Seeded>> m_seeds;
    QStringList m_otherTitles;
};

} // namespace tandem::test

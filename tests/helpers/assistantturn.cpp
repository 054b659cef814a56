// tandem_assistantturn: one exchange with the built-in assistant in a process
// of its own, so tst_assistant_exchange can kill it at any step of the turn.
//
//   tandem_assistantturn (--data-dir DIR | --database URL) [--message TEXT] [--op-id UUID] [--stop-at STEP]
//
// Prints, each line flushed: "session <uuid>" once the user "alice" and her
// conversation exist; "step <name>" at each step of the turn ("user", "engine",
// "state", "reply"); with --stop-at, "stopped" at that step, and then waits to
// be killed inside the turn's open transaction; "done <n>" (n: tasks the reply
// touched) when the exchange committed. Without --message it only prepares.
#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "store/storeconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QThread>
#include <QTimeZone>

#include <cstdio>

using namespace tandem;

namespace {
void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("SQLite data directory."),
                                     QStringLiteral("dir"));
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("PostgreSQL URL."),
                                      QStringLiteral("url"));
    const QCommandLineOption message(QStringLiteral("message"), QStringLiteral("What to say."), QStringLiteral("text"));
    const QCommandLineOption opId(QStringLiteral("op-id"), QStringLiteral("The exchange's opId."),
                                  QStringLiteral("uuid"));
    const QCommandLineOption stopAt(QStringLiteral("stop-at"), QStringLiteral("Step to stop at."),
                                    QStringLiteral("step"));
    parser.addOptions({dataDir, database, message, opId, stopAt});
    parser.process(app);

    auto config = parser.isSet(database)
        ? parseDatabaseUrl(parser.value(database))
        : Result<StoreConfig>(StoreConfig::sqliteFile(sqliteFileInDirectory(parser.value(dataDir))));
    if (!config)
        return 1;
    auto store = Store::open(config.value());
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error().toString()));
        return 2;
    }
    TaskService tasks(*store.value());
    ChatService chats(*store.value());
    AccountService accounts(*store.value());
    auto owner = accounts.ensureLocalOwner(QStringLiteral("alice"));
    if (!owner)
        return 3;
    auto sessions = chats.sessions(owner->id);
    if (!sessions)
        return 3;
    QUuid session;
    for (const ChatSession &existing : sessions.value())
        session = existing.id;
    if (session.isNull()) {
        auto created = chats.createSession(owner->id, QStringLiteral("crash"));
        if (!created)
            return 3;
        session = created->entityId();
    }
    say(QStringLiteral("session ") + session.toString(QUuid::WithoutBraces));
    if (!parser.isSet(message))
        return 0;

    assistant::AssistantService assistant(*store.value(), tasks, chats);
    const QString stop = parser.value(stopAt);
    assistant.setStepHook([&stop](const char *step) {
        say(QStringLiteral("step ") + QString::fromLatin1(step));
        if (stop == QLatin1String(step)) {
            say(QStringLiteral("stopped"));
            for (;;)
                QThread::sleep(1); // killed here, inside the open transaction
        }
    });
    const QUuid op = parser.isSet(opId) ? QUuid(parser.value(opId)) : QUuid::createUuid();
    auto turn = assistant.sendNow(owner->id, session, parser.value(message), QTimeZone("Europe/Berlin"), op);
    if (!turn) {
        std::fprintf(stderr, "%s\n", qPrintable(turn.error().toString()));
        return 4;
    }
    say(QStringLiteral("done %1").arg(turn->actions.size()));
    return 0;
}

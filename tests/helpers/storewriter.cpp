// tandem_storewriter: a second process for the store's process-level tests.
// It writes through TaskService exactly as the app does, so the tests can run
// several writers against one database, or kill one in the middle of a write.
//
//   tandem_storewriter (--data-dir DIR | --database URL) [--owner NAME] [--count N]
//                      [--prefix TEXT] [--delay-ms MS] [--busy-timeout-ms MS]
//                      [--wait-for-go] [--open-only]
//
// Output on stdout, each line flushed as soon as it is written:
//   "opened"                        --open-only: Store::open succeeded (nothing else is done)
//   "owner <uuid>"                  the owner exists; with --wait-for-go, a line on stdin starts the writes
//   "<seq> <taskId> <title>"        one per change-log row, printed only after its transaction committed
// Errors go to stderr as one line ("storage: <message>" when the store does not open). Exit status: 0 done, 1 usage, 2
// cannot open, 3 a write failed.
//
// The writes are a fixed mix: mostly single creates, every third one an update
// of an earlier task's title, every seventh a createMany of two tasks (one
// operation, two change-log rows). --count counts change-log rows.
#include "auth/accountservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "store/storeconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QThread>

using namespace tandem;

namespace {

enum Exit { Done = 0, Usage = 1, CannotOpen = 2, WriteFailed = 3 };

int fail(int status, const QString &message)
{
    QTextStream err(stderr);
    err << message.simplified() << Qt::endl;
    return status;
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
    const QCommandLineOption owner(QStringLiteral("owner"), QStringLiteral("Owner to write as (created if missing)."),
                                   QStringLiteral("name"), QStringLiteral("writer"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("Change-log rows to write."),
                                   QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption prefix(QStringLiteral("prefix"), QStringLiteral("Title prefix."), QStringLiteral("text"),
                                    QStringLiteral("w"));
    const QCommandLineOption delay(QStringLiteral("delay-ms"), QStringLiteral("Pause after each write."),
                                   QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption busyTimeout(QStringLiteral("busy-timeout-ms"), QStringLiteral("SQLite busy timeout."),
                                         QStringLiteral("ms"), QStringLiteral("5000"));
    const QCommandLineOption waitForGo(QStringLiteral("wait-for-go"),
                                       QStringLiteral("After the owner line, wait for a line on stdin."));
    const QCommandLineOption openOnly(QStringLiteral("open-only"), QStringLiteral("Only open the store."));
    parser.addOptions({dataDir, database, owner, count, prefix, delay, busyTimeout, waitForGo, openOnly});
    parser.process(app);

    if (parser.isSet(dataDir) == parser.isSet(database))
        return fail(Usage, QStringLiteral("give exactly one of --data-dir and --database"));
    StoreConfig config;
    if (parser.isSet(database)) {
        auto parsed = parseDatabaseUrl(parser.value(database));
        if (!parsed)
            return fail(Usage, parsed.error().toString());
        config = parsed.value();
    } else {
        config = StoreConfig::sqliteFile(sqliteFileInDirectory(parser.value(dataDir)));
    }
    bool numbersOk = true;
    const auto number = [&](const QCommandLineOption &option) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        numbersOk = numbersOk && ok && value >= 0;
        return value;
    };
    const int rows = number(count);
    const int pauseMs = number(delay);
    config.busyTimeoutMs = number(busyTimeout);
    if (!numbersOk)
        return fail(Usage, QStringLiteral("--count, --delay-ms and --busy-timeout-ms take non-negative integers"));

    QTextStream out(stdout);
    auto opened = Store::open(config);
    if (!opened)
        return fail(CannotOpen, errorCodeName(opened.error().code) + QStringLiteral(": ") + opened.error().toString());
    Store &store = *opened.value();
    if (parser.isSet(openOnly)) {
        out << "opened" << Qt::endl;
        return Done;
    }

    AccountService accounts(store);
    auto user = accounts.ensureLocalOwner(parser.value(owner));
    if (!user)
        return fail(WriteFailed, user.error().toString());
    const QUuid ownerId = user->id;
    out << "owner " << ownerId.toString(QUuid::WithoutBraces) << Qt::endl;
    if (parser.isSet(waitForGo)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly) || in.readLine().isEmpty())
            return fail(Usage, QStringLiteral("stdin closed before the go line"));
    }

    TaskService tasks(store);
    const QString titlePrefix = parser.value(prefix);
    QList<QUuid> created;
    int written = 0;
    for (int step = 1; written < rows; ++step) {
        const QString title = titlePrefix + u'-' + QString::number(step);
        Result<QList<Change>> changes = QList<Change>();
        if (step % 7 == 0 && rows - written >= 2) {
            TaskDraft first;
            first.title = title + u'a';
            TaskDraft second;
            second.title = title + u'b';
            changes = tasks.createMany(ownerId, {first, second});
        } else if (step % 3 == 0 && !created.isEmpty()) {
            TaskPatch patch;
            patch.title = title;
            const QUuid target = created.at((step * 7919) % created.size());
            auto change = tasks.update(ownerId, target, patch);
            changes = change ? Result<QList<Change>>(QList<Change>{change.value()}) : change.error();
        } else {
            TaskDraft draft;
            draft.title = title;
            auto change = tasks.create(ownerId, draft);
            changes = change ? Result<QList<Change>>(QList<Change>{change.value()}) : change.error();
        }
        if (!changes)
            return fail(WriteFailed, changes.error().toString());
        for (const Change &change : std::as_const(changes.value())) {
            const Task *task = change.task();
            if (change.kind == ChangeKind::TaskCreated)
                created.append(task->id);
            out << change.seq << ' ' << task->id.toString(QUuid::WithoutBraces) << ' ' << task->title << Qt::endl;
            ++written;
        }
        if (pauseMs > 0)
            QThread::msleep(pauseMs);
    }
    return Done;
}

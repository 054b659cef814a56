#include "launch.h"

#include "auth/accountservice.h"
#include "services/taskservice.h"
#include "store/store.h"
#include "store/storeconfig.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QMainWindow>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

namespace tandem::bench {

namespace {

double residentMiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QString text = QString::fromLatin1(status.readAll());
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral(R"(VmRSS:\s+(\d+) kB)")).match(text);
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : 0;
}

class PaintReporter final : public QObject
{
public:
    using QObject::QObject;
    Q_DISABLE_COPY_MOVE(PaintReporter)

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [] {
                std::fprintf(stdout, "Peer first window painted at %lld\n",
                             static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
                std::fflush(stdout);
            });
        }
        return false;
    }
};

} // namespace

std::optional<Start> measureStart(const QString &program, const QStringList &arguments, bool waitForTasks, int settleMs,
                                  int timeoutMs, QString *error)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TANDEM_REPORT_FIRST_PAINT"), QStringLiteral("1"));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.info=false"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const qint64 started = QDateTime::currentMSecsSinceEpoch();
    process.start(program, arguments);
    if (!process.waitForStarted(timeoutMs)) {
        *error = QStringLiteral("%1 did not start: %2").arg(program, process.errorString());
        return std::nullopt;
    }
    Start start;
    bool painted = false;
    QByteArray output;
    QElapsedTimer clock;
    clock.start();
    const QRegularExpression paintLine(QStringLiteral(R"(first window painted at (\d+))"));
    const QRegularExpression loadedLine(QStringLiteral(R"(tasks loaded at (\d+))"));
    while (clock.elapsed() < timeoutMs && (!painted || (waitForTasks && !start.loadedMs))) {
        process.waitForReadyRead(50);
        output += process.readAllStandardOutput();
        const QString text = QString::fromUtf8(output);
        if (const auto match = paintLine.match(text); match.hasMatch() && !painted) {
            painted = true;
            start.firstPaintMs = double(match.captured(1).toLongLong() - started);
        }
        if (const auto match = loadedLine.match(text); match.hasMatch() && !start.loadedMs)
            start.loadedMs = double(match.captured(1).toLongLong() - started);
        if (process.state() == QProcess::NotRunning)
            break;
    }
    if (painted && (!waitForTasks || start.loadedMs)) {
        QThread::msleep(ulong(settleMs));
        start.residentMiB = residentMiB(process.processId());
    } else {
        *error = QStringLiteral("%1 did not report its first paint%2 in time")
                     .arg(program, waitForTasks ? QStringLiteral(" and its tasks") : QString());
    }
    process.terminate();
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished(5'000);
    }
    if (!error->isEmpty())
        return std::nullopt;
    return start;
}

std::optional<DataDir> openDataDir(const QString &dataDir, QString *error)
{
    auto opened = Store::open(StoreConfig::sqliteFile(sqliteFileInDirectory(dataDir)));
    if (!opened) {
        *error = opened.error().message;
        return std::nullopt;
    }
    DataDir data;
    data.store = std::move(opened).value();
    AccountService accounts(*data.store);
    auto owner = accounts.ensureLocalOwner(systemAccountName());
    if (!owner) {
        *error = owner.error().message;
        return std::nullopt;
    }
    data.owner = owner.value();
    return data;
}

bool seedDataDir(const QString &dataDir, int count, QString *error)
{
    auto data = openDataDir(dataDir, error);
    if (!data)
        return false;
    const User &owner = data->owner;
    TaskService tasks(*data->store);
    static const char *const words[] = {"Call", "Email", "Review", "Book",  "Renew", "Plan",   "Buy",
                                        "Fix",  "Write", "Read",   "Clean", "Pay",   "Return", "Prepare"};
    static const char *const things[] = {"the report", "Dana",      "the dentist", "flights",  "passport",
                                         "the car",    "groceries", "taxes",       "the café", "invoices"};
    static const char *const tags[] = {"work", "home", "travel", "errands", "health", "reading"};
    constexpr int batch = 10'000;
    const QDate today = QDate::currentDate();
    for (int first = 0; first < count; first += batch) {
        QList<TaskDraft> drafts;
        for (int i = first; i < std::min(count, first + batch); ++i) {
            TaskDraft draft;
            draft.title = QStringLiteral("%1 %2 #%3")
                              .arg(QString::fromUtf8(words[i % std::size(words)]),
                                   QString::fromUtf8(things[(i / 7) % std::size(things)]))
                              .arg(i);
            draft.priority = TaskPriority(i % 5);
            if (i % 4 != 0)
                draft.due = Due::onDate(today.addDays(i % 60 - 15));
            draft.tags = {QString::fromUtf8(tags[i % std::size(tags)])};
            if (i % 10 == 0)
                draft.status = TaskStatus::Completed;
            drafts.append(draft);
        }
        if (auto created = tasks.createMany(owner.id, drafts); !created) {
            *error = created.error().message;
            return false;
        }
    }
    return true;
}

int runPeerWindow(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QMainWindow window;
    auto *view = new QTreeView(&window);
    window.setCentralWidget(view);
    window.resize(1100, 660);
    window.installEventFilter(new PaintReporter(&window));
    window.show();
    return application.exec();
}

} // namespace tandem::bench

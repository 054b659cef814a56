// bench_ui: the desktop dashboard at 10,000 and 100,000 tasks beside plain Qt
// peers measured in the same run (see bench/README.md).
#include "interact.h"
#include "launch.h"
#include "stats.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>

#include <cstdio>

using namespace tandem::bench;

namespace {

void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString figure(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1);
}

QString ratio(double ours, double peer)
{
    return peer > 0 ? QString::number(ours / peer, 'f', 2) + u'x' : QStringLiteral("n/a");
}

struct Starts
{
    QList<double> paint;
    QList<double> loaded;
    QList<double> resident;
};

bool measureStarts(const QString &program, const QStringList &arguments, bool tandem, int count, Starts *starts,
                   QString *error)
{
    for (int i = 0; i < count; ++i) {
        auto start = measureStart(program, arguments, tandem, 500, 180'000, error);
        if (!start)
            return false;
        starts->paint.append(start->firstPaintMs);
        if (start->loadedMs)
            starts->loaded.append(*start->loadedMs);
        starts->resident.append(start->residentMiB);
    }
    return true;
}

int runSize(int size, const QString &tandem, const QString &self, int startCount, int keystrokes, int lagSeconds)
{
    QTemporaryDir dir;
    QString error;
    print(QStringLiteral("\n== %1 tasks ==").arg(size));
    if (!seedDataDir(dir.path(), size, &error)) {
        print(QStringLiteral("seeding failed: %1").arg(error));
        return 1;
    }
    Starts ours;
    Starts peer;
    // Alternate the two so both see the same machine.
    for (int i = 0; i < startCount; ++i) {
        if (!measureStarts(tandem,
                           {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--port"), QStringLiteral("0")},
                           true, 1, &ours, &error)
            || !measureStarts(self, {QStringLiteral("--peer-window")}, false, 1, &peer, &error)) {
            print(QStringLiteral("launch failed: %1").arg(error));
            return 1;
        }
    }
    print(QStringLiteral("launch to first paint (median of %1): tandem %2 ms, minimal Qt window %3 ms, ratio %4")
              .arg(startCount)
              .arg(figure(median(ours.paint)), figure(median(peer.paint)),
                   ratio(median(ours.paint), median(peer.paint))));
    print(QStringLiteral("launch to tasks in memory (median): tandem %1 ms").arg(figure(median(ours.loaded))));
    print(QStringLiteral("resident memory once loaded (median): tandem %1 MiB, minimal Qt window %2 MiB, ratio %3")
              .arg(figure(median(ours.resident)), figure(median(peer.resident)),
                   ratio(median(ours.resident), median(peer.resident))));

    const InteractionPair pair = measureInteraction(dir.path(), keystrokes, lagSeconds, &error);
    if (!error.isEmpty()) {
        print(QStringLiteral("interaction failed: %1").arg(error));
        return 1;
    }
    print(QStringLiteral("search keystroke to repainted list (%1 keys; %2 rows / proxy %3 rows): "
                         "tandem p50 %4 ms p99 %5 ms, QSortFilterProxyModel p50 %6 ms p99 %7 ms, p99 ratio %8")
              .arg(keystrokes)
              .arg(pair.tandem.shownRows)
              .arg(pair.peer.shownRows)
              .arg(figure(percentile(pair.tandem.keystrokeMs, 0.5)), figure(percentile(pair.tandem.keystrokeMs, 0.99)),
                   figure(percentile(pair.peer.keystrokeMs, 0.5)), figure(percentile(pair.peer.keystrokeMs, 0.99)),
                   ratio(percentile(pair.tandem.keystrokeMs, 0.99), percentile(pair.peer.keystrokeMs, 0.99))));
    print(QStringLiteral("event loop lag under 50 changes/s (%1 s; %2 and %3 changes): tandem p50 %4 ms p99 %5 ms, "
                         "QSortFilterProxyModel p50 %6 ms p99 %7 ms, p99 ratio %8")
              .arg(lagSeconds)
              .arg(pair.tandem.changes)
              .arg(pair.peer.changes)
              .arg(figure(percentile(pair.tandem.lagMs, 0.5)), figure(percentile(pair.tandem.lagMs, 0.99)),
                   figure(percentile(pair.peer.lagMs, 0.5)), figure(percentile(pair.peer.lagMs, 0.99)),
                   ratio(percentile(pair.tandem.lagMs, 0.99), percentile(pair.peer.lagMs, 0.99))));
    print(QStringLiteral("  of which each change's own call (model, counts; not the view's layout): tandem p50 %1 ms "
                         "p99 %2 ms, QSortFilterProxyModel p50 %3 ms p99 %4 ms")
              .arg(figure(percentile(pair.tandem.applyMs, 0.5)), figure(percentile(pair.tandem.applyMs, 0.99)),
                   figure(percentile(pair.peer.applyMs, 0.5)), figure(percentile(pair.peer.applyMs, 0.99))));
    print(
        QStringLiteral("RESULT size=%1 paint_ratio=%2 paint_ms=%3 loaded_ms=%4 rss_mib=%5 key_p99_ms=%6 lag_p99_ms=%7")
            .arg(size)
            .arg(ratio(median(ours.paint), median(peer.paint)), figure(median(ours.paint)), figure(median(ours.loaded)),
                 figure(median(ours.resident)), figure(percentile(pair.tandem.keystrokeMs, 0.99)),
                 figure(percentile(pair.tandem.lagMs, 0.99))));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--peer-window") == 0)
            return runPeerWindow(argc, argv);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The desktop dashboard's launch, search, lag and memory."));
    parser.addHelpOption();
    const QCommandLineOption sizes(QStringLiteral("sizes"), QStringLiteral("Task counts, comma-separated."),
                                   QStringLiteral("list"), QStringLiteral("10000,100000"));
    const QCommandLineOption starts(QStringLiteral("starts"), QStringLiteral("Launches per side and size."),
                                    QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption keys(QStringLiteral("keystrokes"), QStringLiteral("Search keystrokes per side."),
                                  QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption lag(QStringLiteral("lag-seconds"), QStringLiteral("Seconds of changes per side."),
                                 QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption tandem(
        QStringLiteral("tandem"), QStringLiteral("The desktop app's binary."), QStringLiteral("path"),
        QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../../app/tandem")));
    parser.addOptions({sizes, starts, keys, lag, tandem});
    parser.process(application);
    const QString self = QCoreApplication::applicationFilePath();
    print(QStringLiteral("bench_ui: tandem %1; Qt %2")
              .arg(QDir::cleanPath(parser.value(tandem)), QString::fromLatin1(qVersion())));
    const QStringList counts = parser.value(sizes).split(u',', Qt::SkipEmptyParts);
    for (const QString &count : counts) {
        const int status = runSize(count.toInt(), QDir::cleanPath(parser.value(tandem)), self,
                                   parser.value(starts).toInt(), parser.value(keys).toInt(), parser.value(lag).toInt());
        if (status != 0)
            return status;
    }
    return 0;
}

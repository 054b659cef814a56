// bench_store: durable single-task edits and batched imports through Tandem's
// TaskService, each beside the same work done in the same run by a plain loop
// on the engine's C API (sqlite3, libpq). See bench/README.md.

#include "plainsqlite.h"
#include "plainwork.h"
#include "report.h"
#include "tandemcontender.h"
#include "workload.h"

#ifdef TANDEM_BENCH_WITH_LIBPQ
#include "plainpostgres.h"
#endif

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

namespace tandem::bench {

namespace {

struct Options
{
    bool sqlite = true;
    bool postgres = true;
    bool requirePostgres = false;
    QString pgUrl;
    QString directory;
    bool keep = false;
    int edits = 2000; // timed, per side and engine
    int editRounds = 5;
    int warmupEdits = 50;
    int importRows = 10'000;
    int importRounds = 3; // two imports per side each
};

constexpr double ratioAim = 1.25;
constexpr double sqliteP99AimMs = 2.0;

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

void printError(const QString &line)
{
    std::fprintf(stderr, "bench_store: %s\n", qPrintable(line));
}

double millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

double cpuSecondsSince(std::clock_t start)
{
    return double(std::clock() - start) / CLOCKS_PER_SEC;
}

// Runs `count` edits on one side, timing each; adds the time to `run`.
bool runEdits(Contender &side, const Workload &work, std::size_t *cursor, int count, std::vector<double> *latencies,
              SideRun *run, QString *error)
{
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    for (int i = 0; i < count; ++i) {
        const auto editStart = std::chrono::steady_clock::now();
        if (!side.edit(work.edits.at((*cursor)++), error))
            return false;
        if (latencies)
            latencies->push_back(millisecondsSince(editStart));
    }
    if (run) {
        run->seconds += millisecondsSince(start) / 1000.0;
        run->cpuSeconds += cpuSecondsSince(cpuStart);
        run->units += count;
    }
    return true;
}

bool runImport(Contender &side, const ImportBatch &batch, SideRun *run, QString *error)
{
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpuStart = std::clock();
    if (!side.import(batch, error))
        return false;
    run->seconds += millisecondsSince(start) / 1000.0;
    run->cpuSeconds += cpuSecondsSince(cpuStart);
    run->units += int(batch.plain.size());
    return true;
}

// Every round runs plain, Tandem, Tandem, plain, each doing half the round's
// work: each side runs once right after the other and once right after
// itself, so disk bursts and the scheduler's favour for a process that has
// just slept (worth 30% on a busy machine) fall on both sides alike.
bool compare(const QString &engine, Contender &tandem, Contender &plain, const Workload &work, const Options &options,
             Figure *edits, Figure *imports, QString *error)
{
    edits->engine = imports->engine = engine;
    edits->operation = QStringLiteral("single_edit");
    edits->unit = QStringLiteral("edits");
    imports->operation = QStringLiteral("batch_import");
    imports->unit = QStringLiteral("rows");

    std::size_t tandemCursor = 0;
    std::size_t plainCursor = 0;
    if (!runEdits(tandem, work, &tandemCursor, options.warmupEdits, nullptr, nullptr, error)
        || !runEdits(plain, work, &plainCursor, options.warmupEdits, nullptr, nullptr, error))
        return false;

    const int perRound = options.edits / options.editRounds;
    const int halves[2] = {perRound / 2, perRound - perRound / 2};
    for (int r = 0; r < options.editRounds; ++r) {
        Round round;
        const bool ok = runEdits(plain, work, &plainCursor, halves[0], &edits->plainMs, &round.plain, error)
            && runEdits(tandem, work, &tandemCursor, halves[0], &edits->tandemMs, &round.tandem, error)
            && runEdits(tandem, work, &tandemCursor, halves[1], &edits->tandemMs, &round.tandem, error)
            && runEdits(plain, work, &plainCursor, halves[1], &edits->plainMs, &round.plain, error);
        if (!ok)
            return false;
        edits->rounds.push_back(round);
    }

    // An import is one transaction and is not split: a round is two imports per side.
    for (int r = 0; r < options.importRounds; ++r) {
        Round round;
        const ImportBatch &first = work.imports.at(std::size_t(2 * r));
        const ImportBatch &second = work.imports.at(std::size_t(2 * r + 1));
        const bool ok = runImport(plain, first, &round.plain, error) && runImport(tandem, first, &round.tandem, error)
            && runImport(tandem, second, &round.tandem, error) && runImport(plain, second, &round.plain, error);
        if (!ok)
            return false;
        imports->rounds.push_back(round);
    }
    return true;
}

// Both databases must hold the same rows after the runs, and the newest
// change-log payloads must have the same shape: the plain loop did the same work.
bool checkSameWork(const DatabaseSummary &tandem, const DatabaseSummary &plain)
{
    const QJsonObject a = QJsonDocument::fromJson(QByteArray::fromStdString(tandem.lastPayload)).object();
    const QJsonObject b = QJsonDocument::fromJson(QByteArray::fromStdString(plain.lastPayload)).object();
    bool sameShape = !a.isEmpty() && a.keys() == b.keys();
    for (auto it = a.begin(); sameShape && it != a.end(); ++it)
        sameShape = it.value().type() == b.value(it.key()).type();
    sameShape = sameShape && a.value(QStringLiteral("title")) == b.value(QStringLiteral("title"))
        && a.value(QStringLiteral("tags")) == b.value(QStringLiteral("tags"))
        && a.value(QStringLiteral("due")) == b.value(QStringLiteral("due"));
    const bool sameRows = tandem.tasks == plain.tasks && tandem.taskTags == plain.taskTags
        && tandem.changes == plain.changes && tandem.operations == plain.operations && tandem.head == plain.head;
    print(QStringLiteral("  same work on both sides: %1 (tasks %2/%3, task_tags %4/%5, change_log %6/%7, "
                         "operations %8/%9, payload shape %10)")
              .arg(sameRows && sameShape ? QStringLiteral("yes") : QStringLiteral("NO"))
              .arg(tandem.tasks)
              .arg(plain.tasks)
              .arg(tandem.taskTags)
              .arg(plain.taskTags)
              .arg(tandem.changes)
              .arg(plain.changes)
              .arg(tandem.operations)
              .arg(plain.operations)
              .arg(sameShape ? QStringLiteral("same") : QStringLiteral("DIFFERENT")));
    return sameRows && sameShape;
}

void printFigures(const QString &title, const Figure &edits, const Figure &imports, const Options &options,
                  double p99AimMs)
{
    const int perRound = options.edits / options.editRounds;
    print(QString());
    print(QStringLiteral("%1, single edit (title + priority, one durable transaction each): %2 rounds of %3 edits per "
                         "side, run as plain %4, Tandem %4, Tandem %5, plain %5, after %6 warm-up edits each")
              .arg(title)
              .arg(options.editRounds)
              .arg(perRound)
              .arg(perRound / 2)
              .arg(perRound - perRound / 2)
              .arg(options.warmupEdits));
    printFigure(edits, ratioAim, p99AimMs);
    print(QString());
    print(QStringLiteral("%1, batched import (%2 rows in one transaction): %3 rounds, each importing as plain, Tandem, "
                         "Tandem, plain")
              .arg(title)
              .arg(options.importRows)
              .arg(options.importRounds));
    printFigure(imports, ratioAim, 0);
}

WorkloadSize sizeFor(const Options &options)
{
    WorkloadSize size;
    size.edits = options.warmupEdits + options.edits / options.editRounds * options.editRounds;
    size.importRows = options.importRows;
    size.importBatches = 2 * options.importRounds;
    return size;
}

// SQLite: two files side by side, both created by Tandem's migrations.
bool runSqlite(const Options &options, std::vector<Figure> *figures, QString *error)
{
    std::optional<QTemporaryDir> temporary;
    if (options.directory.isEmpty())
        temporary.emplace();
    else
        temporary.emplace(QDir(options.directory).filePath(QStringLiteral("bench_store-XXXXXX")));
    temporary->setAutoRemove(!options.keep);
    if (!temporary->isValid()) {
        *error = QStringLiteral("cannot create a directory for the SQLite files: ") + temporary->errorString();
        return false;
    }
    const QString tandemPath = temporary->filePath(QStringLiteral("tandem.db"));
    const QString plainPath = temporary->filePath(QStringLiteral("plain.db"));
    print(QString());
    print(QStringLiteral("SQLite %1 (the library QtSql and the plain loop share), files in %2, journal_mode=WAL "
                         "synchronous=FULL")
              .arg(QString::fromLatin1(sqlite3_libversion()), QDir::toNativeSeparators(temporary->path())));

    const Workload work = makeWorkload(sizeFor(options));
    auto tandemStore = prepareDatabase(StoreConfig::sqliteFile(tandemPath), work);
    if (!tandemStore) {
        *error = tandemStore.error().toString();
        return false;
    }
    if (auto plainStore = prepareDatabase(StoreConfig::sqliteFile(plainPath), work); !plainStore) {
        *error = plainStore.error().toString();
        return false;
    }
    std::string why;
    auto engine = PlainSqlite::open(plainPath.toStdString(), &why);
    if (!engine) {
        *error = QString::fromStdString(why);
        return false;
    }

    Figure edits;
    Figure imports;
    {
        TandemContender tandem(std::move(tandemStore).value(), work.ownerId);
        PlainContender plain(std::move(engine), work.ownerIdText);
        if (!compare(QStringLiteral("sqlite"), tandem, plain, work, options, &edits, &imports, error))
            return false;
    }
    printFigures(QStringLiteral("SQLite"), edits, imports, options, sqliteP99AimMs);

    DatabaseSummary tandemSummary;
    DatabaseSummary plainSummary;
    if (!PlainSqlite::summarize(tandemPath.toStdString(), &tandemSummary, &why)
        || !PlainSqlite::summarize(plainPath.toStdString(), &plainSummary, &why)) {
        *error = QString::fromStdString(why);
        return false;
    }
    if (!checkSameWork(tandemSummary, plainSummary)) {
        *error = QStringLiteral("the plain loop did not do the same work as Tandem");
        return false;
    }
    figures->push_back(edits);
    figures->push_back(imports);
    return true;
}

QString postgresUrl(const Options &options)
{
    if (!options.pgUrl.isEmpty())
        return options.pgUrl;
    const QString bench = qEnvironmentVariable("TANDEM_BENCH_PG_URL");
    return bench.isEmpty() ? qEnvironmentVariable("TANDEM_TEST_PG_URL") : bench;
}

#ifdef TANDEM_BENCH_WITH_LIBPQ
// PostgreSQL: two scratch databases on the server of `url`, dropped at the end.
bool runPostgres(const QString &url, const Options &options, std::vector<Figure> *figures, QString *error)
{
    auto admin = parseDatabaseUrl(url);
    if (!admin) {
        *error = QStringLiteral("the PostgreSQL URL is invalid: ") + admin.error().toString();
        return false;
    }
    const std::string adminUrl = url.toStdString();
    std::string why;
    const std::string server = PlainPostgres::describeServer(adminUrl, &why);
    if (server.empty()) {
        *error = QString::fromStdString(why);
        return false;
    }
    const QString base = QStringLiteral("tandem_bench_%1")
                             .arg(qulonglong(QRandomGenerator::global()->generate()), 8, 16, QLatin1Char('0'));
    const QString tandemName = base + QStringLiteral("_tandem");
    const QString plainName = base + QStringLiteral("_plain");
    print(QString());
    print(QStringLiteral("%1 on %2:%3, scratch databases %4 and %5")
              .arg(QString::fromStdString(server), admin->host)
              .arg(admin->port)
              .arg(tandemName, plainName));

    QStringList created;
    const auto dropAll = qScopeGuard([&] {
        for (const QString &name : std::as_const(created)) {
            std::string dropError;
            if (!PlainPostgres::execute(adminUrl, std::string(),
                                        "DROP DATABASE IF EXISTS " + name.toStdString() + " WITH (FORCE)", &dropError))
                printError(QStringLiteral("cannot drop the scratch database %1: %2")
                               .arg(name, QString::fromStdString(dropError)));
        }
    });
    for (const QString &name : {tandemName, plainName}) {
        if (!PlainPostgres::execute(adminUrl, std::string(), "CREATE DATABASE " + name.toStdString(), &why)) {
            *error = QStringLiteral("cannot create the scratch database %1: %2").arg(name, QString::fromStdString(why));
            return false;
        }
        created.append(name);
    }

    StoreConfig tandemConfig = admin.value();
    tandemConfig.database = tandemName;
    StoreConfig plainConfig = admin.value();
    plainConfig.database = plainName;

    const Workload work = makeWorkload(sizeFor(options));
    Figure edits;
    Figure imports;
    {
        auto tandemStore = prepareDatabase(tandemConfig, work);
        if (!tandemStore) {
            *error = tandemStore.error().toString();
            return false;
        }
        if (auto plainStore = prepareDatabase(plainConfig, work); !plainStore) {
            *error = plainStore.error().toString();
            return false;
        }
        auto engine = PlainPostgres::open(adminUrl, plainName.toStdString(), &why);
        if (!engine) {
            *error = QString::fromStdString(why);
            return false;
        }
        TandemContender tandem(std::move(tandemStore).value(), work.ownerId);
        PlainContender plain(std::move(engine), work.ownerIdText);
        if (!compare(QStringLiteral("postgres"), tandem, plain, work, options, &edits, &imports, error))
            return false;
    }
    printFigures(QStringLiteral("PostgreSQL"), edits, imports, options, 0);

    DatabaseSummary tandemSummary;
    DatabaseSummary plainSummary;
    if (!PlainPostgres::summarize(adminUrl, tandemName.toStdString(), &tandemSummary, &why)
        || !PlainPostgres::summarize(adminUrl, plainName.toStdString(), &plainSummary, &why)) {
        *error = QString::fromStdString(why);
        return false;
    }
    if (!checkSameWork(tandemSummary, plainSummary)) {
        *error = QStringLiteral("the plain loop did not do the same work as Tandem");
        return false;
    }
    figures->push_back(edits);
    figures->push_back(imports);
    return true;
}
#endif

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Durable single-task edits and batched imports through Tandem's TaskService, each beside the "
                       "same work done by a plain loop on the engine's C API in the same run. Not a pass/fail test."));
    parser.addHelpOption();
    const QCommandLineOption engine(QStringLiteral("engine"), QStringLiteral("sqlite, postgres or all (default)."),
                                    QStringLiteral("name"), QStringLiteral("all"));
    const QCommandLineOption pgUrl(QStringLiteral("pg-url"),
                                   QStringLiteral("Admin URL of a PostgreSQL server (default: TANDEM_BENCH_PG_URL, "
                                                  "then TANDEM_TEST_PG_URL). Scratch databases are created and "
                                                  "dropped on it."),
                                   QStringLiteral("url"));
    const QCommandLineOption requirePostgres(QStringLiteral("require-postgres"),
                                             QStringLiteral("Fail when the PostgreSQL part cannot run."));
    const QCommandLineOption edits(QStringLiteral("edits"), QStringLiteral("Timed edits per side and engine."),
                                   QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Rounds the edits are split into."),
                                    QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Untimed edits per side first."),
                                    QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption rows(QStringLiteral("import-rows"), QStringLiteral("Rows per import transaction."),
                                  QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption importRounds(QStringLiteral("import-rounds"),
                                          QStringLiteral("Import rounds per engine; each imports twice per side."),
                                          QStringLiteral("n"), QStringLiteral("3"));
    const QCommandLineOption directory(QStringLiteral("dir"),
                                       QStringLiteral("Where the SQLite files go (default: a temporary directory); "
                                                      "put it on the disk you want measured."),
                                       QStringLiteral("path"));
    const QCommandLineOption keep(QStringLiteral("keep"), QStringLiteral("Keep the SQLite files for inspection."));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Show the store's informational log."));
    parser.addOptions(
        {engine, pgUrl, requirePostgres, edits, rounds, warmup, rows, importRounds, directory, keep, verbose});
    parser.process(app);

    Options options;
    const QString engineName = parser.value(engine);
    if (engineName != u"all" && engineName != u"sqlite" && engineName != u"postgres") {
        printError(QStringLiteral("--engine must be sqlite, postgres or all"));
        return std::nullopt;
    }
    options.sqlite = engineName != u"postgres";
    options.postgres = engineName != u"sqlite";
    options.requirePostgres = parser.isSet(requirePostgres);
    options.pgUrl = parser.value(pgUrl);
    options.directory = parser.value(directory);
    options.keep = parser.isSet(keep);
    const auto positive = [&](const QCommandLineOption &option, int minimum, int *out) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            printError(QStringLiteral("--%1 must be a number >= %2").arg(option.names().constFirst()).arg(minimum));
            return false;
        }
        *out = value;
        return true;
    };
    if (!positive(edits, 1, &options.edits) || !positive(rounds, 1, &options.editRounds)
        || !positive(warmup, 0, &options.warmupEdits) || !positive(rows, 1, &options.importRows)
        || !positive(importRounds, 1, &options.importRounds))
        return std::nullopt;
    if (options.edits < options.editRounds) {
        printError(QStringLiteral("--edits must be at least --rounds"));
        return std::nullopt;
    }
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("tandem.*.info=false"));
    return options;
}

int run(const QCoreApplication &app)
{
    const auto options = parseOptions(app);
    if (!options)
        return 2;

    print(QStringLiteral("Tandem store benchmark: Tandem (TaskService over QtSql) beside a plain C-API loop doing the "
                         "same statements, measured in the same run."));
#ifndef NDEBUG
    print(QStringLiteral("warning: this is not a release build; the figures overstate Tandem's overhead."));
#endif
    std::vector<Figure> figures;
    int status = 0;
    QString error;

    if (options->sqlite && !runSqlite(*options, &figures, &error)) {
        printError(QStringLiteral("the SQLite part failed: ") + error);
        status = 1;
    }

    if (options->postgres) {
        const QString url = postgresUrl(*options);
        QString notRun;
#ifdef TANDEM_BENCH_WITH_LIBPQ
        if (url.isEmpty()) {
            notRun = QStringLiteral("no server URL; pass --pg-url or set TANDEM_BENCH_PG_URL or TANDEM_TEST_PG_URL");
        } else if (!runPostgres(url, *options, &figures, &error)) {
            printError(QStringLiteral("the PostgreSQL part failed: ") + error);
            status = 1;
        }
#else
        notRun = QStringLiteral("bench_store was built without libpq (install libpq-dev and reconfigure)");
#endif
        if (!notRun.isEmpty()) {
            print(QString());
            print(QStringLiteral("PostgreSQL part not run: ") + notRun);
            if (options->requirePostgres)
                status = 1;
        }
    }

    print(QString());
    for (const Figure &figure : figures)
        print(resultLine(figure));
    return status;
}

} // namespace

} // namespace tandem::bench

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_store"));
    return tandem::bench::run(app);
}

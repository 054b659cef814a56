// bench_assistant: the time one assistant message takes with the built-in
// engine on a store of 10,000 tasks — the whole turn through
// AssistantService::sendNow, the engine alone (BuiltinEngine::respond), and
// the quick-add parser — beside the store's own single edit measured in the
// same run. See bench/README.md.

#include "measure.h"
#include "report.h"

#include "assistant/quickadd.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QTemporaryDir>

#include <algorithm>
#include <optional>

namespace tandem::bench {

namespace {

using namespace Qt::StringLiterals;

std::optional<Options> parseOptions(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Time per assistant message with the built-in engine on a store of 10,000 tasks (whole turns, the engine "
        u"alone) and per quick-add parse, beside the store's single edit in the same run. Not a pass/fail test."_s);
    parser.addHelpOption();
    const QCommandLineOption tasks(u"tasks"_s, u"Tasks in the store."_s, u"n"_s, u"10000"_s);
    const QCommandLineOption batch(u"batch"_s, u"Tasks per createMany while importing."_s, u"n"_s, u"500"_s);
    const QCommandLineOption messages(u"messages"_s, u"Timed messages per phase."_s, u"n"_s, u"2000"_s);
    const QCommandLineOption warmup(u"warmup"_s, u"Untimed messages before each phase."_s, u"n"_s, u"100"_s);
    const QCommandLineOption edits(u"edits"_s, u"Timed single edits per store (the peer)."_s, u"n"_s, u"500"_s);
    const QCommandLineOption blocks(u"blocks"_s, u"Alternating blocks of edits and messages."_s, u"n"_s, u"10"_s);
    const QCommandLineOption reps(u"quickadd-reps"_s, u"Times each quick-add input is parsed."_s, u"n"_s, u"200"_s);
    const QCommandLineOption flush(u"flush-mb"_s,
                                   u"MiB read between messages of the cold engine phases, to evict the CPU caches "
                                   u"(0: no cold phases)."_s,
                                   u"n"_s, u"64"_s);
    const QCommandLineOption seed(u"seed"_s, u"Seed for the tasks and the messages."_s, u"n"_s, u"1"_s);
    const QCommandLineOption directory(u"dir"_s, u"Where the disk store goes (default: a temporary directory)."_s,
                                       u"path"_s);
    const QCommandLineOption keep(u"keep"_s, u"Keep the database files."_s);
    const QCommandLineOption noTmpfs(u"no-tmpfs"_s, u"Skip the phases on /dev/shm."_s);
    const QCommandLineOption bigTasks(u"big-tasks"_s,
                                      u"Tasks in the large tmpfs store the engine alone is also timed on (0: skip)."_s,
                                      u"n"_s, u"100000"_s);
    const QCommandLineOption noTurns(u"no-turns"_s, u"Skip the full turns (to profile the engine alone)."_s);
    const QCommandLineOption transcript(u"transcript"_s, u"Write every message and reply to this file."_s, u"path"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Show the store's informational log."_s);
    parser.addOptions({tasks, batch, messages, warmup, edits, blocks, reps, flush, seed, directory, keep, noTmpfs,
                       noTurns, transcript, verbose, bigTasks});
    parser.process(app);

    Options options;
    const auto positive = [&](const QCommandLineOption &option, int minimum, int *out) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            printError(u"--%1 must be a number >= %2"_s.arg(option.names().constFirst()).arg(minimum));
            return false;
        }
        *out = value;
        return true;
    };
    int seedValue = 0;
    if (!positive(tasks, peerTargets + 10, &options.tasks) || !positive(batch, 1, &options.batch)
        || !positive(messages, 1, &options.messages) || !positive(warmup, 0, &options.warmup)
        || !positive(edits, 1, &options.edits) || !positive(blocks, 1, &options.blocks)
        || !positive(reps, 1, &options.quickAddReps) || !positive(flush, 0, &options.flushMb)
        || !positive(seed, 0, &seedValue) || !positive(bigTasks, 0, &options.bigTasks))
        return std::nullopt;
    options.seed = quint32(seedValue);
    options.directory = parser.value(directory);
    options.keep = parser.isSet(keep);
    options.tmpfs = !parser.isSet(noTmpfs);
    options.turns = !parser.isSet(noTurns);
    options.transcript = parser.value(transcript);
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(u"tandem.*.info=false"_s);
    return options;
}

std::unique_ptr<QTemporaryDir> temporaryDirectory(const QString &parent, QString *error)
{
    auto dir = parent.isEmpty() ? std::make_unique<QTemporaryDir>()
                                : std::make_unique<QTemporaryDir>(QDir(parent).filePath(u"bench_assistant-XXXXXX"_s));
    if (!dir->isValid()) {
        *error = u"cannot create a directory for the store: "_s + dir->errorString();
        return nullptr;
    }
    return dir;
}

QString engineTitle(const QString &where, int tasks, const Options &options)
{
    return u"Engine alone %1, %2 tasks: BuiltinEngine::respond with a TaskCatalog of the store, %3 messages that "
           u"change no task (queries, questions, asks answered \"none\", help, nonsense) after %4 warm-up, %5. Task "
           u"commits: 0 (checked)"_s.arg(where)
               .arg(tasks)
               .arg(options.messages)
               .arg(options.warmup)
               .arg(options.flushMb > 0
                        ? u"run twice: cold (%1 MiB read before each message to empty the caches) and warm "
                          u"(back to back)"_s.arg(options.flushMb)
                        : u"back to back only (--flush-mb 0)"_s);
}

struct BigFigures
{
    Stats cold;
    Stats warm;
};

// The engine alone on a store of options.bigTasks tasks on tmpfs (or a
// temporary directory where there is no /dev/shm).
bool runBig(const Options &options, CacheFlusher *flusher, Transcript &transcript, BigFigures *figures, QString *error)
{
    Dice dice(options.seed + 7);
    const QList<TaskDraft> drafts
        = makeTasks(options.bigTasks, BenchClock().base.date(), QTimeZone("Europe/Berlin"), dice);
    auto dir = temporaryDirectory(QDir(u"/dev/shm"_s).exists() ? u"/dev/shm"_s : QString(), error);
    if (!dir)
        return false;
    dir->setAutoRemove(!options.keep);
    Options bigOptions = options;
    bigOptions.batch = std::max(options.batch, 5000);
    auto env = openEnvironment(u"tmpfs-big"_s, dir->path(), drafts, bigOptions, error);
    if (!env)
        return false;
    print(QString());
    print(u"large tmpfs store: %1 tasks imported in %2 s"_s.arg(drafts.size()).arg(number(env->importSeconds, 2)));
    std::vector<Sample> cold;
    std::vector<Sample> warm;
    if (flusher && !runEngine(*env, options, true, flusher, u"big engine cold"_s, transcript, &cold, error))
        return false;
    if (!runEngine(*env, options, true, nullptr, u"big engine warm"_s, transcript, &warm, error))
        return false;
    printEngine(engineTitle(u"on tmpfs"_s, options.bigTasks, options), cold, warm, bigEngineAimMs);
    figures->cold = statsOf(millis(cold, any));
    figures->warm = statsOf(millis(warm, any));
    return true;
}

int run(const QCoreApplication &app)
{
    const auto options = parseOptions(app);
    if (!options)
        return 2;
    print(u"Tandem assistant benchmark: the built-in engine's time per message on a store of %1 tasks, whole turns "
          u"and the engine alone, beside the store's own single edit in the same run."_s.arg(options->tasks));
#ifndef NDEBUG
    print(u"warning: this is not a release build; the figures overstate every cost."_s);
#endif
    QString error;
    Transcript transcript(options->transcript);

    Dice dice(options->seed);
    const QList<TaskDraft> drafts
        = makeTasks(options->tasks, BenchClock().base.date(), QTimeZone("Europe/Berlin"), dice);

    // The stores: the one on disk (durable commits, as the app runs), and a
    // copy on tmpfs, where an fsync costs nothing: the same work without the disk.
    std::vector<std::pair<std::unique_ptr<QTemporaryDir>, std::unique_ptr<Environment>>> stores;
    QStringList places = {options->directory};
    if (options->tmpfs) {
        if (QDir(u"/dev/shm"_s).exists())
            places.append(u"/dev/shm"_s);
        else
            print(u"/dev/shm is missing: the tmpfs phases are skipped."_s);
    }
    for (qsizetype i = 0; i < places.size(); ++i) {
        auto dir = temporaryDirectory(places.at(i), &error);
        if (!dir) {
            printError(error);
            return 1;
        }
        dir->setAutoRemove(!options->keep);
        const QString name = i == 0 ? u"disk"_s : u"tmpfs"_s;
        auto env = openEnvironment(name, dir->path(), drafts, *options, &error);
        if (!env) {
            printError(u"cannot prepare the %1 store: %2"_s.arg(name, error));
            return 1;
        }
        print(u"%1 store: %2 tasks imported through TaskService::createMany in batches of %3 in %4 s (%5 tasks/s)"_s
                  .arg(name)
                  .arg(drafts.size())
                  .arg(options->batch)
                  .arg(number(env->importSeconds, 2), number(double(drafts.size()) / env->importSeconds, 0)));
        stores.emplace_back(std::move(dir), std::move(env));
    }

    // 1. Whole turns, on each store.
    std::vector<std::vector<Sample>> turns(stores.size());
    std::vector<TurnFigures> turnFigures;
    for (std::size_t i = 0; i < stores.size() && options->turns; ++i) {
        if (!runTurns(*stores[i].second, *options, transcript, &turns[i], &error)) {
            printError(u"the %1 turns failed: %2"_s.arg(stores[i].second->name, error));
            return 1;
        }
        turnFigures.push_back(printTurns(*stores[i].second, turns[i], *options));
    }

    // 2. The engine alone: read-only messages on the disk store (nothing is
    // written, so the disk plays no part), with the caches emptied before each
    // message and back to back; then the full mix on the tmpfs copy, where a
    // task write's commit is the store's CPU work only.
    std::optional<CacheFlusher> flusher;
    if (options->flushMb > 0)
        flusher.emplace(options->flushMb);
    std::vector<Sample> engineCold;
    std::vector<Sample> engineWarm;
    if ((flusher
         && !runEngine(*stores[0].second, *options, true, &*flusher, u"engine read-only cold"_s, transcript,
                       &engineCold, &error))
        || !runEngine(*stores[0].second, *options, true, nullptr, u"engine read-only warm"_s, transcript, &engineWarm,
                      &error)) {
        printError(u"the engine phase failed: "_s + error);
        return 1;
    }
    const Stats cold = statsOf(millis(engineCold, any));
    const Stats warm = statsOf(millis(engineWarm, any));
    printEngine(engineTitle(u"on disk"_s, options->tasks, *options), engineCold, engineWarm, engineAimMs);

    std::vector<Sample> engineMix;
    Stats mixAll;
    Stats mixReads;
    Stats mixWrites;
    Stats engineEstimate;
    double commitsPerWrite = 0;
    double tmpfsEditP50 = 0;
    if (stores.size() > 1) {
        Environment &tmpfs = *stores[1].second;
        if (!runEngine(tmpfs, *options, false, flusher ? &*flusher : nullptr, u"tmpfs engine"_s, transcript, &engineMix,
                       &error)) {
            printError(u"the engine phase on tmpfs failed: "_s + error);
            return 1;
        }
        tmpfsEditP50 = percentile(tmpfs.editMs, 50);
        mixAll = statsOf(millis(engineMix, any));
        mixReads = statsOf(millis(engineMix, readsOnly));
        mixWrites = statsOf(millis(engineMix, writes));
        int commits = 0;
        std::vector<double> estimate;
        for (const Sample &s : engineMix) {
            if (!s.wroteTasks())
                continue;
            commits += s.commits;
            estimate.push_back(std::max(0.0, s.ms - s.commits * tmpfsEditP50));
        }
        engineEstimate = statsOf(estimate);
        commitsPerWrite = mixWrites.n > 0 ? double(commits) / double(mixWrites.n) : 0;
        print(QString());
        print(u"Engine with its task writes on tmpfs: BuiltinEngine::respond with TaskOps over TaskService, the full "
              u"mix of %1 messages after %2 warm-up, %3; each write commits without an fsync"_s.arg(options->messages)
                  .arg(options->warmup)
                  .arg(flusher ? u"caches emptied before each"_s : u"back to back"_s));
        print(u"  %1 %2 %3 %4 %5"_s.arg(u"us per message"_s, -34)
                  .arg(u"n"_s, 6)
                  .arg(u"p50"_s, 9)
                  .arg(u"p99"_s, 9)
                  .arg(u"max"_s, 9));
        printRow(u"every message"_s, mixAll, 1000, 1);
        printRow(u"messages that changed no task"_s, mixReads, 1000, 1);
        printRow(u"messages that changed tasks"_s, mixWrites, 1000, 1,
                 u"  (%1 commits each)"_s.arg(number(commitsPerWrite, 2)));
        printRow(u"  the same less their commits**"_s, engineEstimate, 1000, 1);
        printByIntent(engineMix, 1000, 1);
        printOutcomes(engineMix);
        print(u"  ** each message's time less (its commits x the tmpfs single edit's p50, %1 us): an estimate of the "
              u"engine's own share"_s.arg(number(tmpfsEditP50 * 1000, 1)));
    }

    // 3. Where a full turn's time goes (disk).
    if (!turnFigures.empty())
        printSplit(turnFigures.front(), turnFigures.size() > 1 ? &turnFigures[1] : nullptr, warm,
                   flusher ? &cold : nullptr, stores.size() > 1 ? &engineEstimate : nullptr);

    // 4. The engine alone at scale: a store of --big-tasks on tmpfs (the
    // disk plays no part in read-only messages), cold and warm.
    BigFigures big;
    if (options->bigTasks > 0 && !runBig(*options, flusher ? &*flusher : nullptr, transcript, &big, &error)) {
        printError(u"the large engine phase failed: "_s + error);
        return 1;
    }

    // 5. The quick-add parser.
    QList<double> perInput;
    const Stats parse = statsOf(runQuickAdd(*options, &perInput));
    const auto slowest = std::max_element(perInput.cbegin(), perInput.cend());
    const QStringList inputs = quickAddInputs();
    print(QString());
    print(u"Quick-add parser: QuickAddParser::parse on %1 inputs, each %2 times, every call timed"_s.arg(inputs.size())
              .arg(options->quickAddReps));
    print(u"  %1 %2 %3 %4 %5"_s.arg(u"us per parse"_s, -34)
              .arg(u"n"_s, 6)
              .arg(u"p50"_s, 9)
              .arg(u"p99"_s, 9)
              .arg(u"max"_s, 9));
    printRow(u"every input"_s, parse, 1000, 2);
    print(u"  slowest input (p50 %1 us, %2 characters): “%3”"_s.arg(number(*slowest, 2))
              .arg(inputs.at(slowest - perInput.cbegin()).size())
              .arg(inputs.at(slowest - perInput.cbegin()).left(60)));
    print(u"  parse p99 %1 us, %2x under the aim of %3 us (%4)"_s.arg(
        number(parse.p99 * 1000, 2), number(quickAddAimUs / (parse.p99 * 1000), 1), number(quickAddAimUs, 0),
        aim(parse.p99 * 1000 < quickAddAimUs)));

    print(QString());
    for (std::size_t i = 0; i < turnFigures.size(); ++i)
        print(turnResult(*stores[i].second, turnFigures[i], *options));
    const auto engineResult = [](const QString &name, const Stats &stats, double aimMs, int tasks) -> QString {
        return u"RESULT %1"_s.arg(name) + kv(u"p50_us"_s, stats.p50 * 1000, 1) + kv(u"p99_us"_s, stats.p99 * 1000, 1)
            + kv(u"max_us"_s, stats.max * 1000, 1)
            + u" commits=0 aim_p99_under_%1us=%2 messages=%3 tasks=%4"_s.arg(number(aimMs * 1000, 0))
                  .arg(stats.p99 < aimMs ? u"met"_s : u"not_met"_s)
                  .arg(stats.n)
                  .arg(tasks);
    };
    if (flusher)
        print(engineResult(u"disk engine_read_only_cold"_s, cold, engineAimMs, options->tasks));
    print(engineResult(u"disk engine_read_only_warm"_s, warm, engineAimMs, options->tasks));
    if (big.cold.n)
        print(engineResult(u"tmpfs engine_read_only_cold_big"_s, big.cold, bigEngineAimMs, options->bigTasks));
    if (big.warm.n)
        print(engineResult(u"tmpfs engine_read_only_warm_big"_s, big.warm, bigEngineAimMs, options->bigTasks));
    if (stores.size() > 1)
        print(u"RESULT tmpfs engine_with_writes"_s + kv(u"p50_us"_s, mixAll.p50 * 1000, 1)
              + kv(u"p99_us"_s, mixAll.p99 * 1000, 1) + kv(u"read_p50_us"_s, mixReads.p50 * 1000, 1)
              + kv(u"read_p99_us"_s, mixReads.p99 * 1000, 1) + kv(u"write_p50_us"_s, mixWrites.p50 * 1000, 1)
              + kv(u"write_p99_us"_s, mixWrites.p99 * 1000, 1) + kv(u"commits_per_write"_s, commitsPerWrite, 2)
              + kv(u"edit_p50_us"_s, tmpfsEditP50 * 1000, 1)
              + kv(u"write_engine_estimate_p50_us"_s, engineEstimate.p50 * 1000, 1)
              + kv(u"write_engine_estimate_p99_us"_s, engineEstimate.p99 * 1000, 1) + u" messages=%1"_s.arg(mixAll.n));
    print(u"RESULT quickadd parse"_s + kv(u"p50_us"_s, parse.p50 * 1000, 2) + kv(u"p99_us"_s, parse.p99 * 1000, 2)
          + kv(u"max_us"_s, parse.max * 1000, 2) + kv(u"slowest_input_p50_us"_s, *slowest, 2)
          + u" inputs=%1 reps=%2"_s.arg(inputs.size()).arg(options->quickAddReps));
    return 0;
}

} // namespace

} // namespace tandem::bench

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_assistant"));
    return tandem::bench::run(app);
}
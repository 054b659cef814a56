#include "report.h"

#include <QDir>

#include <algorithm>

namespace tandem::bench {

using namespace Qt::StringLiterals;

std::vector<double> millis(const std::vector<Sample> &samples, const std::function<bool(const Sample &)> &keep,
                           double Sample::*field)
{
    std::vector<double> values;
    for (const Sample &s : samples) {
        if (keep(s))
            values.push_back(s.*field);
    }
    return values;
}

bool any(const Sample &)
{
    return true;
}

bool readsOnly(const Sample &s)
{
    return !s.wroteTasks();
}

bool writes(const Sample &s)
{
    return s.wroteTasks();
}

void printRow(const QString &label, const Stats &stats, double scale, int decimals, const QString &extra)
{
    print(u"  %1 %2 %3 %4 %5%6"_s.arg(label, -34)
              .arg(stats.n, 6)
              .arg(number(stats.p50 * scale, decimals), 9)
              .arg(number(stats.p99 * scale, decimals), 9)
              .arg(number(stats.max * scale, decimals), 9)
              .arg(extra));
}

void printOutcomes(const std::vector<Sample> &samples)
{
    int counts[outcomeCount] = {};
    for (const Sample &s : samples)
        ++counts[int(s.outcome)];
    QStringList parts;
    for (int o = 0; o < outcomeCount; ++o)
        parts.append(u"%1 %2"_s.arg(outcomeName(Outcome(o))).arg(counts[o]));
    print(u"  replies: "_s + parts.join(u", "_s));
}

void printByIntent(const std::vector<Sample> &samples, double scale, int decimals)
{
    for (int i = 0; i < intentCount; ++i) {
        const auto values = millis(samples, [i](const Sample &s) { return int(s.intent) == i; });
        if (!values.empty())
            printRow(u"  "_s + intentName(Intent(i)), statsOf(values), scale, decimals);
    }
    for (const Reference r : {Reference::Title, Reference::TitleTypo, Reference::Number, Reference::It}) {
        const auto values = millis(samples, [r](const Sample &s) { return s.reference == r; });
        if (!values.empty())
            printRow(u"  task named by "_s + referenceName(r), statsOf(values), scale, decimals);
    }
}

void printEngine(const QString &title, const std::vector<Sample> &cold, const std::vector<Sample> &warm, double aimMs)
{
    print(QString());
    print(title);
    print(u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(u"us per message"_s, -34)
              .arg(u"n"_s, 6)
              .arg(u"cold p50"_s, 9)
              .arg(u"p99"_s, 8)
              .arg(u"max"_s, 8)
              .arg(u"warm p50"_s, 9)
              .arg(u"p99"_s, 8)
              .arg(u"max"_s, 8));
    const auto row = [&](const QString &label, const std::function<bool(const Sample &)> &keep) {
        const Stats c = statsOf(millis(cold, keep));
        const Stats w = statsOf(millis(warm, keep));
        if (c.n == 0 && w.n == 0)
            return;
        const auto cell = [](const Stats &stats, double value, int width) {
            return stats.n == 0 ? u"-"_s.rightJustified(width) : number(value * 1000, 1).rightJustified(width);
        };
        print(u"  %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(label, -34)
                  .arg(std::max(c.n, w.n), 6)
                  .arg(cell(c, c.p50, 9), cell(c, c.p99, 8), cell(c, c.max, 8), cell(w, w.p50, 9), cell(w, w.p99, 8),
                       cell(w, w.max, 8)));
    };
    row(u"every message"_s, any);
    for (int i = 0; i < intentCount; ++i)
        row(u"  "_s + intentName(Intent(i)), [i](const Sample &s) { return int(s.intent) == i; });
    for (const Reference r : {Reference::Title, Reference::TitleTypo, Reference::Number})
        row(u"  task named by "_s + referenceName(r), [r](const Sample &s) { return s.reference == r; });
    printOutcomes(warm);
    const Stats c = statsOf(millis(cold, any));
    const Stats w = statsOf(millis(warm, any));
    print(u"  engine p99 %1 us cold, %2 us warm (aim < %3 us: %4 cold, %5 warm)"_s.arg(
        c.n ? number(c.p99 * 1000, 1) : u"-"_s, number(w.p99 * 1000, 1), number(aimMs * 1000, 0),
        c.n ? aim(c.p99 < aimMs) : u"-"_s, aim(w.p99 < aimMs)));
}

QString kv(const QString &key, double value, int decimals)
{
    return u" %1=%2"_s.arg(key, number(value, decimals));
}

TurnFigures printTurns(const Environment &env, const std::vector<Sample> &samples, const Options &options)
{
    TurnFigures f;
    f.all = statsOf(millis(samples, any));
    f.cpu = statsOf(millis(samples, any, &Sample::cpuMs));
    f.reads = statsOf(millis(samples, readsOnly));
    f.writes = statsOf(millis(samples, writes));
    f.refresh = statsOf(millis(samples, any, &Sample::refreshMs));
    f.edit = statsOf(env.editMs);
    print(QString());
    print(u"Full turns on %1 (%2): AssistantService::sendNow, %3 messages after %4 warm-up, in %5 blocks alternating "
          u"with %6 single edits"_s.arg(env.name, QDir::toNativeSeparators(env.path))
              .arg(options.messages)
              .arg(options.warmup)
              .arg(options.blocks)
              .arg(options.edits));
    print(u"  %1 %2 %3 %4 %5"_s.arg(u"ms per message"_s, -34)
              .arg(u"n"_s, 6)
              .arg(u"p50"_s, 9)
              .arg(u"p99"_s, 9)
              .arg(u"max"_s, 9));
    printRow(u"every message"_s, f.all, 1, 3);
    printRow(u"  CPU time of the same (this thread)"_s, f.cpu, 1, 3);
    printRow(u"messages that changed no task"_s, f.reads, 1, 3);
    printRow(u"messages that changed tasks"_s, f.writes, 1, 3);
    printByIntent(samples, 1, 3);
    for (int n = 0; n <= 3; ++n) {
        const auto values = millis(samples, [n](const Sample &s) { return n < 3 ? s.durable == n : s.durable >= n; });
        if (!values.empty())
            printRow(u"  with %1%2 durable commits**"_s.arg(n).arg(n < 3 ? QString() : u"+"_s), statsOf(values), 1, 3);
    }
    printRow(u"catalog refresh after each turn*"_s, f.refresh, 1, 3);
    printRow(u"peer: single edit (TaskService::update)"_s, f.edit, 1, 3);
    printOutcomes(samples);
    double commits = 0;
    for (const Sample &s : samples)
        commits += s.durable;
    print(u"  * the same refresh the turn ran, replayed on a second TaskCatalog right after it"_s);
    print(u"  ** transactions the store committed during the message (Store::durableCommits): %1 a turn on average, "
          u"%2 a single edit"_s.arg(number(commits / double(std::max<std::size_t>(1, samples.size())), 2),
                                    number(double(env.editDurable) / double(std::max(1, env.peerEdits)), 2)));
    print(u"  a message takes %1x a single edit at p50, %2x at p99 (%3x for messages that changed no task, %4x for "
          u"those that did)"_s.arg(number(f.all.p50 / f.edit.p50, 2), number(f.all.p99 / f.edit.p99, 2),
                                   number(f.reads.p50 / f.edit.p50, 2), number(f.writes.p50 / f.edit.p50, 2)));
    print(u"  aim: a turn at most %1x a single edit at p50 (%2) and at p99 (%3)"_s.arg(
        number(turnRatioAim, 1), aim(f.all.p50 <= turnRatioAim * f.edit.p50),
        aim(f.all.p99 <= turnRatioAim * f.edit.p99)));
    return f;
}

QString turnResult(const Environment &env, const TurnFigures &f, const Options &options)
{
    return u"RESULT %1 full_turn"_s.arg(env.name) + kv(u"p50_ms"_s, f.all.p50, 3) + kv(u"p99_ms"_s, f.all.p99, 3)
        + kv(u"max_ms"_s, f.all.max, 3) + kv(u"cpu_p50_ms"_s, f.cpu.p50, 3) + kv(u"cpu_p99_ms"_s, f.cpu.p99, 3)
        + kv(u"read_p50_ms"_s, f.reads.p50, 3) + kv(u"read_p99_ms"_s, f.reads.p99, 3)
        + kv(u"write_p50_ms"_s, f.writes.p50, 3) + kv(u"write_p99_ms"_s, f.writes.p99, 3)
        + kv(u"refresh_p50_ms"_s, f.refresh.p50, 3) + kv(u"refresh_p99_ms"_s, f.refresh.p99, 3)
        + kv(u"edit_p50_ms"_s, f.edit.p50, 3) + kv(u"edit_p99_ms"_s, f.edit.p99, 3)
        + kv(u"ratio_p50"_s, f.all.p50 / f.edit.p50, 2) + kv(u"ratio_p99"_s, f.all.p99 / f.edit.p99, 2)
        + u" aim_ratio_p50=%1 aim_ratio_p99=%2 messages=%3 tasks=%4"_s
              .arg(f.all.p50 <= turnRatioAim * f.edit.p50 ? u"met"_s : u"not_met"_s)
              .arg(f.all.p99 <= turnRatioAim * f.edit.p99 ? u"met"_s : u"not_met"_s)
              .arg(options.messages)
              .arg(options.tasks);
}

void printSplit(const TurnFigures &disk, const TurnFigures *tmpfs, const Stats &warm, const Stats *cold,
                const Stats *writeEngine)
{
    const auto row = [](const QString &label, double p50, double p99, const QString &extra = {}) {
        print(u"  %1 %2 %3%4"_s.arg(label, -58).arg(number(p50, 3), 8).arg(number(p99, 3), 8).arg(extra));
    };
    print(QString());
    print(u"Split of a full turn on disk"_s);
    print(u"  %1 %2 %3"_s.arg(u"ms"_s, -58).arg(u"p50"_s, 8).arg(u"p99"_s, 8));
    row(u"whole turn, message changing no task"_s, disk.reads.p50, disk.reads.p99);
    row(u"  (a) engine alone, warm caches"_s, warm.p50, warm.p99,
        u"   %1% of the turn at p50"_s.arg(number(100 * warm.p50 / disk.reads.p50, 0)));
    if (cold)
        row(u"  (a) engine alone, cold caches"_s, cold->p50, cold->p99,
            u"   %1% of the turn at p50"_s.arg(number(100 * cold->p50 / disk.reads.p50, 0)));
    const double restMin = disk.reads.p50 - (cold ? cold->p50 : warm.p50);
    print(u"  %1 %2 to %3 ms at p50 (the turn less the engine, cold to warm)"_s
              .arg(u"  (b) the rest: chat messages, state, refresh, commits"_s, -58)
              .arg(number(std::max(0.0, restMin), 3), number(disk.reads.p50 - warm.p50, 3)));
    row(u"whole turn, message changing tasks"_s, disk.writes.p50, disk.writes.p99);
    if (writeEngine)
        row(u"  (a) engine's own share (on tmpfs, less its commits)"_s, writeEngine->p50, writeEngine->p99);
    if (tmpfs)
        row(u"whole turn on tmpfs (the same work, no fsync)"_s, tmpfs->all.p50, tmpfs->all.p99,
            u"   disk adds %1 ms at p50"_s.arg(number(disk.all.p50 - tmpfs->all.p50, 3)));
    row(u"waiting (wall less CPU), every message on disk"_s, disk.all.p50 - disk.cpu.p50, disk.all.p99 - disk.cpu.p99);
    row(u"single durable edit (the peer)"_s, disk.edit.p50, disk.edit.p99);
    print(u"  aims: (a) engine alone p99 < %1 ms: %2 warm%3; (b) full turn <= %4x the edit: %5 at p50, %6 at p99"_s.arg(
        number(engineAimMs, 1), aim(warm.p99 < engineAimMs),
        cold ? u", %1 cold"_s.arg(aim(cold->p99 < engineAimMs)) : QString(), number(turnRatioAim, 1),
        aim(disk.all.p50 <= turnRatioAim * disk.edit.p50), aim(disk.all.p99 <= turnRatioAim * disk.edit.p99)));
}

} // namespace tandem::bench

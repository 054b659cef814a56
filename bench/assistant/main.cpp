// bench_assistant: the time one assistant message takes with the built-in
// engine on a store of 10,000 tasks — the whole turn through
// AssistantService::sendNow, the engine alone (BuiltinEngine::respond), and
// the quick-add parser — beside the store's own single edit measured in the
// same run. See bench/README.md.

#include "corpus.h"

#include "assistant/assistantservice.h"
#include "assistant/builtin/builtinengine.h"
#include "assistant/catalog.h"
#include "assistant/quickadd.h"
#include "assistant/taskops.h"
#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace tandem::bench {

namespace {

using namespace Qt::StringLiterals;
using assistant::AssistantService;
using assistant::BuiltinEngine;
using assistant::ConversationState;
using assistant::QuickAddParser;
using assistant::TaskCatalog;
using assistant::TaskOps;
using assistant::TurnContext;

constexpr double aimMs = 1.0; // the issue: p99 under 1 ms a message
constexpr double quickAddAimUs = 50.0; // "well under 50 us a message"
constexpr int peerTargets = 100; // seed tasks the single-edit peer rewrites; no message names them

struct Options
{
    int tasks = 10'000;
    int batch = 500; // tasks per createMany
    int messages = 2000; // timed, per phase
    int warmup = 100;
    int edits = 500; // timed single edits per store, interleaved with the messages
    int blocks = 10; // the messages and the edits are split into this many alternating blocks
    int quickAddReps = 200;
    int flushMb = 64; // memory read between engine messages to push the catalog out of the caches
    quint32 seed = 1;
    QString directory;
    bool keep = false;
    bool tmpfs = true;
    bool turns = true;
    QString transcript;
};

void print(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

void printError(const QString &line)
{
    std::fprintf(stderr, "bench_assistant: %s\n", qPrintable(line));
}

QString number(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

QString aim(bool met)
{
    return met ? u"met"_s : u"NOT met"_s;
}

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// Nearest rank; 0 when empty.
double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

struct Stats
{
    std::size_t n = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Stats statsOf(const std::vector<double> &values)
{
    Stats s;
    s.n = values.size();
    if (values.empty())
        return s;
    s.p50 = percentile(values, 50);
    s.p99 = percentile(values, 99);
    s.max = *std::max_element(values.begin(), values.end());
    return s;
}

// One timed message.
struct Sample
{
    double ms = 0; // wall time
    double cpuMs = 0; // this thread's CPU time
    double refreshMs = 0; // full turns: the catalog refresh replayed on a second catalog
    Intent intent = Intent::Query;
    Reference reference = Reference::None;
    Outcome outcome = Outcome::Answered;
    int commits = 0; // task commits during the message (one per TaskService call)
    bool stateChanged = false; // full turns: the conversation's stored state differs afterwards
    bool wroteTasks() const { return outcome == Outcome::Changed; }
    // Full turns: the user's message, the task changes, the state when it
    // changed (AssistantService skips an unchanged one) and the reply.
    int durableCommits() const { return 2 + commits + (stateChanged ? 1 : 0); }
};

// A fixed date (Thursday 26 November 2026, 10:00 in Berlin) plus the time
// since the benchmark started, so "today" never moves and createdAt still
// advances; the import sets `offsetMs` to spread its batches over past days.
struct BenchClock
{
    QDateTime base = QDateTime(QDate(2026, 11, 26), QTime(10, 0), QTimeZone("Europe/Berlin"));
    QElapsedTimer elapsed;
    qint64 offsetMs = 0;
    QDateTime now() const { return base.addMSecs(elapsed.elapsed() + offsetMs); }
};

// One store with the services the assistant uses, one user and one conversation.
struct Environment
{
    QString name; // "disk", "tmpfs"
    QString path;
    std::shared_ptr<BenchClock> clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<TaskService> tasks;
    std::unique_ptr<ChatService> chats;
    std::unique_ptr<AccountService> accounts;
    std::unique_ptr<AssistantService> assistant;
    QUuid owner;
    QUuid session;
    Mirror mirror;
    QList<QUuid> peerIds;
    int peerEdits = 0;
    std::vector<double> editMs; // the single-edit peer
    double importSeconds = 0;
};

std::unique_ptr<Environment> openEnvironment(const QString &name, const QString &directory,
                                             const QList<TaskDraft> &drafts, const Options &options, QString *error)
{
    auto env = std::make_unique<Environment>();
    env->name = name;
    env->path = QDir(directory).filePath(u"tandem.db"_s);
    env->clock = std::make_shared<BenchClock>();
    env->clock->elapsed.start();
    auto store = Store::open(StoreConfig::sqliteFile(env->path));
    if (!store) {
        *error = store.error().toString();
        return nullptr;
    }
    env->store = std::move(store).value();
    const Clock clock = [c = env->clock] {
        return c->now();
    };
    env->tasks = std::make_unique<TaskService>(*env->store, clock);
    env->chats = std::make_unique<ChatService>(*env->store, clock);
    env->accounts = std::make_unique<AccountService>(*env->store, clock);
    env->assistant = std::make_unique<AssistantService>(*env->store, *env->tasks, *env->chats, clock);
    auto user = env->accounts->createUser(u"bench"_s);
    if (!user) {
        *error = user.error().toString();
        return nullptr;
    }
    env->owner = user->id;
    auto session = env->chats->createSession(env->owner);
    if (!session) {
        *error = session.error().toString();
        return nullptr;
    }
    env->session = session->entityId();

    // The import: batches created a few hours apart, the newest just now.
    const auto start = std::chrono::steady_clock::now();
    const qsizetype batches = (drafts.size() + options.batch - 1) / options.batch;
    for (qsizetype b = 0; b < batches; ++b) {
        env->clock->offsetMs = -(batches - b) * 6 * 3600 * 1000LL;
        auto created = env->tasks->createMany(env->owner, drafts.mid(b * options.batch, options.batch));
        if (!created) {
            *error = created.error().toString();
            return nullptr;
        }
    }
    env->clock->offsetMs = 0;
    env->importSeconds = msSince(start) / 1000.0;
    for (const TaskDraft &draft : drafts)
        env->mirror.put(draft);
    for (qsizetype i = 0; i < std::min<qsizetype>(peerTargets, drafts.size()); ++i) {
        env->peerIds.append(*drafts.at(i).id);
        env->mirror.exclude(*drafts.at(i).id);
    }
    return env;
}

// The peer: TaskService::update of one task's title and priority, one durable commit.
bool runEdits(Environment &env, int count, bool timed, QString *error)
{
    for (int i = 0; i < count; ++i) {
        const int n = env.peerEdits++;
        TaskPatch patch;
        patch.title = u"Archive box %1, pass %2"_s.arg(n % env.peerIds.size()).arg(n / env.peerIds.size());
        patch.priority = TaskPriority(n % 5);
        const auto start = std::chrono::steady_clock::now();
        auto changed = env.tasks->update(env.owner, env.peerIds.at(n % env.peerIds.size()), patch);
        const double ms = msSince(start);
        if (!changed) {
            *error = changed.error().toString();
            return false;
        }
        if (timed)
            env.editMs.push_back(ms);
    }
    return true;
}

// Puts the tasks a turn touched into the mirror, as the store now has them.
void follow(Environment &env, const QList<TaskAction> &actions)
{
    for (const TaskAction &action : actions) {
        auto task = env.tasks->get(env.owner, action.taskId);
        if (task)
            env.mirror.put(task.value());
        else {
            Task gone;
            gone.id = action.taskId;
            gone.deletedAt = QDateTime::currentDateTimeUtc();
            env.mirror.put(gone);
        }
    }
}

class Transcript
{
public:
    explicit Transcript(const QString &path)
    {
        if (path.isEmpty())
            return;
        m_file.setFileName(path);
        if (m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
            m_stream.setDevice(&m_file);
    }
    void write(const QString &phase, const Sample &sample, const QString &message, const QString &reply)
    {
        if (!m_stream.device())
            return;
        QString shortReply = reply.left(160);
        shortReply.replace(u'\n', u" | "_s);
        m_stream << phase << '\t' << number(sample.ms * 1000, 0) << " us\t" << intentName(sample.intent) << '\t'
                 << referenceName(sample.reference) << '\t' << outcomeName(sample.outcome) << '\t' << message << "\t=> "
                 << shortReply << '\n';
    }

private:
    QFile m_file;
    QTextStream m_stream;
};

// Messages through AssistantService::sendNow, in blocks alternating with the
// single-edit peer's blocks: edits, messages, edits, messages...
bool runTurns(Environment &env, const Options &options, Transcript &transcript, std::vector<Sample> *samples,
              QString *error)
{
    Script script(env.mirror, options.seed, false);
    TaskCatalog shadow(*env.store, env.owner); // replays each turn's catalog refresh, to time it
    if (auto loaded = shadow.refresh(); !loaded) {
        *error = loaded.error().toString();
        return false;
    }
    const QTimeZone zone("Europe/Berlin");
    int commits = 0;
    QObject receiver;
    QObject::connect(env.tasks.get(), &TaskService::changed, &receiver, [&commits] { ++commits; });
    const auto storedState = [&env] {
        auto stored = env.store->assistantState(env.owner, env.session);
        return stored ? stored.value() : QString();
    };
    QString state = storedState();
    const auto send = [&](bool timed) {
        const ScriptMessage message = script.next();
        const int commitsBefore = commits;
        const double cpuStart = threadCpuMs();
        const auto start = std::chrono::steady_clock::now();
        auto turn = env.assistant->sendNow(env.owner, env.session, message.text, zone);
        Sample sample;
        sample.ms = msSince(start);
        sample.cpuMs = threadCpuMs() - cpuStart;
        sample.commits = commits - commitsBefore;
        if (!turn) {
            *error = u"“%1”: %2"_s.arg(message.text, turn.error().toString());
            return false;
        }
        const QString stateNow = storedState();
        sample.stateChanged = stateNow != state;
        state = stateNow;
        const auto refreshStart = std::chrono::steady_clock::now();
        if (auto refreshed = shadow.refresh(); !refreshed) {
            *error = refreshed.error().toString();
            return false;
        }
        sample.refreshMs = msSince(refreshStart);
        const QString &reply = turn->assistantMessage.content;
        follow(env, turn->actions);
        script.observe(reply, turn->actions);
        sample.intent = message.intent;
        sample.reference = message.reference;
        sample.outcome = outcomeOf(reply, !turn->actions.isEmpty());
        transcript.write(env.name + u" turn"_s, sample, message.text, reply);
        if (timed)
            samples->push_back(sample);
        return true;
    };
    for (int i = 0; i < options.warmup; ++i) {
        if (!send(false))
            return false;
    }
    if (!runEdits(env, std::min(options.warmup, 50), false, error))
        return false;
    for (int b = 0; b < options.blocks; ++b) {
        const int edits = options.edits / options.blocks + (b < options.edits % options.blocks ? 1 : 0);
        const int messages = options.messages / options.blocks + (b < options.messages % options.blocks ? 1 : 0);
        if (!runEdits(env, edits, true, error))
            return false;
        for (int i = 0; i < messages; ++i) {
            if (!send(true))
                return false;
        }
    }
    return true;
}

// Reads a buffer larger than the last-level cache, so what the next message
// touches comes from memory, as it does when a person sends a message every
// few seconds and the rest of the machine uses the caches in between.
class CacheFlusher
{
public:
    explicit CacheFlusher(int megabytes)
        : m_buffer(std::size_t(megabytes) << 20, 1)
    { }
    void operator()()
    {
        unsigned sum = 0;
        for (std::size_t i = 0; i < m_buffer.size(); i += 64)
            sum += m_buffer[i];
        m_sink = m_sink + sum;
    }

private:
    std::vector<unsigned char> m_buffer;
    volatile unsigned m_sink = 0;
};

// BuiltinEngine::respond alone, with a TaskCatalog and a TaskOps over the
// environment's TaskService, as AssistantService sets them up for a turn but
// without the chat messages and the stored state. `readOnly` sends only
// messages that change no task, and checks that none did. With `flush`, the
// caches are emptied before each message (untimed).
bool runEngine(Environment &env, const Options &options, bool readOnly, CacheFlusher *flush, const QString &phase,
               Transcript &transcript, std::vector<Sample> *samples, QString *error)
{
    Script script(env.mirror, options.seed + 1, readOnly);
    TaskCatalog catalog(*env.store, env.owner);
    if (auto loaded = catalog.refresh(); !loaded) {
        *error = loaded.error().toString();
        return false;
    }
    ConversationState state;
    TurnContext context;
    context.ownerId = env.owner;
    context.now.zone = QTimeZone("Europe/Berlin");
    const BuiltinEngine engine;
    int commits = 0;
    QObject receiver;
    QObject::connect(env.tasks.get(), &TaskService::changed, &receiver, [&commits] { ++commits; });
    const auto send = [&](bool timed) {
        const ScriptMessage message = script.next();
        TaskOps ops(*env.tasks, catalog, env.owner, [] { return QUuid::createUuid(); });
        context.now.instant = env.clock->now();
        const int commitsBefore = commits;
        if (flush)
            (*flush)();
        const double cpuStart = threadCpuMs();
        const auto start = std::chrono::steady_clock::now();
        const assistant::EngineReply reply = engine.respond(message.text, state, catalog, ops, context);
        Sample sample;
        sample.ms = msSince(start);
        sample.cpuMs = threadCpuMs() - cpuStart;
        sample.commits = commits - commitsBefore;
        follow(env, ops.actions());
        script.observe(reply.text, ops.actions());
        sample.intent = message.intent;
        sample.reference = message.reference;
        sample.outcome = outcomeOf(reply.text, !ops.actions().isEmpty());
        transcript.write(phase, sample, message.text, reply.text);
        if (readOnly && sample.commits > 0) {
            *error = u"“%1” changed a task in the read-only phase"_s.arg(message.text);
            return false;
        }
        if (timed)
            samples->push_back(sample);
        return true;
    };
    for (int i = 0; i < options.warmup; ++i) {
        if (!send(false))
            return false;
    }
    for (int i = 0; i < options.messages; ++i) {
        if (!send(true))
            return false;
    }
    return true;
}

// QuickAddParser::parse, each input `reps` times in turn, every call timed (ms);
// `perInputP50` gets each input's median in us.
std::vector<double> runQuickAdd(const Options &options, QList<double> *perInputP50)
{
    const QStringList inputs = quickAddInputs();
    assistant::ParseContext context;
    context.now = BenchClock().base;
    context.timeZone = context.now.timeZone();
    std::vector<double> all;
    std::vector<std::vector<double>> byInput(std::size_t(inputs.size()));
    volatile qsizetype titles = 0; // uses every result
    for (int warm = 0; warm < 20; ++warm) {
        for (const QString &input : inputs)
            titles = titles + QuickAddParser::parse(input, context).title.size();
    }
    for (int rep = 0; rep < options.quickAddReps; ++rep) {
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const auto start = std::chrono::steady_clock::now();
            const assistant::QuickAdd parsed = QuickAddParser::parse(inputs.at(i), context);
            const double ms = msSince(start);
            titles = titles + parsed.title.size();
            all.push_back(ms);
            byInput[std::size_t(i)].push_back(ms);
        }
    }
    for (const auto &values : byInput)
        perInputP50->append(percentile(values, 50) * 1000);
    return all;
}

// ------------------------------------------------------------------ output

std::vector<double> millis(const std::vector<Sample> &samples, const std::function<bool(const Sample &)> &keep,
                           double Sample::*field = &Sample::ms)
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

void printRow(const QString &label, const Stats &stats, double scale, int decimals, const QString &extra = {})
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

// The engine-alone table: one row per kind of message, cold and warm side by side (us).
void printEngine(const std::vector<Sample> &cold, const std::vector<Sample> &warm, const Options &options)
{
    print(QString());
    print(u"Engine alone on disk: BuiltinEngine::respond with a TaskCatalog of the store, %1 messages that change no "
          u"task (queries, questions, asks answered \"none\", help, nonsense) after %2 warm-up, %3. Task commits: 0 "
          u"(checked)"_s.arg(options.messages)
              .arg(options.warmup)
              .arg(options.flushMb > 0 ? u"run twice: cold (%1 MiB read before each message to empty the caches) and "
                                         u"warm (back to back)"_s.arg(options.flushMb)
                                       : u"back to back only (--flush-mb 0)"_s));
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

struct TurnFigures
{
    Stats all;
    Stats cpu;
    Stats reads;
    Stats writes;
    Stats refresh;
    Stats edit;
};

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
    for (int n = 2; n <= 5; ++n) {
        const auto values = millis(
            samples, [n](const Sample &s) { return n < 5 ? s.durableCommits() == n : s.durableCommits() >= n; });
        if (!values.empty())
            printRow(u"  with %1%2 durable commits**"_s.arg(n).arg(n < 5 ? QString() : u"+"_s), statsOf(values), 1, 3);
    }
    printRow(u"catalog refresh after each turn*"_s, f.refresh, 1, 3);
    printRow(u"peer: single edit (TaskService::update)"_s, f.edit, 1, 3);
    printOutcomes(samples);
    int stateChanges = 0;
    double commits = 0;
    for (const Sample &s : samples) {
        stateChanges += s.stateChanged ? 1 : 0;
        commits += s.durableCommits();
    }
    print(u"  * the same refresh the turn ran, replayed on a second TaskCatalog right after it"_s);
    print(u"  ** the user's message, each task change, the conversation's state when it changed (in %1 of %2 turns) "
          u"and the reply: %3 a turn on average"_s.arg(stateChanges)
              .arg(samples.size())
              .arg(number(commits / double(std::max<std::size_t>(1, samples.size())), 2)));
    print(u"  a message takes %1x a single edit at p50, %2x at p99 (%3x for messages that changed no task, %4x for "
          u"those that did)"_s.arg(number(f.all.p50 / f.edit.p50, 2), number(f.all.p99 / f.edit.p99, 2),
                                   number(f.reads.p50 / f.edit.p50, 2), number(f.writes.p50 / f.edit.p50, 2)));
    print(u"  full turn p99 %1 ms (aim < %2 ms: %3)"_s.arg(number(f.all.p99, 3), number(aimMs, 1),
                                                           aim(f.all.p99 < aimMs)));
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
        + u" aim_p99_under_1ms=%1 messages=%2 tasks=%3"_s.arg(f.all.p99 < aimMs ? u"met"_s : u"not_met"_s)
              .arg(options.messages)
              .arg(options.tasks);
}

// Where a full turn's time goes: the turn on disk beside the engine alone
// (warm and cold bound it: a turn's caches are somewhere between), the same
// turns on tmpfs (no fsync), and the single durable edit.
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
    print(u"  aim p99 < %1 ms: (a) engine alone %2 warm%3; (b) full turns %4"_s.arg(
        number(aimMs, 0), aim(warm.p99 < aimMs), cold ? u", %1 cold"_s.arg(aim(cold->p99 < aimMs)) : QString(),
        aim(disk.all.p99 < aimMs)));
}

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
    const QCommandLineOption noTurns(u"no-turns"_s, u"Skip the full turns (to profile the engine alone)."_s);
    const QCommandLineOption transcript(u"transcript"_s, u"Write every message and reply to this file."_s, u"path"_s);
    const QCommandLineOption verbose(u"verbose"_s, u"Show the store's informational log."_s);
    parser.addOptions({tasks, batch, messages, warmup, edits, blocks, reps, flush, seed, directory, keep, noTmpfs,
                       noTurns, transcript, verbose});
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
        || !positive(seed, 0, &seedValue))
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
    printEngine(engineCold, engineWarm, *options);

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

    // 4. The quick-add parser.
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
    const auto engineResult = [](const QString &name, const Stats &stats) -> QString {
        return u"RESULT disk %1"_s.arg(name) + kv(u"p50_us"_s, stats.p50 * 1000, 1)
            + kv(u"p99_us"_s, stats.p99 * 1000, 1) + kv(u"max_us"_s, stats.max * 1000, 1)
            + u" commits=0 aim_p99_under_1ms=%1 messages=%2"_s.arg(stats.p99 < aimMs ? u"met"_s : u"not_met"_s)
                  .arg(stats.n);
    };
    if (flusher)
        print(engineResult(u"engine_read_only_cold"_s, cold));
    print(engineResult(u"engine_read_only_warm"_s, warm));
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

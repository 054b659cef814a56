#include "measure.h"

#include "assistant/builtin/builtinengine.h"
#include "assistant/catalog.h"
#include "assistant/quickadd.h"
#include "assistant/taskops.h"

#include <QDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace tandem::bench {

using namespace Qt::StringLiterals;
using assistant::AssistantService;
using assistant::BuiltinEngine;
using assistant::ConversationState;
using assistant::QuickAddParser;
using assistant::TaskCatalog;
using assistant::TaskOps;
using assistant::TurnContext;

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

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

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

namespace {

// The peer: TaskService::update of one task's title and priority, one durable commit.
bool runEdits(Environment &env, int count, bool timed, QString *error)
{
    for (int i = 0; i < count; ++i) {
        const int n = env.peerEdits++;
        TaskPatch patch;
        patch.title = u"Archive box %1, pass %2"_s.arg(n % env.peerIds.size()).arg(n / env.peerIds.size());
        patch.priority = TaskPriority(n % 5);
        const quint64 durableBefore = env.store->durableCommits();
        const auto start = std::chrono::steady_clock::now();
        auto changed = env.tasks->update(env.owner, env.peerIds.at(n % env.peerIds.size()), patch);
        const double ms = msSince(start);
        env.editDurable += int(env.store->durableCommits() - durableBefore);
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

} // namespace

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
    const auto send = [&](bool timed) {
        const ScriptMessage message = script.next();
        const int commitsBefore = commits;
        const quint64 durableBefore = env.store->durableCommits();
        const double cpuStart = threadCpuMs();
        const auto start = std::chrono::steady_clock::now();
        auto turn = env.assistant->sendNow(env.owner, env.session, message.text, zone);
        Sample sample;
        sample.ms = msSince(start);
        sample.cpuMs = threadCpuMs() - cpuStart;
        sample.commits = commits - commitsBefore;
        sample.durable = int(env.store->durableCommits() - durableBefore);
        if (!turn) {
            *error = u"“%1”: %2"_s.arg(message.text, turn.error().toString());
            return false;
        }
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

} // namespace tandem::bench

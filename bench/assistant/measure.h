// The measuring half of bench_assistant: the stores it sets up, the single
// edit it compares against, and the loops that time whole turns, the engine
// alone and the quick-add parser. report.h prints what they measured.

#pragma once

#include "corpus.h"

#include "assistant/assistantservice.h"
#include "auth/accountservice.h"
#include "services/chatservice.h"
#include "services/taskservice.h"
#include "store/store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <chrono>
#include <memory>
#include <vector>

namespace tandem::bench {

// The aims, each a ratio or a bound measured in the same run.
constexpr double turnRatioAim = 1.3; // a full turn on disk, against one durable edit, at p50 and p99
constexpr double engineAimMs = 0.5; // the engine alone, p99 at 10,000 tasks
constexpr double bigEngineAimMs = 5.0; // the engine alone, p99 at 100,000 tasks
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
    int bigTasks = 100'000; // the engine alone on a large tmpfs store; 0 skips it
    QString transcript;
};

void print(const QString &line);
void printError(const QString &line);
QString number(double value, int decimals);
QString aim(bool met);
double percentile(std::vector<double> values, double p); // nearest rank; 0 when empty
double threadCpuMs();
double msSince(std::chrono::steady_clock::time_point start);

struct Stats
{
    std::size_t n = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

Stats statsOf(const std::vector<double> &values);

struct Sample
{
    double ms = 0; // wall time
    double cpuMs = 0; // this thread's CPU time
    double refreshMs = 0; // full turns: the catalog refresh replayed on a second catalog
    Intent intent = Intent::Query;
    Reference reference = Reference::None;
    Outcome outcome = Outcome::Answered;
    int commits = 0; // task commits during the message (one per TaskService call)
    // Full turns: the store's transactions that committed during the message
    // (Store::durableCommits), counted, not inferred: the exchange is one.
    int durable = 0;
    bool wroteTasks() const { return outcome == Outcome::Changed; }
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
    std::unique_ptr<assistant::AssistantService> assistant;
    QUuid owner;
    QUuid session;
    Mirror mirror;
    QList<QUuid> peerIds;
    int peerEdits = 0;
    std::vector<double> editMs; // the single-edit peer
    int editDurable = 0; // the peer's durable commits, counted the same way
    double importSeconds = 0;
};

std::unique_ptr<Environment> openEnvironment(const QString &name, const QString &directory,
                                             const QList<TaskDraft> &drafts, const Options &options, QString *error);

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
        shortReply.replace(u'\n', QStringLiteral(" | "));
        m_stream << phase << '\t' << number(sample.ms * 1000, 0) << " us\t" << intentName(sample.intent) << '\t'
                 << referenceName(sample.reference) << '\t' << outcomeName(sample.outcome) << '\t' << message << "\t=> "
                 << shortReply << '\n';
    }

private:
    QFile m_file;
    QTextStream m_stream;
};

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

// Messages through AssistantService::sendNow, in blocks alternating with the
// single-edit peer's blocks: edits, messages, edits, messages...
bool runTurns(Environment &env, const Options &options, Transcript &transcript, std::vector<Sample> *samples,
              QString *error);

// BuiltinEngine::respond alone, with a TaskCatalog and a TaskOps over the
// environment's TaskService, as AssistantService sets them up for a turn but
// without the chat messages and the stored state. `readOnly` sends only
// messages that change no task, and checks that none did. With `flush`, the
// caches are emptied before each message (untimed).
bool runEngine(Environment &env, const Options &options, bool readOnly, CacheFlusher *flush, const QString &phase,
               Transcript &transcript, std::vector<Sample> *samples, QString *error);

// QuickAddParser::parse, each input `reps` times in turn, every call timed (ms);
// `perInputP50` gets each input's median in us.
std::vector<double> runQuickAdd(const Options &options, QList<double> *perInputP50);

} // namespace tandem::bench

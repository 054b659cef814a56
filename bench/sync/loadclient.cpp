// bench_sync_loadclient: the load side of bench/sync (see bench/README.md).
//
//   fanout:  opens N WebSocket subscribers of one user against a server, then
//            fires triggers one at a time and times each until the LAST
//            subscriber has the event it caused; reads the server's CPU time
//            around the measured triggers.
//   catchup: a client records its seq, 10,000 changes are made through REST,
//            and it resumes with sync_request pages (and, separately, from a
//            snapshot); times both.
//
// It speaks the tiny protocol the peers in bench/peers/ share with Tandem:
// subscribers open ws://HOST:PORT/ws and wait for the server's first message
// (Tandem's welcome, after {"type":"auth"}); a trigger is a JSON task POSTed
// to Tandem's /api/tasks (committed through TaskService) or to a peer's
// /broadcast; every subscriber then gets a ~500-byte task_created event whose
// task title names the trigger.

#include "netloop.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace tandem::bench {

namespace {

constexpr auto triggerTimeout = std::chrono::seconds(10);
constexpr std::string_view markerPrefix = "\"title\":\"fanout-";

struct Options
{
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    std::string server = "server"; // a label for the output
    bool tandem = false; // Tandem's REST + auth, else a peer's /broadcast
    pid_t pid = 0; // the server process, for its CPU time
    int subscribers = 100;
    int triggers = 200;
    int warmup = 20;
    int connectBurst = 100; // WebSocket handshakes in flight at once
    int settleMs = 300; // idle time between connecting and the first trigger
    int changes = 10'000; // catchup
    int rounds = 3; // catchup
};

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

// CPU time of every thread of `pid`, in nanoseconds, from the scheduler's own
// accounting (/proc/PID/task/*/schedstat); exact to the nanosecond, where
// utime+stime in /proc/PID/stat moves in 10 ms ticks.
double schedCpuNs(pid_t pid)
{
    const std::string dir = "/proc/" + std::to_string(pid) + "/task";
    DIR *tasks = ::opendir(dir.c_str());
    if (!tasks)
        return -1;
    double total = 0;
    while (const dirent *entry = ::readdir(tasks)) {
        if (entry->d_name[0] == '.')
            continue;
        std::ifstream file(dir + '/' + entry->d_name + "/schedstat");
        double ns = 0;
        if (file >> ns)
            total += ns;
    }
    ::closedir(tasks);
    return total;
}

// utime + stime of `pid` from /proc/PID/stat, in nanoseconds.
double statCpuNs(pid_t pid)
{
    std::ifstream file("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const size_t paren = text.rfind(')');
    if (paren == std::string::npos)
        return -1;
    std::istringstream fields(text.substr(paren + 2));
    std::string field;
    double utime = 0, stime = 0;
    // Fields from 3 (state) on; utime and stime are fields 14 and 15.
    for (int index = 3; index <= 15 && (fields >> field); ++index) {
        if (index == 14)
            utime = std::stod(field);
        else if (index == 15)
            stime = std::stod(field);
    }
    return (utime + stime) * 1e9 / double(::sysconf(_SC_CLK_TCK));
}

double selfCpuNs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return (double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e9)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e3;
}

[[noreturn]] void die(const std::string &message)
{
    std::fprintf(stderr, "bench_sync_loadclient: %s\n", message.c_str());
    std::fflush(stderr);
    std::exit(1);
}

// The number after `key` (e.g. "\"seq\":") at or after `from`, or -1.
long long numberAfter(std::string_view text, std::string_view key, size_t from = 0)
{
    const size_t at = text.find(key, from);
    if (at == std::string_view::npos)
        return -1;
    long long value = 0;
    size_t i = at + key.size();
    if (i >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i])))
        return -1;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

std::string taskBody(std::string_view kind, long long number)
{
    // About the size of a real task; the same body goes to every server.
    return "{\"title\":\"" + std::string(kind) + '-' + std::to_string(number)
        + "\",\"description\":\"A benchmark task whose text is about as long as a real one.\","
          "\"priority\":\"medium\",\"tags\":[\"bench\",\"fanout\"]}";
}

std::string authMessage(const std::string &token)
{
    return "{\"type\":\"auth\",\"data\":{\"token\":\"" + token + "\"}}";
}

// One blocking exchange on `http`.
HttpAnswer exchange(NetLoop &loop, Connection *http, std::string_view method, std::string_view path,
                    std::string_view body, std::string_view token = {})
{
    HttpAnswer answer;
    bool done = false;
    loop.onHttp = [&](Connection &, const HttpAnswer &got, Clock::time_point) {
        answer = got;
        done = true;
    };
    loop.request(http, method, path, body, token);
    if (!loop.runUntil([&] { return done || http->state == Connection::State::Closed; }, std::chrono::seconds(30))
        || !done)
        die("no answer to " + std::string(method) + ' ' + std::string(path)
            + (http->closeReason.empty() ? std::string() : ": " + http->closeReason));
    loop.onHttp = nullptr;
    return answer;
}

std::string registerUser(NetLoop &loop, Connection *http)
{
    const std::string username = "bench_" + std::to_string(::getpid()) + '_' + std::to_string(::time(nullptr) % 100000);
    const HttpAnswer answer = exchange(loop, http, "POST", "/api/auth/register",
                                       "{\"username\":\"" + username + "\",\"password\":\"bench-password-1234\"}");
    if (answer.status != 201)
        die("registering failed: " + std::to_string(answer.status) + ' ' + answer.body);
    const QJsonObject reply = QJsonDocument::fromJson(QByteArray::fromStdString(answer.body)).object();
    const std::string token = reply.value(QStringLiteral("token")).toString().toStdString();
    if (token.empty())
        die("the register answer has no token: " + answer.body);
    return token;
}

void printLine(const std::string &line)
{
    std::printf("%s\n", line.c_str());
    std::fflush(stdout);
}

std::string fixed(double value, int decimals = 3)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

int runFanout(const Options &options)
{
    NetLoop loop(options.host, options.port);
    Connection *http = loop.openHttp(-1);
    const std::string token = options.tandem ? registerUser(loop, http) : std::string();
    const std::string triggerPath = options.tandem ? "/api/tasks" : "/broadcast";

    // Subscribers.
    int welcomed = 0;
    int lost = 0;
    std::string lostReason;
    long long current = -1;
    int received = 0;
    size_t eventBytes = 0;
    Clock::time_point firstAt, lastAt, answeredAt;
    bool answered = false;
    int answerStatus = 0;
    std::string answerBody;

    loop.onOpen = [&](Connection &connection) {
        if (options.tandem)
            loop.sendText(&connection, authMessage(token));
    };
    loop.onText = [&](Connection &connection, std::string_view text, Clock::time_point now) {
        if (!connection.welcomed) {
            connection.welcomed = true;
            ++welcomed;
            return;
        }
        const size_t at = text.find(markerPrefix);
        if (at == std::string_view::npos)
            return; // a heartbeat
        const long long number = numberAfter(text, markerPrefix, at);
        if (number <= connection.marker)
            return;
        connection.marker = number;
        if (number != current)
            return;
        if (received == 0) {
            firstAt = now;
            eventBytes = text.size();
        }
        ++received;
        lastAt = now;
    };
    loop.onClosed = [&](Connection &connection) {
        if (connection.kind != Connection::Kind::WebSocket)
            return;
        ++lost;
        if (lostReason.empty())
            lostReason = connection.closeReason;
    };
    loop.onHttp = [&](Connection &, const HttpAnswer &answer, Clock::time_point now) {
        answered = true;
        answeredAt = now;
        answerStatus = answer.status;
        answerBody = answer.body;
    };

    const Clock::time_point connectStart = Clock::now();
    for (int i = 0; i < options.subscribers; ++i) {
        loop.openWebSocket("/ws", i);
        const int opened = i + 1;
        if (!loop.runUntil([&] { return opened - welcomed - lost < options.connectBurst; }, std::chrono::seconds(30)))
            die("subscribers stopped connecting");
        if (lost > 0)
            die("a subscriber could not connect: " + lostReason);
    }
    if (!loop.runUntil([&] { return welcomed + lost >= options.subscribers; }, std::chrono::seconds(60)) || lost > 0)
        die("not every subscriber was welcomed (" + std::to_string(welcomed) + " of "
            + std::to_string(options.subscribers) + "): " + lostReason);
    const double connectMs = msBetween(connectStart, Clock::now());
    // Let the server settle after the connection storm (and a profiler attach).
    loop.runUntil([] { return false; }, std::chrono::milliseconds(options.settleMs));

    std::vector<double> lastMs, firstMs, answerMs;
    int timeouts = 0;
    double serverSched0 = 0, serverStat0 = 0, self0 = 0;
    Clock::time_point measureStart;
    const int total = options.warmup + options.triggers;
    for (int k = 0; k < total; ++k) {
        if (k == options.warmup) {
            serverSched0 = schedCpuNs(options.pid);
            serverStat0 = statCpuNs(options.pid);
            self0 = selfCpuNs();
            measureStart = Clock::now();
        }
        current = k;
        received = 0;
        answered = false;
        const Clock::time_point sent = Clock::now();
        loop.request(http, "POST", triggerPath, taskBody("fanout", k), token);
        const bool done
            = loop.runUntil([&] { return (received >= options.subscribers && answered) || lost > 0; }, triggerTimeout);
        if (lost > 0)
            die("a subscriber was disconnected during the run: " + lostReason);
        if (answered && (answerStatus < 200 || answerStatus >= 300))
            die("the trigger failed: " + std::to_string(answerStatus) + ' ' + answerBody);
        if (!done) {
            ++timeouts;
            std::fprintf(stderr, "trigger %d: only %d of %d subscribers got it within %lld s\n", k, received,
                         options.subscribers, static_cast<long long>(triggerTimeout.count()));
            // The late events (and answer) must not be taken for the next trigger's.
            loop.runUntil([&] { return answered; }, triggerTimeout);
            continue;
        }
        if (k < options.warmup)
            continue;
        lastMs.push_back(msBetween(sent, lastAt));
        firstMs.push_back(msBetween(sent, firstAt));
        answerMs.push_back(msBetween(sent, answeredAt));
    }
    const double wallS = std::chrono::duration<double>(Clock::now() - measureStart).count();
    const double serverSchedNs = schedCpuNs(options.pid) - serverSched0;
    const double serverStatNs = statCpuNs(options.pid) - serverStat0;
    const double selfNs = selfCpuNs() - self0;
    const double deliveries = double(lastMs.size()) * options.subscribers;

    std::vector<double> spread(lastMs.size());
    for (size_t i = 0; i < lastMs.size(); ++i)
        spread[i] = lastMs[i] - firstMs[i];
    const auto perDelivery = [&](double ns) {
        return deliveries > 0 && ns >= 0 ? ns / 1e3 / deliveries : -1;
    };

    std::ostringstream line;
    line << "RUN fanout server=" << options.server << " subscribers=" << options.subscribers
         << " triggers=" << lastMs.size() << " p50_ms=" << fixed(percentile(lastMs, 0.50))
         << " p99_ms=" << fixed(percentile(lastMs, 0.99)) << " max_ms=" << fixed(percentile(lastMs, 1.0))
         << " first_p50_ms=" << fixed(percentile(firstMs, 0.50)) << " first_p99_ms=" << fixed(percentile(firstMs, 0.99))
         << " spread_p50_ms=" << fixed(percentile(spread, 0.5))
         << " answer_p50_ms=" << fixed(percentile(answerMs, 0.50))
         << " cpu_us_per_delivery=" << fixed(perDelivery(serverSchedNs))
         << " stat_cpu_us_per_delivery=" << fixed(perDelivery(serverStatNs))
         << " client_cpu_us_per_delivery=" << fixed(perDelivery(selfNs))
         << " server_cpu_ms=" << fixed(serverSchedNs / 1e6, 1) << " wall_s=" << fixed(wallS, 2)
         << " event_bytes=" << eventBytes << " connect_ms=" << fixed(connectMs, 0) << " timeouts=" << timeouts;
    printLine(line.str());
    return timeouts == 0 ? 0 : 2;
}

struct Resume
{
    double ms = 0;
    long long changes = 0;
    int pages = 0;
    std::uint64_t bytes = 0;
};

// Connects, authenticates and sends `request` (built from the welcome's
// head); follows "more":true pages until caught up.
Resume resume(const Options &options, const std::string &token, long long since, bool snapshot)
{
    NetLoop loop(options.host, options.port);
    Resume result;
    bool done = false;
    std::string failure;
    long long cursor = since;
    loop.onOpen = [&](Connection &connection) {
        loop.sendText(&connection, authMessage(token));
    };
    loop.onClosed = [&](Connection &connection) {
        failure = connection.closeReason;
    };
    loop.onText = [&](Connection &connection, std::string_view text, Clock::time_point) {
        if (!connection.welcomed) {
            connection.welcomed = true;
            loop.sendText(&connection,
                          snapshot ? std::string("{\"type\":\"sync_request\"}")
                                   : "{\"type\":\"sync_request\",\"data\":{\"since\":" + std::to_string(cursor) + "}}");
            return;
        }
        if (text.find("\"type\":\"sync_response\"") == std::string_view::npos)
            return; // a heartbeat
        ++result.pages;
        if (snapshot) {
            size_t at = 0;
            while ((at = text.find("\"ownerId\":", at)) != std::string_view::npos) {
                ++result.changes;
                ++at;
            }
            done = true;
            return;
        }
        size_t at = 0;
        while ((at = text.find("{\"type\":\"task_", at)) != std::string_view::npos) {
            ++result.changes;
            ++at;
        }
        const size_t lastSeq = text.rfind("\"seq\":");
        cursor = numberAfter(text, "\"seq\":", lastSeq);
        if (text.find("\"more\":true") != std::string_view::npos)
            loop.sendText(&connection,
                          "{\"type\":\"sync_request\",\"data\":{\"since\":" + std::to_string(cursor) + "}}");
        else
            done = true;
    };
    const Clock::time_point start = Clock::now();
    loop.openWebSocket("/ws", 0);
    if (!loop.runUntil([&] { return done || !failure.empty(); }, std::chrono::seconds(120)) || !done)
        die("resuming did not finish: " + (failure.empty() ? std::string("timed out") : failure));
    result.ms = msBetween(start, Clock::now());
    result.bytes = loop.bytesReceived();
    return result;
}

int runCatchup(const Options &options)
{
    NetLoop loop(options.host, options.port);
    Connection *http = loop.openHttp(-1);
    const std::string token = registerUser(loop, http);

    // A client that was up to date, then went away.
    long long since = -1;
    {
        NetLoop session(options.host, options.port);
        std::string failure;
        session.onOpen = [&](Connection &connection) {
            session.sendText(&connection, authMessage(token));
        };
        session.onClosed = [&](Connection &connection) {
            failure = connection.closeReason;
        };
        session.onText = [&](Connection &, std::string_view text, Clock::time_point) {
            if (since < 0)
                since = numberAfter(text, "\"seq\":");
        };
        session.openWebSocket("/ws", 0);
        if (!session.runUntil([&] { return since >= 0 || !failure.empty(); }, std::chrono::seconds(10)) || since < 0)
            die("no welcome: " + failure);
    }

    const Clock::time_point writeStart = Clock::now();
    for (int i = 0; i < options.changes; ++i) {
        const HttpAnswer answer = exchange(loop, http, "POST", "/api/tasks", taskBody("catchup", i), token);
        if (answer.status != 201)
            die("creating a task failed: " + std::to_string(answer.status) + ' ' + answer.body);
    }
    const double writeS = std::chrono::duration<double>(Clock::now() - writeStart).count();
    printLine("made " + std::to_string(options.changes) + " changes through POST /api/tasks in " + fixed(writeS, 1)
              + " s (" + fixed(options.changes / writeS, 0) + " changes/s, one request at a time)");

    std::vector<double> pagedMs, snapshotMs;
    Resume paged, full;
    for (int round = 0; round < options.rounds; ++round) {
        paged = resume(options, token, since, false);
        if (paged.changes != options.changes)
            die("the paged resume brought " + std::to_string(paged.changes) + " changes, not "
                + std::to_string(options.changes));
        pagedMs.push_back(paged.ms);
        full = resume(options, token, since, true);
        if (full.changes < options.changes)
            die("the snapshot holds " + std::to_string(full.changes) + " tasks, fewer than "
                + std::to_string(options.changes));
        snapshotMs.push_back(full.ms);
        printLine("round " + std::to_string(round + 1) + ": paged " + fixed(paged.ms, 1) + " ms, snapshot "
                  + fixed(full.ms, 1) + " ms");
    }
    const double pagedMedian = percentile(pagedMs, 0.5);
    const double snapshotMedian = percentile(snapshotMs, 0.5);
    std::ostringstream line;
    line << "RUN catchup changes=" << paged.changes << " pages=" << paged.pages << " paged_ms=" << fixed(pagedMedian, 1)
         << " paged_changes_per_s=" << fixed(paged.changes / (pagedMedian / 1e3), 0)
         << " paged_mb=" << fixed(double(paged.bytes) / 1e6, 2) << " snapshot_tasks=" << full.changes
         << " snapshot_ms=" << fixed(snapshotMedian, 1)
         << " snapshot_tasks_per_s=" << fixed(full.changes / (snapshotMedian / 1e3), 0)
         << " snapshot_mb=" << fixed(double(full.bytes) / 1e6, 2) << " rounds=" << options.rounds
         << " write_changes_per_s=" << fixed(options.changes / writeS, 0);
    printLine(line.str());
    return 0;
}

} // namespace

} // namespace tandem::bench

int main(int argc, char *argv[])
{
    using namespace tandem::bench;
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The load client of bench/sync (see bench/README.md)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("fanout or catchup"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("The server's port on 127.0.0.1."),
                                  QStringLiteral("N"));
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("A label for the output."),
                                    QStringLiteral("NAME"), QStringLiteral("server"));
    const QCommandLineOption tandem(QStringLiteral("tandem"),
                                    QStringLiteral("The server is Tandem: register, authenticate, POST /api/tasks."));
    const QCommandLineOption pid(QStringLiteral("pid"), QStringLiteral("The server's process id (for its CPU time)."),
                                 QStringLiteral("PID"));
    const QCommandLineOption subscribers(QStringLiteral("subscribers"), QStringLiteral("WebSocket subscribers."),
                                         QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption triggers(QStringLiteral("triggers"), QStringLiteral("Measured triggers."),
                                      QStringLiteral("K"), QStringLiteral("200"));
    const QCommandLineOption warmup(QStringLiteral("warmup"), QStringLiteral("Unmeasured triggers first."),
                                    QStringLiteral("K"), QStringLiteral("20"));
    const QCommandLineOption changes(QStringLiteral("changes"), QStringLiteral("catchup: changes missed."),
                                     QStringLiteral("N"), QStringLiteral("10000"));
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("catchup: resumes of each kind."),
                                    QStringLiteral("N"), QStringLiteral("3"));
    const QCommandLineOption settle(QStringLiteral("settle-ms"),
                                    QStringLiteral("fanout: idle time after connecting, before the first trigger "
                                                   "(long enough to switch a profiler on)."),
                                    QStringLiteral("MS"), QStringLiteral("300"));
    parser.addOptions({port, server, tandem, pid, subscribers, triggers, warmup, changes, rounds, settle});
    parser.process(app);

    const QStringList positional = parser.positionalArguments();
    const QString mode = positional.isEmpty() ? QString() : positional.constFirst();
    if (mode != u"fanout" && mode != u"catchup")
        die("say fanout or catchup (see --help)");
    Options options;
    options.port = std::uint16_t(parser.value(port).toUInt());
    if (options.port == 0)
        die("--port is required");
    options.server = parser.value(server).toStdString();
    options.tandem = parser.isSet(tandem);
    options.pid = pid_t(parser.value(pid).toInt());
    options.subscribers = parser.value(subscribers).toInt();
    options.triggers = parser.value(triggers).toInt();
    options.warmup = parser.value(warmup).toInt();
    options.changes = parser.value(changes).toInt();
    options.rounds = std::max(1, parser.value(rounds).toInt());
    options.settleMs = std::max(0, parser.value(settle).toInt());
    if (mode == u"fanout" && options.pid <= 0)
        die("fanout needs --pid of the server");

    // A thousand sockets need more than the usual soft limit of 1,024 descriptors.
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    return mode == u"fanout" ? runFanout(options) : runCatchup(options);
}

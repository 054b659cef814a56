#include "plainwork.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace tandem::bench {

namespace {

const char *priorityName(int priority)
{
    static constexpr std::array<const char *, 5> names{"none", "low", "medium", "high", "urgent"};
    return priority >= 0 && priority < int(names.size()) ? names[std::size_t(priority)] : "none";
}

void appendJsonString(std::string &out, std::string_view text)
{
    out += '"';
    for (const char ch : text) {
        switch (ch) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(ch) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(static_cast<unsigned char>(ch)));
                out += escaped;
            } else {
                out += ch;
            }
        }
    }
    out += '"';
}

// 2026-11-27T09:00:00.000Z, as formatTimestamp() writes it.
void appendTimestamp(std::string &out, std::int64_t msecs)
{
    const std::time_t seconds = std::time_t(msecs / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    const int length
        = std::snprintf(text, sizeof text, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"", utc.tm_year + 1900,
                        utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, int(msecs % 1000));
    out.append(text, std::size_t(length));
}

void appendOptionalTimestamp(std::string &out, const std::optional<std::int64_t> &msecs)
{
    if (msecs)
        appendTimestamp(out, *msecs);
    else
        out += "null";
}

} // namespace

std::int64_t nowMsecs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string foldAscii(std::string_view text)
{
    std::string folded(text);
    for (char &ch : folded) {
        if (ch >= 'A' && ch <= 'Z')
            ch = char(ch - 'A' + 'a');
    }
    return folded;
}

std::string numberedPlaceholders(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int next = 1;
    for (const char ch : sql) {
        if (ch == '?')
            out += '$' + std::to_string(next++);
        else
            out += ch;
    }
    return out;
}

std::string tagsJson(const std::vector<std::string> &tags)
{
    std::string out = "[";
    for (std::size_t i = 0; i < tags.size(); ++i) {
        if (i > 0)
            out += ',';
        appendJsonString(out, tags[i]);
    }
    out += ']';
    return out;
}

std::optional<std::vector<std::string>> parseTags(std::string_view json)
{
    std::vector<std::string> tags;
    std::size_t i = 0;
    const auto skipSpace = [&] {
        while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\t' || json[i] == '\r'))
            ++i;
    };
    skipSpace();
    if (i >= json.size() || json[i++] != '[')
        return std::nullopt;
    skipSpace();
    if (i < json.size() && json[i] == ']')
        return tags;
    while (i < json.size()) {
        skipSpace();
        if (json[i++] != '"')
            return std::nullopt;
        std::string tag;
        while (i < json.size() && json[i] != '"') {
            char ch = json[i++];
            if (ch == '\\') {
                if (i >= json.size())
                    return std::nullopt;
                const char escaped = json[i++];
                switch (escaped) {
                case 'n':
                    ch = '\n';
                    break;
                case 't':
                    ch = '\t';
                    break;
                case 'r':
                    ch = '\r';
                    break;
                case 'b':
                    ch = '\b';
                    break;
                case 'f':
                    ch = '\f';
                    break;
                case 'u':
                    return std::nullopt; // never written for tags (they hold no control characters)
                default:
                    ch = escaped;
                }
            }
            tag += ch;
        }
        if (i++ >= json.size())
            return std::nullopt;
        tags.push_back(std::move(tag));
        skipSpace();
        if (i < json.size() && json[i] == ',') {
            ++i;
            continue;
        }
        if (i < json.size() && json[i] == ']')
            return tags;
        return std::nullopt;
    }
    return std::nullopt;
}

std::string taskPayload(const TaskRow &row)
{
    std::string out;
    out.reserve(320 + row.title.size() + row.description.size() + row.tagsJson.size());
    out += "{\"completedAt\":";
    appendOptionalTimestamp(out, row.completedAt);
    out += ",\"createdAt\":";
    appendTimestamp(out, row.createdAt);
    if (row.deletedAt) {
        out += ",\"deletedAt\":";
        appendTimestamp(out, *row.deletedAt);
    }
    out += ",\"description\":";
    appendJsonString(out, row.description);
    out += ",\"due\":";
    if (row.due)
        appendJsonString(out, *row.due);
    else
        out += "null";
    out += ",\"id\":";
    appendJsonString(out, row.id);
    out += ",\"ownerId\":";
    appendJsonString(out, row.ownerId);
    out += ",\"priority\":";
    appendJsonString(out, priorityName(row.priority));
    out += ",\"revision\":";
    out += std::to_string(row.revision);
    out += ",\"status\":";
    appendJsonString(out, row.status);
    out += ",\"tags\":";
    out += row.tagsJson;
    out += ",\"title\":";
    appendJsonString(out, row.title);
    out += ",\"updatedAt\":";
    appendTimestamp(out, row.updatedAt);
    out += '}';
    return out;
}

PlainContender::PlainContender(std::unique_ptr<PlainEngine> engine, std::string ownerId)
    : m_engine(std::move(engine))
    , m_ownerId(std::move(ownerId))
    , m_random(std::random_device{}())
{ }

std::string PlainContender::nextUuid()
{
    const std::uint64_t high = (m_random() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL; // version 4
    const std::uint64_t low = (m_random() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL; // RFC 4122 variant
    char text[40];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", unsigned(high >> 32),
                  unsigned((high >> 16) & 0xffff), unsigned(high & 0xffff), unsigned(low >> 48),
                  static_cast<unsigned long long>(low & 0xffffffffffffULL));
    return text;
}

bool PlainContender::finish(bool ok, const std::string &why, QString *error)
{
    if (ok && m_engine->commit())
        return true;
    *error = QString::fromStdString(ok ? m_engine->lastError() : why);
    m_engine->rollback();
    return false;
}

bool PlainContender::persist(const TaskRow &row)
{
    if (!m_engine->upsertTask(row, foldAscii(row.title), foldAscii(row.title + '\n' + row.description)))
        return false;
    if (!m_engine->clearTags(row.id))
        return false;
    if (row.deletedAt)
        return true;
    for (const std::string &tag : row.tags) {
        if (!m_engine->insertTag(row.id, row.ownerId, foldAscii(tag)))
            return false;
    }
    return true;
}

bool PlainContender::edit(const EditInput &input, QString *error)
{
    if (!m_engine->begin()) {
        *error = QString::fromStdString(m_engine->lastError());
        return false;
    }
    std::string why;
    const bool ok = editInTransaction(input, &why);
    return finish(ok, why, error);
}

bool PlainContender::editInTransaction(const EditInput &input, std::string *why)
{
    const std::string opId = nextUuid();
    std::int64_t head = 0;
    bool replay = false;
    if (!m_engine->readHead(m_ownerId, &head) || !m_engine->operationExists(m_ownerId, opId, &replay)) {
        *why = m_engine->lastError();
        return false;
    }
    if (replay) {
        *why = "the operation id was used before";
        return false;
    }
    TaskRow row;
    bool found = false;
    if (!m_engine->readTask(input.taskIdText, &row, &found)) {
        *why = m_engine->lastError();
        return false;
    }
    if (!found || row.ownerId != m_ownerId || row.deletedAt) {
        *why = "no such task";
        return false;
    }
    auto tags = parseTags(row.tagsJson);
    if (!tags) {
        *why = "the stored tags are not a JSON array of strings";
        return false;
    }
    row.tags = std::move(*tags);
    const std::int64_t now = nowMsecs();
    row.title = input.titleUtf8;
    row.priority = int(input.priority);
    row.updatedAt = now;
    row.revision += 1;
    const std::int64_t seq = head + 1;
    if (!persist(row) || !m_engine->appendLog(m_ownerId, seq, "task_updated", row.id, opId, taskPayload(row), now)
        || !m_engine->moveHead(m_ownerId, seq) || !m_engine->recordOperation(m_ownerId, opId, seq, seq, now)) {
        *why = m_engine->lastError();
        return false;
    }
    return true;
}

bool PlainContender::import(const ImportBatch &batch, QString *error)
{
    if (!m_engine->begin()) {
        *error = QString::fromStdString(m_engine->lastError());
        return false;
    }
    std::string why;
    const bool ok = importInTransaction(batch, &why);
    return finish(ok, why, error);
}

bool PlainContender::importInTransaction(const ImportBatch &batch, std::string *why)
{
    const std::string opId = nextUuid();
    std::int64_t head = 0;
    bool replay = false;
    if (!m_engine->readHead(m_ownerId, &head) || !m_engine->operationExists(m_ownerId, opId, &replay)) {
        *why = m_engine->lastError();
        return false;
    }
    if (replay) {
        *why = "the operation id was used before";
        return false;
    }
    const std::int64_t now = nowMsecs();
    std::int64_t seq = head;
    for (const PlainDraft &draft : batch.plain) {
        TaskRow row;
        row.id = nextUuid();
        row.ownerId = m_ownerId;
        row.title = draft.title;
        row.description = draft.description;
        row.status = "pending";
        row.priority = draft.priority;
        row.due = draft.due;
        row.dueDate = draft.dueDate;
        row.dueAt = draft.dueAt;
        row.dueSort = draft.dueSort;
        row.tags = draft.tags;
        row.tagsJson = tagsJson(row.tags);
        row.createdAt = now;
        row.updatedAt = now;
        row.revision = 1;
        ++seq;
        if (!persist(row)
            || !m_engine->appendLog(m_ownerId, seq, "task_created", row.id, opId, taskPayload(row), now)) {
            *why = m_engine->lastError();
            return false;
        }
    }
    if (!m_engine->moveHead(m_ownerId, seq) || !m_engine->recordOperation(m_ownerId, opId, head + 1, seq, now)) {
        *why = m_engine->lastError();
        return false;
    }
    return true;
}

} // namespace tandem::bench

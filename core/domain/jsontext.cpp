#include "json.h"

#include "isotime.h"

// JSON written as text without building a QJsonObject: the change log and the
// sync server write one task per change, so this is a hot path.

namespace tandem {

void appendJsonString(QString &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += u'"';
    qsizetype plain = 0; // start of the run of characters that need no escape
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text.at(i).unicode();
        if (u >= 0x20 && u != u'"' && u != u'\\')
            continue;
        out += text.sliced(plain, i - plain);
        plain = i + 1;
        switch (u) {
        case u'"':
            out += u"\\\"";
            break;
        case u'\\':
            out += u"\\\\";
            break;
        case u'\b':
            out += u"\\b";
            break;
        case u'\f':
            out += u"\\f";
            break;
        case u'\n':
            out += u"\\n";
            break;
        case u'\r':
            out += u"\\r";
            break;
        case u'\t':
            out += u"\\t";
            break;
        default:
            out += u"\\u00";
            out += QLatin1Char(hex[u >> 4]);
            out += QLatin1Char(hex[u & 0xf]);
        }
    }
    out += text.sliced(plain);
    out += u'"';
}

namespace {

void appendDigits(QString &out, int value, int width)
{
    char16_t digits[4];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
    out.append(reinterpret_cast<const QChar *>(digits), width);
}

// formatTimestamp() without QDateTime::toString: "2026-11-26T23:48:58.123Z".
void appendTimestamp(QString &out, const QDateTime &instant)
{
    const QDateTime utc = instant.toUTC();
    const QDate date = utc.date();
    const QTime time = utc.time();
    if (date.year() < 0 || date.year() > 9999) {
        appendJsonString(out, formatTimestamp(instant));
        return;
    }
    out += u'"';
    appendDigits(out, date.year(), 4);
    out += u'-';
    appendDigits(out, date.month(), 2);
    out += u'-';
    appendDigits(out, date.day(), 2);
    out += u'T';
    appendDigits(out, time.hour(), 2);
    out += u':';
    appendDigits(out, time.minute(), 2);
    out += u':';
    appendDigits(out, time.second(), 2);
    out += u'.';
    appendDigits(out, time.msec(), 3);
    out += u"Z\"";
}

void appendOptionalTimestamp(QString &out, const QDateTime &instant)
{
    if (instant.isValid())
        appendTimestamp(out, instant);
    else
        out += u"null";
}

} // namespace

QString stringListJsonText(const QStringList &list)
{
    QString out;
    out += u'[';
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i > 0)
            out += u',';
        appendJsonString(out, list.at(i));
    }
    out += u']';
    return out;
}

QString taskJsonText(const Task &task)
{
    // Keys in QJsonObject's (sorted) order, so the text equals QJsonDocument's.
    QString out;
    out.reserve(360 + task.title.size() + task.description.size() + 16 * task.tags.size());
    out += u"{\"completedAt\":";
    appendOptionalTimestamp(out, task.completedAt);
    out += u",\"createdAt\":";
    appendTimestamp(out, task.createdAt);
    if (task.isDeleted()) {
        out += u",\"deletedAt\":";
        appendTimestamp(out, task.deletedAt);
    }
    out += u",\"description\":";
    appendJsonString(out, task.description);
    out += u",\"due\":";
    if (task.due.isNone())
        out += u"null";
    else
        appendJsonString(out, task.due.toIsoString());
    out += u",\"id\":\"";
    out += uuidText(task.id);
    out += u"\",\"lastCompletedAt\":";
    appendOptionalTimestamp(out, task.lastCompletedAt);
    out += u",\"ownerId\":\"";
    out += uuidText(task.ownerId);
    out += u"\",\"priority\":\"";
    out += taskPriorityName(task.priority);
    out += u"\",\"repeat\":";
    if (task.repeat)
        out += repeatJsonText(*task.repeat);
    else
        out += u"null";
    out += u",\"revision\":";
    out += QString::number(task.revision);
    out += u",\"status\":\"";
    out += taskStatusName(task.status);
    out += u"\",\"tags\":";
    out += stringListJsonText(task.tags);
    out += u",\"title\":";
    appendJsonString(out, task.title);
    out += u",\"updatedAt\":";
    appendTimestamp(out, task.updatedAt);
    out += u'}';
    return out;
}

} // namespace tandem

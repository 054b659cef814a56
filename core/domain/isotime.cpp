#include "isotime.h"

#include <QTimeZone>

namespace tandem {

namespace {

// Reads exactly `count` ASCII digits at `pos`, or returns -1.
int readDigits(QStringView text, qsizetype pos, int count)
{
    if (pos + count > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text.at(pos + i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

QString twoDigits(int value)
{
    return QString::number(value).rightJustified(2, u'0');
}

} // namespace

std::optional<QDate> parseIsoDate(QStringView text)
{
    if (text.size() != 10 || text.at(4) != u'-' || text.at(7) != u'-')
        return std::nullopt;
    const int year = readDigits(text, 0, 4);
    const int month = readDigits(text, 5, 2);
    const int day = readDigits(text, 8, 2);
    if (year < 1 || month < 0 || day < 0)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QString formatIsoDate(QDate date)
{
    return QString::number(date.year()).rightJustified(4, u'0') + u'-' + twoDigits(date.month()) + u'-'
        + twoDigits(date.day());
}

std::optional<QDateTime> parseIsoDateTime(QStringView text)
{
    if (text.size() < 17 || (text.at(10) != u'T' && text.at(10) != u't'))
        return std::nullopt;
    const auto date = parseIsoDate(text.first(10));
    if (!date)
        return std::nullopt;

    qsizetype pos = 11;
    const int hour = readDigits(text, pos, 2);
    if (hour < 0 || pos + 2 >= text.size() || text.at(pos + 2) != u':')
        return std::nullopt;
    const int minute = readDigits(text, pos + 3, 2);
    if (minute < 0)
        return std::nullopt;
    pos += 5;
    int second = 0;
    int msec = 0;
    if (pos < text.size() && text.at(pos) == u':') {
        second = readDigits(text, pos + 1, 2);
        if (second < 0)
            return std::nullopt;
        pos += 3;
        if (pos < text.size() && text.at(pos) == u'.') {
            ++pos;
            int digits = 0;
            int fraction = 0;
            while (pos < text.size() && text.at(pos) >= u'0' && text.at(pos) <= u'9') {
                if (digits < 3)
                    fraction = fraction * 10 + (text.at(pos).unicode() - u'0');
                ++digits;
                ++pos;
            }
            if (digits == 0 || digits > 9)
                return std::nullopt;
            for (int i = digits; i < 3; ++i)
                fraction *= 10;
            msec = fraction;
        }
    }
    const QTime time(hour, minute, second, msec);
    if (!time.isValid())
        return std::nullopt;

    if (pos >= text.size())
        return std::nullopt; // no offset: refuse to guess a zone
    const QChar sign = text.at(pos);
    if ((sign == u'Z' || sign == u'z') && pos + 1 == text.size())
        return QDateTime(*date, time, QTimeZone::utc());
    if ((sign != u'+' && sign != u'-') || text.size() - pos != 6 || text.at(pos + 3) != u':')
        return std::nullopt;
    const int offsetHours = readDigits(text, pos + 1, 2);
    const int offsetMinutes = readDigits(text, pos + 4, 2);
    if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59)
        return std::nullopt;
    int offset = offsetHours * 3600 + offsetMinutes * 60;
    if (offset > 18 * 3600)
        return std::nullopt;
    if (sign == u'-')
        offset = -offset;
    if (offset == 0)
        return QDateTime(*date, time, QTimeZone::utc());
    return dateTimeWithOffset(*date, time, offset);
}

QString formatIsoDateTime(const QDateTime &dateTime)
{
    const QDate date = dateTime.date();
    const QTime time = dateTime.time();
    QString text = formatIsoDate(date) + u'T' + twoDigits(time.hour()) + u':' + twoDigits(time.minute()) + u':'
        + twoDigits(time.second());
    if (time.msec() != 0)
        text += u'.' + QString::number(time.msec()).rightJustified(3, u'0');
    const int offset = dateTime.offsetFromUtc();
    if (offset == 0)
        return text + u'Z';
    const int absolute = offset < 0 ? -offset : offset;
    return text + (offset < 0 ? u'-' : u'+') + twoDigits(absolute / 3600) + u':' + twoDigits((absolute % 3600) / 60);
}

QString formatTimestamp(const QDateTime &instant)
{
    return instant.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timestampFromMsecs(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, QTimeZone::utc());
}

QDateTime dateTimeWithOffset(QDate date, QTime time, int offsetSeconds)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    return QDateTime(date, time, QTimeZone::fromSecondsAheadOfUtc(offsetSeconds));
#else
    return QDateTime(date, time, Qt::OffsetFromUTC, offsetSeconds);
#endif
}

} // namespace tandem

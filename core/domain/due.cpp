#include "due.h"

#include "isotime.h"

#include <QTimeZone>

namespace tandem {

Due Due::onDate(QDate date)
{
    Due due;
    if (!date.isValid())
        return due;
    due.m_kind = Kind::Date;
    due.m_date = date;
    return due;
}

Due Due::at(const QDateTime &dateTime)
{
    Due due;
    if (!dateTime.isValid())
        return due;
    due.m_kind = Kind::DateTime;
    // Normalise to a fixed offset so the text form round-trips exactly.
    const int offset = dateTime.offsetFromUtc();
    const QDateTime utc = dateTime.toUTC();
    due.m_dateTime
        = offset == 0 ? utc : dateTimeWithOffset(utc.addSecs(offset).date(), utc.addSecs(offset).time(), offset);
    due.m_date = due.m_dateTime.date();
    return due;
}

std::optional<Due> Due::fromIsoString(QStringView text)
{
    if (text.isEmpty())
        return Due();
    if (text.size() == 10) {
        if (const auto date = parseIsoDate(text))
            return onDate(*date);
        return std::nullopt;
    }
    if (const auto dateTime = parseIsoDateTime(text))
        return at(*dateTime);
    return std::nullopt;
}

QString Due::toIsoString() const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Date:
        return formatIsoDate(m_date);
    case Kind::DateTime:
        return formatIsoDateTime(m_dateTime);
    }
    return {};
}

std::optional<qint64> Due::sortKey() const
{
    switch (m_kind) {
    case Kind::None:
        return std::nullopt;
    case Kind::Date:
        return QDateTime(m_date.addDays(1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() - 1;
    case Kind::DateTime:
        return m_dateTime.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

QDateTime Due::startIn(const QTimeZone &zone) const
{
    switch (m_kind) {
    case Kind::None:
        return {};
    case Kind::Date:
        return QDateTime(m_date, QTime(0, 0), zone);
    case Kind::DateTime:
        return m_dateTime;
    }
    return {};
}

} // namespace tandem

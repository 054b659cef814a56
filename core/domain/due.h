#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace tandem {

// When a task is due: nothing, a calendar date (a whole day, wherever the user
// is), or an instant written with the UTC offset it was given in.
class Due
{
public:
    enum class Kind { None, Date, DateTime };

    Due() = default;
    static Due onDate(QDate date);
    // `dateTime` keeps its offset; a local time takes the system zone's offset at that instant.
    static Due at(const QDateTime &dateTime);
    // "", "2026-11-27" or "2026-11-27T09:00:00+01:00"; nullopt when malformed.
    static std::optional<Due> fromIsoString(QStringView text);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    bool hasTime() const { return m_kind == Kind::DateTime; }

    // The calendar date: the date itself, or the date-time's date at its own offset.
    QDate date() const { return m_date; }
    // Valid only for Kind::DateTime.
    QDateTime dateTime() const { return m_dateTime; }

    QString toIsoString() const;

    // A total order for sorting: date-times by instant; a date sorts after every
    // date-time of that date in UTC (as the last millisecond of the day). None has no key.
    std::optional<qint64> sortKey() const;

    // Start of the due day in `zone` and the first instant after it; for a
    // date-time, the instant itself for both.
    QDateTime startIn(const QTimeZone &zone) const;

    friend bool operator==(const Due &a, const Due &b)
    {
        return a.m_kind == b.m_kind && a.toIsoString() == b.toIsoString();
    }
    friend bool operator!=(const Due &a, const Due &b) { return !(a == b); }

private:
    Kind m_kind = Kind::None;
    QDate m_date;
    QDateTime m_dateTime;
};

} // namespace tandem

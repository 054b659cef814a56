#pragma once

#include <QDateTime>
#include <QString>
#include <QStringView>

#include <optional>

namespace tandem {

// ISO 8601 as Tandem writes and accepts it. Parsing is strict: a date-time must
// carry `Z` or a `±HH:MM` offset, so no instant is ever guessed in a local zone.

// "2026-11-27"
std::optional<QDate> parseIsoDate(QStringView text);
QString formatIsoDate(QDate date);

// "2026-11-27T09:30:00+01:00", "2026-11-27T08:30:00.250Z"; seconds and the
// fraction are optional on input. The result keeps the offset it was given.
std::optional<QDateTime> parseIsoDateTime(QStringView text);
// Seconds always; milliseconds only when non-zero; `Z` for a zero offset.
QString formatIsoDateTime(const QDateTime &dateTime);

// Timestamps (createdAt and friends) are instants in UTC with milliseconds:
// "2026-11-26T23:48:58.123Z".
QString formatTimestamp(const QDateTime &instant);
QDateTime timestampFromMsecs(qint64 msecsSinceEpoch);

// A QDateTime at a fixed offset from UTC, on every supported Qt version.
QDateTime dateTimeWithOffset(QDate date, QTime time, int offsetSeconds);

} // namespace tandem

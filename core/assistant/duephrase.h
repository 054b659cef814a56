#pragma once

// The date and time grammar of the quick-add parser and how its phrases
// resolve to a Due. Internal to core/assistant; the rules are documented on
// QuickAddParser in quickadd.h.

#include "datewords.h"
#include "domain/due.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <optional>

namespace tandem::assistant::detail {

// What relative words resolve against: "now" seen in the user's zone.
class DueContext
{
public:
    // An invalid `zone` means `now`'s own offset; an invalid `now` resolves nothing.
    DueContext(const QDateTime &now, const QTimeZone &zone, const QLocale &locale);

    bool isValid() const { return m_now.isValid(); }
    const QDateTime &now() const { return m_now; }
    QDate today() const { return m_today; }
    const QTimeZone &zone() const { return m_zone; }
    // Whether "3/4" is March 4 (the locale writes the month before the day).
    bool monthFirst() const;

private:
    QTimeZone m_zone;
    QDateTime m_now;
    QDate m_today;
    QLocale m_locale;
    mutable std::optional<bool> m_monthFirst;
};

struct DuePhrase
{
    qsizetype start = 0;
    qsizetype end = 0;
    Due due;
};

// The due phrase that starts at `pos`, if one does. The caller has checked
// TextView::isStart(pos); the phrase ends at a clean end.
std::optional<DuePhrase> matchDuePhrase(const TextView &text, qsizetype pos, const DueContext &context);

// The instant of wall-clock `date` `time` in `zone`. A time that the clocks
// skip (a spring-forward gap) is read with the offset before the change, which
// lands as far past the gap as it was into it (02:30 in a 02:00-03:00 gap is
// 03:30); a time that happens twice (fall back) is its first occurrence.
QDateTime resolveLocalTime(QDate date, QTime time, const QTimeZone &zone);

} // namespace tandem::assistant::detail

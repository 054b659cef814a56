#pragma once

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

// How the chat words time: one place, so the list of conversations, the
// date separators and the bubbles' times agree.
namespace tandem::chattime {

// A message's time of day in the locale's short format, without seconds ("14:05", "2:05 PM").
QString timeOfDay(const QDateTime &at, const QLocale &locale = {});

// A day as a separator names it: "Today", "Yesterday", the weekday within the
// last week, else the locale's date (with the year only when not this year's).
QString dayLabel(const QDate &day, const QDate &today, const QLocale &locale = {});

// A conversation's last activity in the list: "Today 14:05", "Yesterday",
// then the weekday or the date as dayLabel() words it.
QString lastActivity(const QDateTime &at, const QDateTime &now, const QLocale &locale = {});

} // namespace tandem::chattime

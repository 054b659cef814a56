#pragma once

#include <QDateTime>

#include <functional>

namespace tandem {

// Where every layer gets the time: injected in tests, the system clock otherwise.
using Clock = std::function<QDateTime()>;

// The clock's "now" in UTC (the system clock when `clock` is empty).
inline QDateTime nowFrom(const Clock &clock)
{
    return (clock ? clock() : QDateTime::currentDateTimeUtc()).toUTC();
}

} // namespace tandem

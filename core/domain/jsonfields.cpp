#include "jsonfields.h"

#include "isotime.h"
#include "json.h"

#include <cmath>

namespace tandem::domain::detail {

QString FieldReader::string(const QString &key, Need need, const QString &fallback)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need))
        return fallback;
    if (!value.isString()) {
        fail(key, QStringLiteral("must be a string"));
        return fallback;
    }
    return value.toString();
}

QUuid FieldReader::uuid(const QString &key, Need need)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need))
        return {};
    const auto id = value.isString() ? uuidFromText(value.toString()) : std::nullopt;
    if (!id) {
        fail(key, QStringLiteral("must be a UUID such as \"0d5f1a9e-8c37-4f6b-9a51-3b2e6c7d8e90\""));
        return {};
    }
    return *id;
}

qint64 FieldReader::integer(const QString &key, Need need, qint64 min, qint64 max, qint64 fallback)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need))
        return fallback;
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number)) {
        fail(key, QStringLiteral("must be an integer"));
        return fallback;
    }
    if (number < double(min) || number > double(max)) {
        fail(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        return fallback;
    }
    return qint64(number);
}

bool FieldReader::boolean(const QString &key, Need need, bool fallback)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need))
        return fallback;
    if (!value.isBool()) {
        fail(key, QStringLiteral("must be true or false"));
        return fallback;
    }
    return value.toBool();
}

QDateTime FieldReader::timestamp(const QString &key, Need need)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need) || (need == Need::Optional && value.isNull()))
        return {};
    const auto instant = value.isString() ? parseIsoDateTime(value.toString()) : std::nullopt;
    if (!instant) {
        fail(key, QStringLiteral("must be an ISO 8601 date-time with an offset, such as \"2026-11-27T09:00:00Z\""));
        return {};
    }
    return instant->toUTC();
}

TaskStatus FieldReader::status(const QString &key, Need need)
{
    const QString name = string(key, need);
    if (failed() || name.isNull())
        return TaskStatus::Pending;
    if (const auto status = taskStatusFromName(name))
        return *status;
    fail(key, QStringLiteral("must be one of pending, in_progress, completed"));
    return TaskStatus::Pending;
}

TaskPriority FieldReader::priority(const QString &key, Need need)
{
    const QString name = string(key, need);
    if (failed() || name.isNull())
        return TaskPriority::None;
    if (const auto priority = taskPriorityFromName(name))
        return *priority;
    fail(key, QStringLiteral("must be one of none, low, medium, high, urgent"));
    return TaskPriority::None;
}

Due FieldReader::due(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || value.isUndefined() || value.isNull())
        return {};
    // "" is no date: clearing one is null, and a client that sends "" has lost a value.
    const auto due
        = value.isString() && !value.toString().isEmpty() ? Due::fromIsoString(value.toString()) : std::nullopt;
    if (!due) {
        fail(key,
             QStringLiteral("must be null, a date such as \"2026-11-27\" or a date-time with an offset such as "
                            "\"2026-11-27T09:00:00+01:00\""));
        return {};
    }
    return *due;
}

QStringList FieldReader::stringList(const QString &key, Need need)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need) || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(key, QStringLiteral("must be an array of strings"));
        return {};
    }
    const QJsonArray array = value.toArray();
    QStringList list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            fail(QStringLiteral("%1[%2]").arg(key).arg(i), QStringLiteral("must be a string"));
            return {};
        }
        list.append(array.at(i).toString());
    }
    return list;
}

QJsonArray FieldReader::array(const QString &key, Need need)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || absent(key, value, need) || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(key, QStringLiteral("must be an array"));
        return {};
    }
    return value.toArray();
}

bool FieldReader::absent(const QString &key, const QJsonValue &value, Need need)
{
    if (!value.isUndefined())
        return false;
    if (need == Need::Required)
        fail(key, QStringLiteral("is required"));
    return true;
}

} // namespace tandem::domain::detail

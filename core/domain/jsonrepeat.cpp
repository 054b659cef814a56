#include "json.h"

#include "jsonfields.h"

#include <QJsonArray>

// The wire form of a repeat rule (docs/protocol.md, "Repeating tasks"):
// {"unit":"week","interval":2,"weekdays":["mon","thu"],"monthDay":null,"timeZone":"Europe/Berlin"}.

namespace tandem {

using domain::detail::FieldReader;
using domain::detail::Need;

namespace {

QStringList weekdayNames(quint8 weekdays)
{
    QStringList names;
    for (int day = 1; day <= 7; ++day) {
        if (weekdays & (1u << day))
            names.append(weekdayName(day));
    }
    return names;
}

} // namespace

QJsonObject repeatToJson(const RepeatRule &rule)
{
    return QJsonObject{
        {QStringLiteral("unit"), repeatUnitName(rule.unit)},
        {QStringLiteral("interval"), rule.interval},
        {QStringLiteral("weekdays"), QJsonArray::fromStringList(weekdayNames(rule.weekdays))},
        {QStringLiteral("monthDay"), rule.monthDay > 0 ? QJsonValue(rule.monthDay) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("timeZone"),
         rule.timeZone.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QString::fromUtf8(rule.timeZone))},
    };
}

QString repeatJsonText(const RepeatRule &rule)
{
    // Keys in QJsonObject's (sorted) order, so the text equals QJsonDocument's.
    QString out = QStringLiteral("{\"interval\":") + QString::number(rule.interval) + QStringLiteral(",\"monthDay\":");
    out += rule.monthDay > 0 ? QString::number(rule.monthDay) : QStringLiteral("null");
    out += QStringLiteral(",\"timeZone\":");
    if (rule.timeZone.isEmpty())
        out += u"null";
    else
        appendJsonString(out, QString::fromUtf8(rule.timeZone));
    out += QStringLiteral(",\"unit\":\"") + repeatUnitName(rule.unit) + QStringLiteral("\",\"weekdays\":");
    out += stringListJsonText(weekdayNames(rule.weekdays));
    out += u'}';
    return out;
}

Result<RepeatRule> repeatFromJson(const QJsonObject &json)
{
    FieldReader r(json);
    RepeatRule rule;
    const QString unitName = r.string(QStringLiteral("unit"), Need::Required);
    if (r.failed())
        return r.error();
    const auto unit = repeatUnitFromName(unitName);
    if (!unit)
        return Error::validation(QStringLiteral("unit"), QStringLiteral("must be one of day, week, month, year"));
    rule.unit = *unit;
    rule.interval = int(r.integer(QStringLiteral("interval"), Need::Optional, 1, RepeatLimits::maxInterval(*unit), 1));
    const QStringList weekdays = r.stringList(QStringLiteral("weekdays"), Need::Optional);
    if (!r.isNull(QStringLiteral("monthDay")))
        rule.monthDay = int(r.integer(QStringLiteral("monthDay"), Need::Optional, 1, RepeatLimits::MaxMonthDay, 0));
    if (!r.isNull(QStringLiteral("timeZone")))
        rule.timeZone = r.string(QStringLiteral("timeZone"), Need::Optional).toUtf8();
    if (r.failed())
        return r.error();
    for (qsizetype i = 0; i < weekdays.size(); ++i) {
        const auto day = weekdayFromName(weekdays.at(i));
        if (!day)
            return Error::validation(
                QStringLiteral("weekdays[%1]").arg(i),
                QStringLiteral("\"%1\" is not a weekday; use mon, tue, wed, thu, fri, sat or sun").arg(weekdays.at(i)));
        rule.addWeekday(*day);
    }
    if (auto valid = validateRepeat(rule); !valid) {
        Error error = valid.error();
        error.field = error.field.mid(QStringLiteral("repeat.").size());
        return error;
    }
    return rule;
}

} // namespace tandem

namespace tandem::domain::detail {

std::optional<RepeatRule> FieldReader::repeat(const QString &key)
{
    const QJsonValue value = m_object.value(key);
    if (failed() || value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        fail(key, QStringLiteral("must be null or an object such as {\"unit\":\"week\",\"interval\":1}"));
        return std::nullopt;
    }
    auto rule = repeatFromJson(value.toObject());
    if (!rule) {
        fail(key + u'.' + rule.error().field, rule.error().message);
        return std::nullopt;
    }
    return rule.value();
}

} // namespace tandem::domain::detail

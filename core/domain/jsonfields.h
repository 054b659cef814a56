#pragma once

// The strict field reader the JSON decoders share. Private to core/domain.

#include "result.h"
#include "task.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace tandem::domain::detail {

enum class Need { Required, Optional };

// Reads fields one by one and remembers the first error, so decoders read as
// a flat list of fields instead of a ladder of checks.
class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object)
        : m_object(object)
    { }

    bool failed() const { return m_error.has_value(); }
    Error error() const { return *m_error; }
    void fail(const QString &field, const QString &message)
    {
        if (!m_error)
            m_error = Error::validation(field, message);
    }

    bool has(const QString &key) const { return m_object.contains(key); }
    bool isNull(const QString &key) const { return m_object.value(key).isNull(); }

    QString string(const QString &key, Need need, const QString &fallback = {});
    QUuid uuid(const QString &key, Need need);
    qint64 integer(const QString &key, Need need, qint64 min, qint64 max, qint64 fallback = 0);
    bool boolean(const QString &key, Need need, bool fallback = false);
    // A timestamp; null counts as absent for optional fields.
    QDateTime timestamp(const QString &key, Need need);
    TaskStatus status(const QString &key, Need need);
    TaskPriority priority(const QString &key, Need need);
    // null or "" means no due date.
    Due due(const QString &key);
    // null or absent is no rule; an object is decoded by repeatFromJson().
    std::optional<RepeatRule> repeat(const QString &key);
    // null counts as an empty list.
    QStringList stringList(const QString &key, Need need);
    QJsonArray array(const QString &key, Need need);

private:
    // True when the key is missing (recording an error if it was required).
    bool absent(const QString &key, const QJsonValue &value, Need need);

    const QJsonObject &m_object;
    std::optional<Error> m_error;
};

} // namespace tandem::domain::detail

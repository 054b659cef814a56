#include "result.h"

namespace tandem {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Validation:
        return QStringLiteral("validation");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::Forbidden:
        return QStringLiteral("forbidden");
    case ErrorCode::Storage:
        return QStringLiteral("storage");
    case ErrorCode::Unauthorized:
        return QStringLiteral("unauthorized");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate_limited");
    }
    return QStringLiteral("storage");
}

Error Error::validation(const QString &field, const QString &message)
{
    return Error{ErrorCode::Validation, message, field, {}, {}};
}

Error Error::notFound(const QString &message)
{
    return Error{ErrorCode::NotFound, message, {}, {}, {}};
}

Error Error::conflict(const QString &message, const QJsonObject &details)
{
    return Error{ErrorCode::Conflict, message, {}, details, {}};
}

Error Error::forbidden(const QString &message)
{
    return Error{ErrorCode::Forbidden, message, {}, {}, {}};
}

Error Error::storage(const QString &message)
{
    return Error{ErrorCode::Storage, message, {}, {}, {}};
}

Error Error::unauthorized(const QString &message, const QString &reason)
{
    Error error{ErrorCode::Unauthorized, message, {}, {}, reason};
    return error;
}

Error Error::rateLimited(const QString &message, int retryAfterSeconds)
{
    return Error{
        ErrorCode::RateLimited, message, {}, QJsonObject{{QStringLiteral("retryAfter"), retryAfterSeconds}}, {}};
}

QString Error::wireCode() const
{
    return reason.isEmpty() ? errorCodeName(code) : reason;
}

QString Error::toString() const
{
    if (field.isEmpty())
        return message;
    return field + QStringLiteral(": ") + message;
}

} // namespace tandem

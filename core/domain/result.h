#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <utility>
#include <variant>

namespace tandem {

// The error vocabulary shared by every layer. The names are part of the public
// contract (they appear in REST and WebSocket errors), so extend, never rename.
enum class ErrorCode {
    Validation, // the input breaks a rule; `field` names the offending field
    NotFound, // no such entity for this owner (another owner's id is also NotFound)
    Conflict, // stale revision, duplicate id or name; `details` may carry the current state
    Forbidden, // the caller may not do this
    Storage, // the database failed; the message says what to do, never SQL text
    Unauthorized, // no valid credentials (bad password, missing/expired/revoked token)
    RateLimited, // too many attempts; details["retryAfter"] holds the seconds to wait
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Storage;
    QString message; // one sentence a person can act on
    QString field; // dotted path of the field at fault, for Validation
    QJsonObject details; // machine-readable extras, e.g. {"task": {...}} on a conflict
    QString reason; // a finer machine code where the wire contract names one ("username_taken")

    static Error validation(const QString &field, const QString &message);
    static Error notFound(const QString &message);
    static Error conflict(const QString &message, const QJsonObject &details = {});
    static Error forbidden(const QString &message);
    static Error storage(const QString &message);
    static Error unauthorized(const QString &message, const QString &reason = {});
    static Error rateLimited(const QString &message, int retryAfterSeconds);

    // The wire name: `reason` when set, else errorCodeName(code).
    QString wireCode() const;

    // "title: must not be empty" for validation errors, else the message.
    QString toString() const;
};

// A value or an error, passed by value across threads and the event loop.
template<typename T> class [[nodiscard]] Result
{
public:
    Result(const T &value)
        : m_state(value)
    { }
    Result(T &&value)
        : m_state(std::move(value))
    { }
    Result(const Error &error)
        : m_state(error)
    { }
    Result(Error &&error)
        : m_state(std::move(error))
    { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &std::get<0>(m_state); }
    T *operator->() { return &std::get<0>(m_state); }

    const Error &error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(const Error &error)
        : m_error(error)
        , m_ok(false)
    { }
    Result(Error &&error)
        : m_error(std::move(error))
        , m_ok(false)
    { }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

} // namespace tandem

Q_DECLARE_METATYPE(tandem::Error)

#include "storeprivate.h"

#include "domain/isotime.h"
#include "domain/json.h"
#include "storerows.h"

#include <QScopeGuard>

namespace tandem {

using namespace store::detail;
using store::Connection;
using store::Rows;

namespace {

Result<std::optional<User>> userFromRows(Rows &rows)
{
    if (!rows.next())
        return std::optional<User>();
    User user;
    const auto id = uuidFromText(rows.text(0));
    if (!id)
        return unreadable(QStringLiteral("user"), rows.text(0), QStringLiteral("bad id"));
    user.id = *id;
    user.username = rows.text(1);
    user.passwordHash = rows.isNull(2) ? QString() : rows.text(2);
    user.createdAt = timestampFromMsecs(rows.integer(3));
    return std::optional<User>(user);
}

} // namespace

Result<User> Store::Private::insertUser(const User &user, const std::function<Result<void>(Connection &)> &also)
{
    return withConnection<User>([&](Connection &c) -> Result<User> {
        if (auto begun = beginWrite(c); !begun)
            return begun.error();
        bool committed = false;
        auto guard = qScopeGuard([&] {
            if (!committed)
                rollback(c);
        });
        auto inserted
            = c.run(QStringLiteral("INSERT INTO users (id, username, username_key, password_hash, created_at) "
                                   "VALUES (?, ?, ?, ?, ?)"),
                    {text(user.id), user.username, user.username.toCaseFolded(),
                     user.passwordHash.isEmpty() ? store::nullText() : QVariant(user.passwordHash),
                     user.createdAt.toMSecsSinceEpoch()});
        if (!inserted) {
            if (inserted.error().code == ErrorCode::Conflict)
                return Error::conflict(QStringLiteral("the username \"%1\" is taken").arg(user.username));
            return inserted.error();
        }
        auto head = c.run(QStringLiteral("INSERT INTO log_heads (owner_id, seq, floor_seq) VALUES (?, 0, 0)"),
                          {text(user.id)});
        if (!head)
            return head.error();
        if (also) {
            if (auto done = also(c); !done)
                return done.error();
        }
        if (auto done = commit(c); !done)
            return done.error();
        committed = true;
        return user;
    });
}

Result<User> Store::insertUser(const User &user)
{
    return d->insertUser(user, {});
}

Result<std::optional<User>> Store::userById(const QUuid &id)
{
    return d->withConnection<std::optional<User>>([&](Connection &c) -> Result<std::optional<User>> {
        auto rows = c.run(QStringLiteral("SELECT id, username, password_hash, created_at FROM users WHERE id = ?"),
                          {text(id)});
        if (!rows)
            return rows.error();
        return userFromRows(rows.value());
    });
}

Result<std::optional<User>> Store::userByName(const QString &username)
{
    return d->withConnection<std::optional<User>>([&](Connection &c) -> Result<std::optional<User>> {
        auto rows = c.run(QStringLiteral("SELECT id, username, password_hash, created_at FROM users "
                                         "WHERE username_key = ?"),
                          {username.toCaseFolded()});
        if (!rows)
            return rows.error();
        return userFromRows(rows.value());
    });
}

Result<void> Store::setPasswordHash(const QUuid &userId, const QString &hash)
{
    auto updated = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"),
                          {hash.isEmpty() ? store::nullText() : QVariant(hash), text(userId)});
        if (!rows)
            return rows.error();
        if (rows->affected() != 1)
            return Error::notFound(QStringLiteral("no such user"));
        d->committedAlone(c);
        return true;
    });
    if (!updated)
        return updated.error();
    return {};
}

Result<bool> Store::isTokenRevoked(const QString &jti)
{
    return d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("SELECT 1 FROM revoked_tokens WHERE jti = ?"), {jti});
        if (!rows)
            return rows.error();
        return rows->next();
    });
}

Result<void> Store::insertInvite(const QString &codeHash, const QUuid &issuedBy, const QDateTime &createdAt,
                                 const QDateTime &expiresAt)
{
    return d->writeAlone(QStringLiteral("INSERT INTO invites (code_hash, issued_by, created_at, expires_at) "
                                        "VALUES (?, ?, ?, ?)"),
                         {codeHash, text(issuedBy), createdAt.toMSecsSinceEpoch(), expiresAt.toMSecsSinceEpoch()});
}

Result<User> Store::insertUserWithInvite(const User &user, const QString &codeHash, const QDateTime &usedAt)
{
    // The user row first (insertUser's transaction): the invite's used_by refers to it.
    return d->insertUser(user, [&](Connection &c) -> Result<void> {
        // Only one transaction can move used_by from NULL: a concurrent one
        // waits for this row lock (PostgreSQL) or for the write lock (SQLite),
        // then finds the invite used.
        auto redeemed = c.run(QStringLiteral("UPDATE invites SET used_by = ?, used_at = ? "
                                             "WHERE code_hash = ? AND used_by IS NULL AND expires_at > ?"),
                              {text(user.id), usedAt.toMSecsSinceEpoch(), codeHash, usedAt.toMSecsSinceEpoch()});
        if (!redeemed)
            return redeemed.error();
        if (redeemed->affected() != 1)
            return Error::forbidden(QStringLiteral("this invite code is not valid: it is unknown, used or expired"));
        return {};
    });
}

Result<QString> Store::assistantState(const QUuid &ownerId, const QUuid &sessionId)
{
    return d->withConnection<QString>([&](Connection &c) -> Result<QString> {
        auto rows = c.run(QStringLiteral("SELECT state FROM assistant_state WHERE session_id = ? AND owner_id = ?"),
                          {text(sessionId), text(ownerId)});
        if (!rows)
            return rows.error();
        return rows->next() ? rows->text(0) : QString();
    });
}

Result<void> Store::setAssistantState(const QUuid &ownerId, const QUuid &sessionId, const QString &state,
                                      const QDateTime &at)
{
    auto written = d->withConnection<bool>([&](Connection &c) -> Result<bool> {
        auto rows = c.run(QStringLiteral("INSERT INTO assistant_state (session_id, owner_id, state, updated_at) "
                                         "VALUES (?, ?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
                                         "state = excluded.state, updated_at = excluded.updated_at "
                                         "WHERE assistant_state.owner_id = excluded.owner_id"),
                          {text(sessionId), text(ownerId), nonNull(state), at.toMSecsSinceEpoch()});
        if (!rows)
            return rows.error();
        if (rows->affected() != 1)
            return Error::notFound(QStringLiteral("no such conversation"));
        d->committedAlone(c);
        return true;
    });
    if (!written)
        return written.error();
    return {};
}

} // namespace tandem

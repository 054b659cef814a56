#pragma once

// How the store's rows and values map to the domain types: the column lists
// the SELECTs share, decoding a row, and the bind-value helpers. Private to
// core/store.

#include "connection.h"
#include "domain/chat.h"
#include "domain/result.h"
#include "domain/task.h"

#include <QString>
#include <QUuid>
#include <QVariant>

namespace tandem::store::detail {

// The columns taskFromRow, sessionFromRow and messageFromRow read, in order
// (tables aliased t, s and m).
extern const QString taskColumns;
extern const QString sessionColumns;
extern const QString messageColumns;

QVariant text(const QUuid &id);
// A null QString binds as SQL NULL; text columns hold "" instead.
QVariant nonNull(const QString &value);

// A stored row that does not decode: logged, and a storage error naming it.
Error unreadable(const QString &what, const QString &id, const QString &why);

Result<Task> taskFromRow(const Rows &rows);
Result<ChatSession> sessionFromRow(const Rows &rows);
Result<ChatMessage> messageFromRow(const Rows &rows);

} // namespace tandem::store::detail

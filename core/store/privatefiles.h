#pragma once

#include "domain/result.h"

#include <QString>

namespace tandem {

// A person's tasks, chats and keys are theirs alone: the folder Tandem keeps
// them in is made owner-only (0700) and each data file owner-only (0600) —
// group and others lose every right, the owner's own rights stay as they are —
// when created and, for a folder an older version made, at every start.
// SQLite gives a database's -wal, -shm and -journal files the database
// file's own mode, so those follow. On platforms without POSIX modes
// (Windows: the profile folder is already private) these do nothing.

// Creates `directory` (and its parents) if needed and makes it owner-only. An
// error only when it cannot be created; a mode that cannot be changed (not
// ours) is logged (info), and whether the place is usable is checked by the caller.
Result<void> ensurePrivateDirectory(const QString &directory);
// Makes `path` owner-only if it exists; also its SQLite companions
// (`path`-wal, -shm, -journal) when `withCompanions`. Logs what it cannot change.
Result<void> makeFilePrivate(const QString &path, bool withCompanions = false);

} // namespace tandem

#pragma once

#include <QLoggingCategory>

namespace tandem::auth {

// The module's one logging category. Never log a password, a token, an invite
// code or a key: not even a prefix of one.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

// libsodium is initialised once per process, on first use, from any thread.
// False only if the library cannot start (no entropy source): every caller
// then refuses to hash or sign instead of doing it insecurely.
bool sodiumReady();

} // namespace tandem::auth

#pragma once

#include "domain/result.h"

#include <QString>

namespace tandem {

// Password hashing with libsodium's crypto_pwhash_str: Argon2id with at least
// OWASP's minimum cost (19 MiB of memory, 2 passes, 1 lane). Every function
// blocks for tens of milliseconds and uses 19 MiB while it runs: call them on
// a worker thread, never on a thread with an event loop that serves people.
// All are thread-safe.
class PasswordHasher final
{
public:
    static constexpr unsigned long long OpsLimit = 2;
    static constexpr size_t MemLimit = 19 * 1024 * 1024;

    // A self-describing "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" string with a fresh random salt.
    static Result<QString> hash(const QString &password);
    // True when `password` matches `hash`. False for a malformed or empty hash.
    static bool verify(const QString &hash, const QString &password);
    // True when `hash` was made with other parameters (or another algorithm)
    // than hash() uses now, or is malformed: rehash after the next good login.
    static bool needsRehash(const QString &hash);

    PasswordHasher() = delete;
};

} // namespace tandem

#include "authsupport.h"

#include <sodium.h>

namespace tandem::auth {

Q_LOGGING_CATEGORY(lcAuth, "tandem.auth")

bool sodiumReady()
{
    // A function-local static is initialised exactly once, even when several
    // threads arrive together.
    static const bool ready = [] {
        if (sodium_init() < 0) {
            qCCritical(lcAuth) << "libsodium could not start; passwords and tokens cannot be checked";
            return false;
        }
        return true;
    }();
    return ready;
}

} // namespace tandem::auth

# core/auth: accounts' credentials, tokens and the signing key.
target_sources(tandem_core PRIVATE
    auth/authservice.cpp auth/authservice.h
    auth/credentials.cpp auth/credentials.h
    auth/authsupport.cpp auth/authsupport.h
    auth/jwt.cpp auth/jwt.h
    auth/loginthrottle.cpp auth/loginthrottle.h
    auth/passwordhasher.cpp auth/passwordhasher.h
    auth/signingkey.cpp auth/signingkey.h
)

# libsodium: Argon2id password hashes, HMAC-SHA256 and constant-time compares.
# QtKeychain: the OS keychain (on Linux the Secret Service, through libsecret
# loaded at run time) that keeps the token signing key.
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
find_package(Qt6Keychain REQUIRED)
target_link_libraries(tandem_core PRIVATE PkgConfig::SODIUM Qt6Keychain::Qt6Keychain)

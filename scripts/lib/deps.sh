# shellcheck shell=bash disable=SC2034  # the lists are read through ${!var}
# System packages Tandem needs, and the one function that installs the missing ones.
# Source this file, then:
#   tandem_deps_ensure build run    # what scripts/run needs
#   tandem_deps_ensure build test   # what scripts/test needs (with the package group: build test package)
#   tandem_deps_ensure build bench  # what bench/sync/run needs (bench/web/run: build run bench)
#
# Each group is a list with one package a line (Debian 12 names). 'a|b|c' (quoted) means
# alternatives: any one installed is enough; when none is, the first one apt
# knows is installed (for names that differ between Debian and Ubuntu releases).
# Adding a package later is one line in the right group.
#
# Environment:
#   TANDEM_NO_INSTALL=1  check only: list what is missing and carry on
#                        (for machines where you manage packages yourself).

# Compiling Tandem, its tests and benchmarks; rsvg-convert (librsvg2-bin) renders
# the PNG icon sizes from the SVG at build time.
TANDEM_DEPS_BUILD=(
    build-essential
    cmake
    ninja-build
    ccache
    pkg-config
    git
    python3
    qt6-base-dev
    qt6-base-dev-tools
    qt6-tools-dev
    qt6-tools-dev-tools
    qt6-l10n-tools
    qt6-websockets-dev
    qtkeychain-qt6-dev
    libqt6sql6-sqlite
    libqt6sql6-psql
    libsodium-dev
    libsqlite3-dev
    libpq-dev
    libqrencode-dev
    'libgl-dev|libgl1-mesa-dev'
    librsvg2-bin
)

# Showing a real window (scripts/run): the X11 and Wayland platform plugins,
# the SVG icon engine, a font; libsecret, which QtKeychain loads at run time to
# keep the token signing key in the desktop's Secret Service.
TANDEM_DEPS_RUN=(
    libsecret-1-0
    qt6-qpa-plugins
    qt6-wayland
    libxkbcommon-x11-0
    libxcb-cursor0
    libqt6svg6
    fonts-dejavu-core
)

# Running the test suites (scripts/test): the throwaway PostgreSQL server
# (initdb, pg_ctl; runuser comes with util-linux), the format check, and what
# the widget tests on the offscreen platform load (the SVG icon engine, a font);
# PyJWT for the token interoperability test; a private D-Bus session bus with
# gnome-keyring as its Secret Service for the keychain tests (dbus-x11 provides
# the session bus gnome-keyring depends on without pulling in systemd); clang
# with its runtime libraries (libFuzzer, ASan, UBSan) for the fuzz targets;
# Debian's chromium and Node with npm for the web page's browser tests
# (playwright-core from npm drives that chromium; it downloads no browser);
# the openssl tool, which makes the TLS test's self-signed certificates.
TANDEM_DEPS_TEST=(
    chromium
    'npm|nodejs'

    postgresql
    clang-format
    libqt6svg6
    fonts-dejavu-core
    python3-jwt
    'dbus-daemon|dbus'
    'dbus-bin|dbus'
    dbus-x11
    gnome-keyring
    libsecret-1-0
    libsecret-tools
    clang
    libclang-rt-14-dev
    openssl
)

# The package stage of scripts/test (scripts/lib/packages.sh): the validators
# for the desktop file and the AppStream metainfo, debootstrap for the clean
# Debian 12 root the packages are installed in, unshare and setpriv (util-linux)
# and ip (iproute2) to run the server there as its unit would, in its own
# network namespace, and systemd-analyze (systemd) to verify the unit; nothing
# here starts systemd.
TANDEM_DEPS_PACKAGE=(
    desktop-file-utils
    appstream
    debootstrap
    util-linux
    iproute2
    systemd
)

# Running bench/sync (bench/sync/run): the two peers it measures Tandem against,
# a Node `ws` broadcast server (node and npm: any Node install that has npm will
# do, so either package counts) and a FastAPI + uvicorn one on Debian's Python
# with what uvicorn[standard] deploys (websockets, uvloop, httptools); taskset
# (util-linux) pins the servers and the load client to separate cores.
# bench/web also needs Debian's chromium (the page, and its app mode beside the
# desktop app) and Xvfb, one X display both draw on (with the run group's xcb
# platform plugin for the desktop).
TANDEM_DEPS_BENCH=(
    chromium
    xvfb
    'npm|nodejs'
    python3-fastapi
    python3-uvicorn
    python3-websockets
    python3-uvloop
    python3-httptools
    util-linux
)

tandem_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# True when some alternative of "a|b|c" is installed.
tandem_dep_installed() {
    local alt status
    local IFS='|'
    for alt in $1; do
        status=$(dpkg-query -W -f='${Status}' "$alt" 2>/dev/null) || continue
        [ "$status" = "install ok installed" ] && return 0
    done
    return 1
}

# The first alternative of "a|b|c" that apt can install, or nothing.
tandem_dep_resolve() {
    local alt candidate
    local IFS='|'
    for alt in $1; do
        candidate=$(apt-cache policy "$alt" 2>/dev/null | awk '/Candidate:/ { print $2; exit }')
        if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
            printf '%s\n' "$alt"
            return 0
        fi
    done
    return 1
}

# Runs a command as root: directly, or through sudo.
tandem_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

# tandem_deps_ensure GROUP... (GROUP: build, run, test, bench)
tandem_deps_ensure() {
    local group var entry pkg
    local -a wanted=() missing=() install=() unknown=()
    for group in "$@"; do
        var="TANDEM_DEPS_${group^^}[@]"
        for entry in "${!var}"; do
            wanted+=("$entry")
        done
    done

    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        tandem_log "Not a Debian/Ubuntu system: skipping package installation (see README.md for what Tandem needs)"
        return 0
    fi

    for entry in "${wanted[@]}"; do
        tandem_dep_installed "$entry" || missing+=("$entry")
    done
    # A package listed in two groups is checked twice but installed once.
    if [ "${#missing[@]}" -eq 0 ]; then
        return 0
    fi
    mapfile -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')

    if [ "${TANDEM_NO_INSTALL:-0}" = 1 ]; then
        tandem_log "Missing packages (TANDEM_NO_INSTALL=1, not installing): ${missing[*]}"
        return 0
    fi

    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        echo "error: these packages are missing and installing them needs root (no sudo here):" >&2
        echo "       ${missing[*]}" >&2
        return 1
    fi
    tandem_log "Installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    tandem_as_root apt-get update -qq
    tandem_deps_check_qt || return 1
    for entry in "${missing[@]}"; do
        if pkg=$(tandem_dep_resolve "$entry"); then
            install+=("$pkg")
        else
            unknown+=("$entry")
        fi
    done
    if [ "${#unknown[@]}" -gt 0 ]; then
        echo "error: apt knows no package named: ${unknown[*]}" >&2
        echo "       (on Ubuntu the Qt 6 packages are in 'universe': sudo add-apt-repository universe)" >&2
        return 1
    fi
    tandem_as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${install[@]}"
}

# Fails with a clear message when the system Qt (installed, or else the one apt
# would install) is older than what CMakeLists.txt asks for (Ubuntu 22.04 has 6.2).
tandem_deps_check_qt() {
    local minimum=6.4 version=
    command -v dpkg-query >/dev/null 2>&1 || return 0
    if tandem_dep_installed qt6-base-dev; then
        version=$(dpkg-query -W -f='${Version}' qt6-base-dev 2>/dev/null)
    else
        version=$(apt-cache policy qt6-base-dev 2>/dev/null | awk '/Candidate:/ { print $2; exit }')
        [ "$version" = "(none)" ] && version=
    fi
    [ -n "$version" ] || return 0
    if dpkg --compare-versions "$version" lt "$minimum"; then
        echo "error: Tandem needs Qt $minimum or newer; this system's qt6-base-dev is $version" >&2
        echo "       (Debian 12+ and Ubuntu 24.04+ are new enough; elsewhere use the Qt online installer" >&2
        echo "       and point CMAKE_PREFIX_PATH at it)" >&2
        return 1
    fi
}

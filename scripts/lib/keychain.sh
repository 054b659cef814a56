# shellcheck shell=bash
# A private Secret Service for the keychain tests. Source this file, then:
#   tandem_with_keychain COMMAND [ARG...]
# runs COMMAND on a new D-Bus session bus (dbus-run-session) whose
# org.freedesktop.secrets is a gnome-keyring-daemon with an unlocked login
# keyring, in a throwaway HOME and XDG directories that are removed afterwards,
# with TANDEM_TEST_KEYCHAIN=1 set. The user's own session bus and keyring are
# never touched. Returns COMMAND's exit status.
#
# Without dbus-run-session or gnome-keyring-daemon (packages dbus-daemon and
# gnome-keyring) it warns and runs COMMAND as it is: the keychain tests then
# fail, saying why (they never skip).

tandem_with_keychain() {
    if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1 \
        || ! command -v dbus-send >/dev/null 2>&1; then
        echo "warning: dbus-run-session, dbus-send or gnome-keyring-daemon is missing: the keychain tests will fail" >&2
        "$@"
        return
    fi
    local dir rc=0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/tandem-keychain.XXXXXX") || return 1
    mkdir -p "$dir/home" "$dir/runtime" && chmod 700 "$dir/runtime"
    HOME="$dir/home" XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share" \
        XDG_CACHE_HOME="$dir/home/.cache" XDG_RUNTIME_DIR="$dir/runtime" \
        dbus-run-session -- bash -c "$(declare -f tandem_keychain_session); tandem_keychain_session \"\$@\"" \
        tandem-keychain "$@" || rc=$?
    rm -rf "$dir"
    return "$rc"
}

# Runs inside the private session bus: starts and unlocks the keyring, runs the
# command, then stops the keyring daemon (by the process id the bus reports).
tandem_keychain_session() {
    local output line pid='' rc=0 _
    # The password only guards this throwaway keyring, created by this first unlock.
    if ! output=$(printf 'tandem-test' | gnome-keyring-daemon --daemonize --unlock --components=secrets); then
        echo "warning: gnome-keyring-daemon did not start: the keychain tests will fail" >&2
        "$@"
        return
    fi
    # Older versions print the variables to export (GNOME_KEYRING_CONTROL=...).
    while IFS= read -r line; do
        case "$line" in
            [A-Z]*=*) export "${line?}" ;;
        esac
    done <<<"$output"
    for _ in $(seq 50); do
        pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null \
            | awk '/uint32/ { print $2 }')
        [ -n "$pid" ] && break
        sleep 0.1
    done
    if [ -z "$pid" ]; then
        echo "warning: no Secret Service appeared on the private session bus: the keychain tests will fail" >&2
        "$@"
        return
    fi
    TANDEM_TEST_KEYCHAIN=1 "$@" || rc=$?
    kill "$pid" 2>/dev/null || true
    return "$rc"
}

# shellcheck shell=bash
# Throwaway PostgreSQL cluster for the test suites. Source this file, then:
#   tandem_pg_start   # exports TANDEM_TEST_PG_URL, PG_TMP; registers no trap
#   tandem_pg_stop    # stops the server and removes its directory (safe to call twice)
# The caller owns cleanup: `trap tandem_pg_stop EXIT` right before tandem_pg_start.
# The cluster lives in a temp dir, listens only on 127.0.0.1 on a free port,
# uses password (SCRAM) authentication, and runs as an unprivileged user
# when we are root (PostgreSQL refuses to run as root).

tandem_pg_bindir() {
    local dir
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null)
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    fi
    dir=$(printf "%s\n" /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
    return 1
}

tandem_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Runs a command as the cluster's owner, from / so that a working directory the
# owner cannot enter (a checkout under /root) does not trouble initdb or pg_ctl.
tandem_pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u "$TANDEM_PG_OWNER" -- "$@")
    else
        (cd / && "$@")
    fi
}

tandem_pg_start() {
    local bindir
    bindir=$(tandem_pg_bindir) || { echo "PostgreSQL server binaries (initdb) not found" >&2; return 1; }
    TANDEM_PG_BINDIR=$bindir
    PG_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tandem-pg.XXXXXX") || return 1
    TANDEM_PG_OWNER=$(id -un)
    if [ "$(id -u)" -eq 0 ]; then
        TANDEM_PG_OWNER=postgres
        id "$TANDEM_PG_OWNER" >/dev/null 2>&1 || TANDEM_PG_OWNER=nobody
        chown "$TANDEM_PG_OWNER" "$PG_TMP"
    fi
    chmod 700 "$PG_TMP"
    local password port attempt
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$password" > "$PG_TMP/pwfile"
    [ "$(id -u)" -eq 0 ] && chown "$TANDEM_PG_OWNER" "$PG_TMP/pwfile"
    tandem_pg_as_owner "$bindir/initdb" -D "$PG_TMP/data" -U tandem --pwfile="$PG_TMP/pwfile" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
        || { cat "$PG_TMP/initdb.log" >&2; return 1; }
    rm -f "$PG_TMP/pwfile"
    # Another process may take the free port between the probe and the bind: try again.
    for attempt in 1 2 3; do
        port=$(tandem_free_port)
        if tandem_pg_as_owner "$bindir/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$PG_TMP -c max_connections=300 -c fsync=on" \
            start >/dev/null; then
            export TANDEM_TEST_PG_URL="postgres://tandem:${password}@127.0.0.1:${port}/postgres"
            export PG_TMP TANDEM_PG_BINDIR TANDEM_PG_OWNER
            echo "PostgreSQL test server on 127.0.0.1:$port (data in $PG_TMP)"
            return 0
        fi
        echo "PostgreSQL did not start (attempt $attempt):" >&2
        cat "$PG_TMP/server.log" >&2
    done
    return 1
}

tandem_pg_stop() {
    [ -n "${PG_TMP:-}" ] || return 0
    if [ -f "$PG_TMP/data/postmaster.pid" ]; then
        tandem_pg_as_owner "$TANDEM_PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || tandem_pg_as_owner "$TANDEM_PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 \
            || true
    fi
    rm -rf "$PG_TMP"
    PG_TMP=
    unset TANDEM_TEST_PG_URL
}

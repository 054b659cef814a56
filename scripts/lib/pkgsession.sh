#!/usr/bin/env bash
# One run of an installed Tandem inside a clean root, for the package test
# (scripts/lib/packages.sh). Runs as root inside `unshare --mount --net`: its
# own loopback, so the service's fixed port 8263 collides with nothing on the
# host, and mounts that vanish with it. The client (pkgclient.py) runs on the
# host side of the chroot, in the same network namespace.
#
#   pkgsession.sh ROOT desktop VERSION seed|check
#       as the user alice: `tandem --headless --port 0` on the default data folder
#   pkgsession.sh ROOT server VERSION seed|check loopback|any
#       as systemd would start tandem-server.service (its user, environment,
#       umask and arguments, read from the installed unit), then checks the
#       address it listens on: 127.0.0.1 only, or every interface (--lan)
#
# Each run checks /api/health (status ok, this version), seeds or checks the
# data (a user and a task), and stops Tandem with SIGTERM, which must end it
# cleanly (exit status 0).
set -euo pipefail

root=$1 kind=$2 version=$3 mode=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log=$(mktemp -d "${TMPDIR:-/tmp}/tandem-pkgsession.XXXXXX")
pid=

cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$log"
}
trap cleanup EXIT

ip link set lo up
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs -o mode=0755 tmpfs "$root/run"

# Starts the command in the background and waits (60 s at most) for the one
# line Tandem prints when it listens; sets $url.
start_and_wait() {
    : >"$log/out"
    : >"$log/err"
    "$@" >"$log/out" 2>"$log/err" &
    pid=$!
    local tries=600
    url=
    while [ "$tries" -gt 0 ]; do
        url=$(sed -n 's/^Tandem listening on //p' "$log/out" | head -n 1)
        [ -n "$url" ] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "it exited before listening; its output:" >&2
            cat "$log/out" "$log/err" >&2
            return 1
        fi
        sleep 0.1
        tries=$((tries - 1))
    done
    if [ -z "$url" ]; then
        echo "it did not say it listens within 60 s; its output:" >&2
        cat "$log/out" "$log/err" >&2
        return 1
    fi
    echo "started: Tandem listening on $url"
}

stop_cleanly() {
    local status=0
    kill -TERM "$pid"
    wait "$pid" || status=$?
    pid=
    if [ "$status" -ne 0 ]; then
        echo "SIGTERM ended it with status $status (expected 0); its output:" >&2
        cat "$log/out" "$log/err" >&2
        return 1
    fi
    echo "stopped cleanly on SIGTERM"
}

talk() {
    python3 "$here/pkgclient.py" health "$url" "$version"
    python3 "$here/pkgclient.py" "$mode" "$url" robin 'correct horse battery' 'Water the plants'
}

# The address the listening socket on port $1 is bound to, in this network
# namespace: "127.0.0.1", "0.0.0.0", "::" (every interface, both families) or "::1".
listen_address() {
    local port_hex file _sl local_addr _rem st hex
    port_hex=$(printf '%04X' "$1")
    for file in /proc/net/tcp /proc/net/tcp6; do
        while read -r _sl local_addr _rem st _; do
            if [ "$st" != 0A ] || [ "${local_addr#*:}" != "$port_hex" ]; then
                continue
            fi
            hex=${local_addr%:*}
            case "$hex" in
                00000000000000000000000000000000) echo "::" ;;
                00000000000000000000000001000000) echo "::1" ;;
                ????????) printf '%d.%d.%d.%d\n' "0x${hex:6:2}" "0x${hex:4:2}" "0x${hex:2:2}" "0x${hex:0:2}" ;;
                *) echo "$hex" ;;
            esac
            return 0
        done < <(tail -n +2 "$file")
    done
}

case "$kind" in
desktop)
    start_and_wait chroot --userspec=alice:alice "$root" /usr/bin/env -i HOME=/home/alice USER=alice LOGNAME=alice \
        PATH=/usr/bin:/bin LANG=C.UTF-8 tandem --headless --port 0
    talk
    stop_cleanly
    ;;
server)
    expect=$5
    unit=/usr/lib/systemd/system/tandem-server.service
    mapfile -d '' -t fields < <(python3 "$here/unitexec.py" "$root" "$unit")
    user=${fields[0]} group=${fields[1]} umask=${fields[2]}
    env=() argv=() i=4
    while [ "${fields[$i]}" != --argv ]; do
        env+=("${fields[$i]}")
        i=$((i + 1))
    done
    argv=("${fields[@]:$((i + 1))}")
    echo "as $unit would: user $user, group $group, umask $umask, ${argv[*]}"
    # What RuntimeDirectory= and StateDirectory= give the service.
    install -d -m 0700 "$root/run/tandem-server"
    chroot "$root" chown "$user:$group" /run/tandem-server
    umask "$umask"
    start_and_wait chroot "$root" setpriv --reuid="$user" --regid="$group" --init-groups --no-new-privs \
        --inh-caps=-all --bounding-set=-all /usr/bin/env -i "${env[@]}" PATH=/usr/bin:/bin "${argv[@]}"
    umask 022
    port=${url##*:}
    address=$(listen_address "$port")
    case "$expect" in
        loopback) wanted='^127\.0\.0\.1$' ;;
        any) wanted='^(0\.0\.0\.0|::)$' ;;
        *) echo "unknown expectation $expect" >&2; exit 2 ;;
    esac
    if ! [[ "$address" =~ $wanted ]]; then
        echo "it listens on '$address' port $port; expected $expect ($wanted)" >&2
        exit 1
    fi
    echo "listens on $address, port $port"
    talk
    stop_cleanly
    ;;
*)
    echo "unknown kind: $kind" >&2
    exit 2
    ;;
esac

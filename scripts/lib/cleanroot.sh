# shellcheck shell=bash
# A clean Debian 12 root to install Tandem's packages into, as a user's machine
# would: nothing from the build host, only what the packages pull in from the
# Debian archive. Source this file, then:
#   tandem_cleanroot_base              # makes (once) and prints the cached base tarball
#   tandem_cleanroot_new DIR           # unpacks a fresh root into DIR (removed by you)
#   tandem_cleanroot_run DIR CMD...    # runs CMD as root inside DIR
#
# The base is `debootstrap --variant=minbase bookworm` (about 2-4 minutes and
# 40 MB from deb.debian.org the first time), kept as a tarball in
# ~/.cache/tandem/ (TANDEM_CLEANROOT_CACHE) so later runs unpack it in a few
# seconds. Packages apt downloads inside the root are kept in
# ~/.cache/tandem/apt-archives, bind-mounted into every root, so the second run
# downloads nothing. Each command runs in its own mount namespace (unshare):
# /proc, /dev and the archive cache are mounted for it and vanish with it, even
# when it fails. Needs root (or sudo), debootstrap and unshare (util-linux).
#
# Environment:
#   TANDEM_CLEANROOT_CACHE=DIR    where the base tarball and the archives live
#   TANDEM_CLEANROOT_MIRROR=URL   the Debian mirror (default http://deb.debian.org/debian)

tandem_cleanroot_cache() {
    printf '%s\n' "${TANDEM_CLEANROOT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tandem}"
}

# The base tarball's name carries the suite and the architecture, and a version
# of this recipe: change "v1" when the recipe below changes.
tandem_cleanroot_base() {
    local cache arch tarball work mirror
    cache=$(tandem_cleanroot_cache)
    arch=$(dpkg --print-architecture) || return 1
    tarball="$cache/cleanroot-bookworm-$arch-v1.tar.gz"
    if [ -s "$tarball" ]; then
        printf '%s\n' "$tarball"
        return 0
    fi
    command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; return 1; }
    mirror=${TANDEM_CLEANROOT_MIRROR:-http://deb.debian.org/debian}
    mkdir -p "$cache" || return 1
    work=$(mktemp -d "$cache/debootstrap.XXXXXX") || return 1
    echo "making the clean Debian 12 base root (debootstrap, once; cached in $tarball)" >&2
    if ! tandem_as_root debootstrap --variant=minbase --arch="$arch" bookworm "$work/root" "$mirror" \
        >"$work.log" 2>&1; then
        echo "debootstrap failed; the end of its log follows" >&2
        tail -n 30 "$work.log" >&2
        tandem_as_root rm -rf "$work" "$work.log"
        return 1
    fi
    # The root sees what a Debian 12 machine sees: the release, its updates and
    # security fixes (the build host's libraries may come from either).
    tandem_as_root tee "$work/root/etc/apt/sources.list" >/dev/null <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror%/debian}/debian-security bookworm-security main
EOF
    # No service starts inside the root (there is no init); packages that try
    # get "denied by policy", as in any chroot.
    printf '#!/bin/sh\nexit 101\n' | tandem_as_root tee "$work/root/usr/sbin/policy-rc.d" >/dev/null
    tandem_as_root chmod 755 "$work/root/usr/sbin/policy-rc.d"
    tandem_as_root rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*
    if ! tandem_as_root tar -C "$work/root" -czf "$tarball.part" .; then
        tandem_as_root rm -rf "$work" "$work.log" "$tarball.part"
        return 1
    fi
    tandem_as_root mv "$tarball.part" "$tarball"
    tandem_as_root rm -rf "$work" "$work.log"
    printf '%s\n' "$tarball"
}

tandem_cleanroot_new() { # dir
    local tarball
    tarball=$(tandem_cleanroot_base) || return 1
    tandem_as_root mkdir -p "$1" || return 1
    tandem_as_root tar -C "$1" -xzf "$tarball" || return 1
    tandem_as_root cp /etc/resolv.conf "$1/etc/resolv.conf" 2>/dev/null || true
    tandem_as_root mkdir -p "$(tandem_cleanroot_cache)/apt-archives/partial"
}

# tandem_cleanroot_run DIR CMD...: CMD runs as root in DIR with /proc, /dev and
# the shared archive cache mounted, in a private mount namespace.
tandem_cleanroot_run() {
    local dir=$1 archives
    shift
    archives="$(tandem_cleanroot_cache)/apt-archives"
    # shellcheck disable=SC2016  # expanded by the inner shell
    tandem_as_root unshare --mount --propagation private -- /bin/bash -c '
        set -e
        root=$1 archives=$2
        shift 2
        mount -t proc proc "$root/proc"
        mount --rbind /dev "$root/dev"
        mount -t tmpfs tmpfs "$root/run"
        mount --bind "$archives" "$root/var/cache/apt/archives"
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
            DEBIAN_FRONTEND=noninteractive "$@"' cleanroot "$dir" "$archives" "$@"
}

# shellcheck shell=bash
# Tandem as users install it: the desktop metadata, `cmake --install`, and the
# two Debian packages in a clean Debian 12 root (scripts/lib/cleanroot.sh).
# Source deps.sh and cleanroot.sh first, then:
#   tandem_pkg_check_metadata BUILD          desktop-file-validate, appstreamcli validate; the metainfo's
#                                            newest release is the project version, its screenshots are in docs/
#   tandem_pkg_check_install BUILD           `cmake --install` of a GUI build puts every file in its place
#   tandem_pkg_make GUI_BUILD SERVER_BUILD OUT   cpack: tandem and tandem-server, each twice: the Debian
#                                            revision 0~previous and 1 (current), into OUT
#   tandem_pkg_try PACKAGE OUT VERSION       in a fresh root: install the previous package, run it, add
#                                            data, upgrade, run, find the data, remove, purge
#
# Time, measured on 2 busy shared cores: making the base root once takes about
# 3 minutes (47 MB tarball); the packages' dependencies are downloaded once
# (108 .debs, 71 MB, kept in ~/.cache/tandem/apt-archives); after that the four
# cpack runs take about 30 s, the tandem root about 2 minutes and the
# tandem-server root about 1.5 minutes (mostly apt and dpkg).

tandem_pkg_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tandem_pkg_app_id=io.github.tandem.Tandem

# The project version as CMake has it (CMakeLists.txt's project(VERSION)).
tandem_pkg_version() { # build
    sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$1/CMakeCache.txt"
}

tandem_pkg_check_metadata() { # build
    local version newest shot rc=0 metainfo="packaging/linux/$tandem_pkg_app_id.metainfo.xml"
    version=$(tandem_pkg_version "$1")
    [ -n "$version" ] || { echo "no project version in $1/CMakeCache.txt"; return 1; }
    desktop-file-validate "packaging/linux/$tandem_pkg_app_id.desktop" || rc=1
    # --no-net: CI has no internet; the URLs are checked below against docs/.
    appstreamcli validate --no-net --explain "$metainfo" || rc=1
    newest=$(python3 -c 'import sys, xml.etree.ElementTree as ET
releases = ET.parse(sys.argv[1]).getroot().findall("releases/release")
print(releases[0].get("version") if releases else "")' "$metainfo")
    if [ "$newest" != "$version" ]; then
        echo "$metainfo: the newest <release> is '$newest', the project version is $version: add its release notes"
        rc=1
    fi
    while read -r shot; do
        if [ ! -f "docs/${shot##*/}" ]; then
            echo "$metainfo: the screenshot $shot is not a file in docs/"
            rc=1
        fi
    done < <(python3 -c 'import sys, xml.etree.ElementTree as ET
for image in ET.parse(sys.argv[1]).getroot().iter("image"): print(image.text.strip())' "$metainfo")
    [ "$rc" = 0 ] && echo "desktop file and metainfo valid; newest release $newest; screenshots in docs/"
    return "$rc"
}

tandem_pkg_check_install() { # build
    local prefix rc=0 file size
    prefix=$(mktemp -d "${TMPDIR:-/tmp}/tandem-install.XXXXXX")
    cmake --install "$1" --prefix "$prefix" >"$prefix.log" 2>&1 || { cat "$prefix.log"; rm -rf "$prefix" "$prefix.log"; return 1; }
    local -a wanted=(bin/tandem "share/applications/$tandem_pkg_app_id.desktop"
        "share/metainfo/$tandem_pkg_app_id.metainfo.xml"
        "share/icons/hicolor/scalable/apps/$tandem_pkg_app_id.svg")
    for size in 16 22 24 32 48 64 128 256 512; do
        wanted+=("share/icons/hicolor/${size}x${size}/apps/$tandem_pkg_app_id.png")
    done
    for file in "${wanted[@]}"; do
        [ -s "$prefix/$file" ] || { echo "cmake --install did not install $file"; rc=1; }
    done
    # Each PNG is the size its folder says.
    for size in 16 256; do
        file="$prefix/share/icons/hicolor/${size}x${size}/apps/$tandem_pkg_app_id.png"
        [ -s "$file" ] || continue
        if [ "$(python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$file")" != "${size}x$size" ]; then
            echo "$file is not ${size}x$size"
            rc=1
        fi
    done
    "$prefix/bin/tandem" --version | grep -qx "tandem $(tandem_pkg_version "$1")" \
        || { echo "the installed tandem --version does not print the project version"; rc=1; }
    [ "$rc" = 0 ] && echo "cmake --install: the binary, desktop file, metainfo and ${#wanted[@]} icons in place"
    rm -rf "$prefix" "$prefix.log"
    return "$rc"
}

tandem_pkg_make() { # gui_build server_build out
    local gui=$1 server=$2 out=$3 build release
    tandem_as_root rm -rf --one-file-system "$out" && mkdir -p "$out"
    for build in "$gui" "$server"; do
        for release in "0~previous" 1; do
            if ! (cd "$build" && TANDEM_DEB_RELEASE=$release cpack -G DEB -B "$out/work" >"$out/cpack.log" 2>&1); then
                echo "cpack in $build (revision $release) failed:"
                cat "$out/cpack.log"
                return 1
            fi
            mv "$out"/work/*.deb "$out/"
        done
    done
    rm -rf "$out/work" "$out/cpack.log"
    ls -l "$out"
}

# Runs apt-get inside a root; its output goes to the log only if it fails.
tandem_pkg_apt() { # root apt-args...
    local root=$1 output
    shift
    if ! output=$(tandem_cleanroot_run "$root" apt-get -q -o Dpkg::Use-Pty=0 -o APT::Sandbox::User=root "$@" 2>&1); then
        printf '%s\n' "$output" | tail -n 40
        return 1
    fi
}

tandem_pkg_new_root() { # dir
    tandem_cleanroot_new "$1" || { echo "cannot unpack the clean root"; return 1; }
    tandem_pkg_apt "$1" update || { echo "apt-get update failed in the clean root"; return 1; }
}

tandem_pkg_session() { # root kind version mode [expect]
    tandem_as_root unshare --mount --net --propagation private -- bash "$tandem_pkg_lib/pkgsession.sh" "$@"
}

tandem_pkg_copy_in() { # root debs...
    local root=$1
    shift
    tandem_as_root mkdir -p "$root/tmp/debs" && tandem_as_root cp "$@" "$root/tmp/debs/"
}

# The installed package's version, or nothing.
tandem_pkg_installed() { # root package
    # shellcheck disable=SC2016  # dpkg-query's format, not the shell's
    tandem_cleanroot_run "$1" dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$2" 2>/dev/null \
        | awk '$1 == "ii" { print $2 }'
}

tandem_pkg_expect_installed() { # root package version
    local got
    got=$(tandem_pkg_installed "$1" "$2")
    [ "$got" = "$3" ] || { echo "$2: installed version '$got', expected $3"; return 1; }
    echo "$2 $3 installed"
}

# What Qt loads at run time, which dpkg-shlibdeps cannot see, must be named in
# the control file: tandem_pkg_expect_relation DEB FIELD PACKAGE...
tandem_pkg_expect_relation() {
    local deb=$1 field=$2 value pkg rc=0
    shift 2
    value=$(dpkg-deb -f "$deb" "$field")
    for pkg in "$@"; do
        if ! grep -Eq "(^|[ ,|])$pkg([ ,(|]|$)" <<<"$value"; then
            echo "${deb##*/}: $field does not name $pkg ($field: $value)"
            rc=1
        fi
    done
    return "$rc"
}

# install (step) previous, then the current over it, in the root.
tandem_pkg_install() { # root deb [--simulate-recommends]
    local root=$1 deb=$2
    # The dependencies alone must be enough (--no-install-recommends); the
    # recommendations must resolve too (simulated, nothing downloaded).
    tandem_pkg_apt "$root" install -s "/tmp/debs/${deb##*/}" >/dev/null \
        || { echo "the recommendations of ${deb##*/} do not resolve"; return 1; }
    tandem_pkg_apt "$root" install -y --no-install-recommends "/tmp/debs/${deb##*/}" \
        || { echo "apt could not install ${deb##*/}"; return 1; }
}

# tandem_pkg_try PACKAGE OUT VERSION: the whole life of one package (tandem or
# tandem-server) in a fresh root, OUT/root-PACKAGE, which is deleted afterwards
# (and before, should an interrupted run have left it: its mounts never outlive
# a run, they live in private namespaces).
tandem_pkg_try() { # package out version
    local package=$1 out=$2 version=$3 arch root rc=0
    arch=$(dpkg --print-architecture)
    root="$out/root-$package"
    tandem_as_root rm -rf --one-file-system "$root"
    "tandem_pkg_try_${package//-/_}_in" "$root" "$out/${package}_${version}-0~previous_$arch.deb" \
        "$out/${package}_${version}-1_$arch.deb" "$version" || rc=1
    tandem_as_root rm -rf --one-file-system "$root"
    return "$rc"
}

tandem_pkg_try_tandem_in() { # root previous current version
    local root=$1 previous=$2 current=$3 version=$4 db=home/alice/.local/share/Tandem/Tandem/tandem.db file
    tandem_pkg_expect_relation "$current" Depends libqt6sql6-sqlite || return 1
    tandem_pkg_expect_relation "$current" Recommends libqt6sql6-psql qt6-wayland libsecret-1-0 gnome-keyring || return 1
    tandem_pkg_new_root "$root" || return 1
    tandem_pkg_copy_in "$root" "$previous" "$current" || return 1
    tandem_cleanroot_run "$root" useradd --create-home --shell /bin/bash alice || return 1

    echo "--- install the previous package (${previous##*/})"
    tandem_pkg_install "$root" "$previous" || return 1
    tandem_pkg_expect_installed "$root" tandem "$version-0~previous" || return 1
    tandem_cleanroot_run "$root" tandem --version | grep -qx "tandem $version" \
        || { echo "tandem --version does not print 'tandem $version'"; return 1; }
    echo "tandem --version: tandem $version"
    for file in "usr/share/applications/$tandem_pkg_app_id.desktop" "usr/share/metainfo/$tandem_pkg_app_id.metainfo.xml" \
        "usr/share/icons/hicolor/scalable/apps/$tandem_pkg_app_id.svg" \
        "usr/share/icons/hicolor/256x256/apps/$tandem_pkg_app_id.png"; do
        [ -s "$root/$file" ] || { echo "the package did not install /$file"; return 1; }
    done
    desktop-file-validate "$root/usr/share/applications/$tandem_pkg_app_id.desktop" || return 1
    tandem_pkg_session "$root" desktop "$version" seed || return 1
    tandem_as_root test -s "$root/$db" || { echo "no database in /$db after the first run"; return 1; }

    echo "--- upgrade to ${current##*/}"
    tandem_pkg_install "$root" "$current" || return 1
    tandem_pkg_expect_installed "$root" tandem "$version-1" || return 1
    tandem_pkg_session "$root" desktop "$version" check || return 1

    echo "--- remove, then purge"
    tandem_pkg_apt "$root" remove -y tandem || return 1
    [ ! -e "$root/usr/bin/tandem" ] || { echo "remove left /usr/bin/tandem"; return 1; }
    tandem_as_root test -s "$root/$db" || { echo "remove deleted the user's data"; return 1; }
    # tandem has no conffiles, so remove left nothing for purge: dpkg forgot it.
    if tandem_cleanroot_run "$root" dpkg-query -W tandem >/dev/null 2>&1; then
        tandem_cleanroot_run "$root" dpkg --purge tandem >/dev/null || return 1
    fi
    [ -z "$(tandem_pkg_installed "$root" tandem)" ] || { echo "tandem is still installed after purge"; return 1; }
    [ ! -e "$root/usr/share/applications/$tandem_pkg_app_id.desktop" ] || { echo "purge left the desktop file"; return 1; }
    tandem_as_root test -s "$root/$db" || { echo "purge deleted the user's data in their home"; return 1; }
    echo "tandem: installed, ran, upgraded keeping the data, removed and purged (the user's data stays in their home)"
}

tandem_pkg_try_tandem_server_in() { # root previous current version
    local root=$1 previous=$2 current=$3 version=$4 unit=usr/lib/systemd/system/tandem-server.service
    local state=var/lib/tandem-server options=etc/default/tandem-server owner uid_before uid_after
    local wants=etc/systemd/system/multi-user.target.wants/tandem-server.service
    tandem_pkg_expect_relation "$current" Depends libqt6sql6-sqlite adduser || return 1
    tandem_pkg_expect_relation "$current" Recommends libqt6sql6-psql || return 1
    tandem_pkg_new_root "$root" || return 1
    tandem_pkg_copy_in "$root" "$previous" "$current" || return 1

    echo "--- install the previous package (${previous##*/})"
    tandem_pkg_install "$root" "$previous" || return 1
    tandem_pkg_expect_installed "$root" tandem-server "$version-0~previous" || return 1
    tandem_cleanroot_run "$root" tandem-server --version | grep -qx "tandem-server $version" \
        || { echo "tandem-server --version does not print 'tandem-server $version'"; return 1; }
    echo "tandem-server --version: tandem-server $version"
    uid_before=$(tandem_cleanroot_run "$root" id -u tandem-server) \
        || { echo "postinst did not create the user tandem-server"; return 1; }
    # stat on the host names the root's uid with the host's names: compare numbers.
    owner=$(tandem_as_root stat -c '%u %a' "$root/$state" 2>/dev/null)
    [ "$owner" = "$uid_before 700" ] || { echo "/$state is '$owner', expected the service user ($uid_before) and 700"; return 1; }
    if [ ! -s "$root/$unit" ] || [ ! -s "$root/$options" ]; then
        echo "the unit or /$options is missing"
        return 1
    fi
    # postinst enabled it for the next boot (deb-systemd-helper works without systemd running).
    if [ ! -L "$root/$wants" ]; then
        echo "postinst did not enable the unit (no /$wants)"
        return 1
    fi
    tandem_pkg_verify_unit "$root/$unit" "$root" || return 1
    tandem_pkg_session "$root" server "$version" seed loopback || return 1

    echo "--- the admin turns on --lan; upgrade to ${current##*/}"
    tandem_as_root sed -i 's/^TANDEM_SERVER_OPTIONS=""$/TANDEM_SERVER_OPTIONS="--lan"/' "$root/$options"
    grep -qx 'TANDEM_SERVER_OPTIONS="--lan"' "$root/$options" || { echo "cannot edit /$options"; return 1; }
    tandem_pkg_install "$root" "$current" || return 1
    tandem_pkg_expect_installed "$root" tandem-server "$version-1" || return 1
    grep -qx 'TANDEM_SERVER_OPTIONS="--lan"' "$root/$options" \
        || { echo "the upgrade overwrote the admin's /$options"; return 1; }
    uid_after=$(tandem_cleanroot_run "$root" id -u tandem-server)
    [ "$uid_after" = "$uid_before" ] || { echo "the service user changed ($uid_before -> $uid_after)"; return 1; }
    tandem_pkg_session "$root" server "$version" check any || return 1

    echo "--- remove, then purge"
    tandem_pkg_apt "$root" remove -y tandem-server || return 1
    if [ -e "$root/usr/bin/tandem-server" ] || [ -e "$root/$unit" ]; then
        echo "remove left the binary or the unit"
        return 1
    fi
    if [ ! -d "$root/$state" ] || [ ! -e "$root/$options" ]; then
        echo "remove deleted the data or the options (only purge should)"
        return 1
    fi
    # dpkg, not apt: apt does not know a package installed from a file once it is removed.
    tandem_cleanroot_run "$root" dpkg --purge tandem-server >/dev/null || return 1
    [ -z "$(tandem_pkg_installed "$root" tandem-server)" ] || { echo "tandem-server is still installed after purge"; return 1; }
    if [ -e "$root/$state" ] || [ -e "$root/$options" ] || [ -L "$root/$wants" ]; then
        echo "purge left /$state, /$options or /$wants"
        return 1
    fi
    echo "tandem-server: installed, ran as its unit says, upgraded keeping the data and the admin's options, removed and purged"
}

# systemd-analyze verify on the host, on the unit as installed in the root. It
# checks that ExecStart's binary exists, so the root's /usr/bin is laid over
# the host's (an overlay in a private mount namespace: the host sees nothing).
# Any message is a failure (verify exits 0 on an unknown key, for one). Then
# the offline security review, whose exposure score goes to the log.
tandem_pkg_verify_unit() { # unit root
    local unit=$1 root=$2 output
    # shellcheck disable=SC2016  # expanded by the inner shell
    if ! output=$(tandem_as_root unshare --mount --propagation private -- sh -c '
            mount -t overlay overlay -o "lowerdir=/usr/bin:$2/usr/bin" /usr/bin || exit 1
            systemd-analyze verify "$1" 2>&1' verify "$unit" "$root") || [ -n "$output" ]; then
        echo "systemd-analyze verify failed on the unit:"
        echo "$output"
        return 1
    fi
    echo "systemd-analyze verify: the unit is clean"
    systemd-analyze security --offline=true "$unit" 2>&1 | tail -n 1 || true
}

#!/usr/bin/env bash
# Builds Tandem-<version>-x86_64.AppImage with linuxdeploy and its Qt plugin.
# Not run by CI (it downloads the two tools from GitHub). Run it from the
# repository's top folder on the oldest system the AppImage should run on
# (it bundles that system's Qt and libraries; glibc comes from the user's):
#   packaging/appimage/build-appimage.sh
# Needs: what scripts/lib/deps.sh installs (build, run), wget.
# Environment: LINUXDEPLOY_DIR  where linuxdeploy-x86_64.AppImage and
#              linuxdeploy-plugin-qt-x86_64.AppImage are (downloaded there when missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
tools=${LINUXDEPLOY_DIR:-$root/build/linuxdeploy}
build=build/appimage
appdir=$build/AppDir

mkdir -p "$tools"
for tool in linuxdeploy linuxdeploy-plugin-qt; do
    if [ ! -x "$tools/$tool-x86_64.AppImage" ]; then
        wget -q -O "$tools/$tool-x86_64.AppImage" \
            "https://github.com/linuxdeploy/$tool/releases/download/continuous/$tool-x86_64.AppImage"
        chmod +x "$tools/$tool-x86_64.AppImage"
    fi
done

# The same install rules as the .deb: binary, desktop file, metainfo, icons.
cmake --preset release -B "$build" -DCMAKE_INSTALL_PREFIX=/usr
cmake --build "$build"
rm -rf "$appdir"
DESTDIR="$root/$appdir" cmake --install "$build" --component desktop

# The Qt plugin bundles Qt's libraries and the plugins Tandem needs: platforms
# (xcb, and Wayland as asked below), every SQL driver with its client library
# (SQLite; PostgreSQL with libpq), the TLS backends, the SVG icon engine.
# OpenSSL itself is loaded from the user's system, as Qt does everywhere.
export QMAKE=${QMAKE:-$(command -v qmake6 || echo /usr/lib/qt6/bin/qmake)}
export EXTRA_QT_MODULES="svg;waylandcompositor"
export EXTRA_PLATFORM_PLUGINS="libqwayland-egl.so;libqwayland-generic.so"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
export LINUXDEPLOY_OUTPUT_VERSION=$version
"$tools/linuxdeploy-x86_64.AppImage" --appdir "$appdir" --plugin qt --output appimage \
    --desktop-file "$appdir/usr/share/applications/io.github.tandem.Tandem.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/io.github.tandem.Tandem.png"
ls -l Tandem-*.AppImage

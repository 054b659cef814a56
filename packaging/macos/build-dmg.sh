#!/usr/bin/env bash
# Builds tandem-<version>-Darwin.dmg: tandem.app with its own Qt (macdeployqt,
# run by the deploy script Qt generates at install) in a drag-and-drop image.
# Not run by CI (it needs a Mac). Run it from the repository's top folder:
#   brew install qt qtkeychain libsodium qrencode librsvg cmake ninja
#   packaging/macos/build-dmg.sh
# librsvg gives rsvg-convert, which renders the app icon (tandem.icns) from the
# SVG; Info.plist (packaging/macos/Info.plist.in) carries the bundle id, the
# version and NSLocalNetworkUsageDescription, the reason macOS shows before
# phones on the LAN may reach the sync server.
# Environment: QT_PREFIX  the Qt to build with (default: brew --prefix qt)
#              CODESIGN_IDENTITY  sign the bundle with it (default "-": ad hoc)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
build=build/macos
qt=${QT_PREFIX:-$(brew --prefix qt)}

cmake --preset release -B "$build" -DCMAKE_PREFIX_PATH="$qt;$(brew --prefix)" \
    -DCMAKE_OSX_DEPLOYMENT_TARGET=11.0
cmake --build "$build"
# cpack installs tandem.app (running macdeployqt on it) into its staging folder
# and makes the image; packaging/macos/codesign.cmake signs the staged bundle
# before the image is made (CPACK_PRE_BUILD_SCRIPTS, cmake/TandemPackaging.cmake).
(cd "$build" && cpack -G DragNDrop)
ls -l "$build"/tandem-*.dmg

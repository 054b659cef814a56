# Packages. `cmake --install build/x --prefix /usr` installs (TandemInstall.cmake);
# `cpack --config build/x/CPackConfig.cmake` packages what that build installs:
#   Linux    DEB: a GUI build makes `tandem`, a TANDEM_GUI=OFF build `tandem-server`
#   macOS    DragNDrop (a .dmg holding tandem.app)
#   Windows  NSIS (an installer) and ZIP; WIX with -G WIX
# packaging/README.md has the recipe for each platform. The version is the
# project's (CMakeLists.txt), the one `tandem --version` prints.
include(TandemInstall)

# Values reach CPackConfig.cmake as written here (no second round of escaping).
set(CPACK_VERBATIM_VARIABLES ON)
set(CPACK_PACKAGE_NAME "tandem")
set(CPACK_PACKAGE_VENDOR "Tandem")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "Tandem developers <tandem@example.invalid>")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Tandem")
set(CPACK_PACKAGE_EXECUTABLES "tandem" "Tandem")
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_GENERATOR "TGZ")
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build/" "/node_modules/" "\\.user$")
# Read by cpack itself, per generator: lets a test package the same build as
# an earlier Debian revision (TANDEM_DEB_RELEASE), see packaging/cpack-options.cmake.
set(CPACK_PROJECT_CONFIG_FILE "${TANDEM_PACKAGING_DIR}/cpack-options.cmake")

# One package per build, so the summary (a Debian package's first description
# line) can be the package's own.
if(TANDEM_GUI)
    set(CPACK_COMPONENTS_ALL desktop)
else()
    set(CPACK_COMPONENTS_ALL server)
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Tandem sync server, headless, as a system service")
endif()

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Tandem")
    set(CPACK_DMG_FORMAT "UDZO")
    # Signs tandem.app in the staging folder before the image is made.
    set(CPACK_PRE_BUILD_SCRIPTS "${TANDEM_PACKAGING_DIR}/macos/codesign.cmake")
elseif(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_DISPLAY_NAME "Tandem")
    set(CPACK_NSIS_PACKAGE_NAME "Tandem")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tandem.exe")
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN "tandem.exe")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # Start-menu entry for the one executable (CPACK_PACKAGE_EXECUTABLES).
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
    # WiX (-G WIX): a stable upgrade code, so a newer .msi replaces an older one.
    set(CPACK_WIX_UPGRADE_GUID "6B1C2E0A-54D4-4C1F-9F0B-7A1E0D3C8E21")
    set(CPACK_WIX_PROGRAM_MENU_FOLDER "Tandem")
else()
    set(CPACK_GENERATOR "DEB")
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    # The shared libraries a binary links (libqt6core6, libqt6sql6, libsodium23,
    # ...) come from dpkg-shlibdeps, which reads the binary. What Qt loads at run
    # time it cannot see: the SQLite driver (the default store) is a dependency;
    # the PostgreSQL driver (--database), the TLS backend's OpenSSL is pulled by
    # libqt6network6 already.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

    # tandem: the desktop app. Recommends what makes it at home on a desktop:
    # Wayland, the Secret Service QtKeychain talks to (libsecret and a keyring),
    # the SVG icon engine.
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME "tandem")
    set(CPACK_DEBIAN_DESKTOP_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_SECTION "utils")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "libqt6sql6-sqlite")
    set(CPACK_DEBIAN_DESKTOP_PACKAGE_RECOMMENDS
        "libqt6sql6-psql, libqt6svg6, qt6-wayland, libsecret-1-0, gnome-keyring | kwalletmanager")
    # The long description; its first line is CPACK_PACKAGE_DESCRIPTION_SUMMARY.
    string(CONCAT CPACK_COMPONENT_DESKTOP_DESCRIPTION
        "Tandem is a native desktop task manager: your tasks and an assistant side by side, kept in sync with "
        "your phone and other computers through its embedded sync server and web page.")

    # tandem-server: the same server without a window, as a system service.
    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME "tandem-server")
    set(CPACK_DEBIAN_SERVER_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION "net")
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-sqlite, adduser")
    set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        "${TANDEM_PACKAGING_DIR}/linux/debian-server/postinst"
        "${TANDEM_PACKAGING_DIR}/linux/debian-server/prerm"
        "${TANDEM_PACKAGING_DIR}/linux/debian-server/postrm"
        "${TANDEM_PACKAGING_DIR}/linux/debian-server/conffiles")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)
    string(CONCAT CPACK_COMPONENT_SERVER_DESCRIPTION
        "The server of the Tandem task manager without a window, for a NAS or a small server: the REST API, "
        "live sync and the web page, run by systemd as its own user.")
endif()

include(CPack)

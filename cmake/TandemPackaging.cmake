# Installation and packages. `cmake --install build/release --prefix /usr` installs;
# `cpack --config build/release/CPackConfig.cmake` (or `cd build/release && cpack`) packages:
# DEB and TGZ on Linux, a DragNDrop image on macOS, NSIS and ZIP on Windows.
include(GNUInstallDirs)

# The reverse-DNS id names the desktop file, the AppStream metainfo, the icon
# and the macOS bundle identifier (app/CMakeLists.txt).
set(TANDEM_APP_ID "io.github.tandem.Tandem")
set(TANDEM_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")

if(TARGET tandem)
    install(TARGETS tandem
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        BUNDLE DESTINATION .)

    if(UNIX AND NOT APPLE)
        install(FILES "${TANDEM_PACKAGING_DIR}/linux/${TANDEM_APP_ID}.desktop"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
        install(FILES "${TANDEM_PACKAGING_DIR}/linux/${TANDEM_APP_ID}.metainfo.xml"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
        install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/tandem.svg"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
            RENAME "${TANDEM_APP_ID}.svg")
    endif()

    # On macOS and Windows the package carries its own Qt (macdeployqt/windeployqt,
    # run by the script Qt generates). On Linux the package depends on the system Qt.
    if(APPLE OR WIN32)
        if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
            qt_generate_deploy_app_script(TARGET tandem OUTPUT_SCRIPT tandem_deploy_script
                NO_UNSUPPORTED_PLATFORM_ERROR)
        else()
            qt_generate_deploy_app_script(TARGET tandem FILENAME_VARIABLE tandem_deploy_script
                NO_UNSUPPORTED_PLATFORM_ERROR)
        endif()
        install(SCRIPT "${tandem_deploy_script}")
    endif()
endif()

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

if(APPLE)
    set(CPACK_GENERATOR "DragNDrop")
    set(CPACK_DMG_VOLUME_NAME "Tandem")
elseif(WIN32)
    set(CPACK_GENERATOR "NSIS;ZIP")
    set(CPACK_NSIS_DISPLAY_NAME "Tandem")
    set(CPACK_NSIS_PACKAGE_NAME "Tandem")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\tandem.exe")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
else()
    set(CPACK_GENERATOR "DEB;TGZ")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
    # The shared libraries tandem links (libqt6core6, libqt6widgets6, libqt6sql6,
    # libqt6network6, ...) come from dpkg-shlibdeps, which reads the binary.
    # Plugins are loaded at run time, so shlibdeps cannot see them: the SQLite
    # driver is needed always, the PostgreSQL driver for --database, the platform
    # plugins and the SVG icon engine for the window.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6svg6")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, qt6-qpa-plugins, qt6-wayland")
endif()

include(CPack)

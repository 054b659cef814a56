# What `cmake --install` puts where. Two components, one per package:
#   desktop  tandem, its desktop file, AppStream metainfo, icons and translations
#   server   tandem-server, its systemd unit and its options file
# A GUI build installs the desktop component; a TANDEM_GUI=OFF build the server
# one (TandemPackaging.cmake makes each into a package). Configure with
# -DCMAKE_INSTALL_PREFIX=/usr for a system install or a package: /etc is then
# /etc (GNUInstallDirs' special case), not /usr/etc.
include(GNUInstallDirs)

# The reverse-DNS id names the desktop file, the AppStream metainfo, the icon
# and the macOS bundle identifier.
set(TANDEM_APP_ID "io.github.tandem.Tandem")
set(TANDEM_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")

# Where translations (.qm) go: beside the binary's share/ on Linux, inside the
# bundle on macOS, next to the executable on Windows: where the app should load
# them from (TANDEM_INSTALL_TRANSLATIONSDIR; packaging/README.md).
if(APPLE)
    set(TANDEM_INSTALL_TRANSLATIONSDIR "tandem.app/Contents/Resources/translations")
elseif(WIN32)
    set(TANDEM_INSTALL_TRANSLATIONSDIR "${CMAKE_INSTALL_BINDIR}/translations")
else()
    set(TANDEM_INSTALL_TRANSLATIONSDIR "${CMAKE_INSTALL_DATADIR}/tandem/translations")
endif()

set(TANDEM_ICON_SIZES 16 22 24 32 48 64 128 256 512)

# The PNG icon sizes, rendered from the one SVG at build time (rsvg-convert,
# package librsvg2-bin). Menus and docks that do not draw SVG use these.
function(tandem_render_png_icons)
    find_program(TANDEM_RSVG_CONVERT rsvg-convert)
    if(NOT TANDEM_RSVG_CONVERT)
        message(WARNING "rsvg-convert not found (Debian: librsvg2-bin): installing only the scalable icon, "
                        "no PNG sizes")
        return()
    endif()
    set(svg "${PROJECT_SOURCE_DIR}/resources/icons/tandem.svg")
    set(pngs)
    foreach(size IN LISTS TANDEM_ICON_SIZES)
        set(png "${PROJECT_BINARY_DIR}/icons/${size}x${size}/${TANDEM_APP_ID}.png")
        add_custom_command(OUTPUT "${png}"
            COMMAND ${CMAKE_COMMAND} -E make_directory "${PROJECT_BINARY_DIR}/icons/${size}x${size}"
            COMMAND "${TANDEM_RSVG_CONVERT}" --width=${size} --height=${size} --keep-aspect-ratio
                    --output "${png}" "${svg}"
            DEPENDS "${svg}"
            COMMENT "Rendering the ${size}x${size} icon"
            VERBATIM)
        list(APPEND pngs "${png}")
        install(FILES "${png}"
            DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps"
            COMPONENT desktop)
    endforeach()
    add_custom_target(tandem_icons ALL DEPENDS ${pngs})
endfunction()

# The bundle's icon (tandem.app/Contents/Resources/tandem.icns), made on macOS
# from the SVG: rsvg-convert (brew install librsvg) renders the iconset and
# iconutil, which ships with macOS, packs it. Without rsvg-convert the bundle
# keeps the generic icon (a warning says so).
function(tandem_macos_icon)
    find_program(TANDEM_RSVG_CONVERT rsvg-convert)
    find_program(TANDEM_ICONUTIL iconutil)
    if(NOT TANDEM_RSVG_CONVERT OR NOT TANDEM_ICONUTIL)
        message(WARNING "rsvg-convert (brew install librsvg) or iconutil not found: tandem.app gets no icon")
        return()
    endif()
    set(svg "${PROJECT_SOURCE_DIR}/resources/icons/tandem.svg")
    set(iconset "${PROJECT_BINARY_DIR}/tandem.iconset")
    set(icns "${PROJECT_BINARY_DIR}/tandem.icns")
    set(commands COMMAND ${CMAKE_COMMAND} -E make_directory "${iconset}")
    foreach(size 16 32 128 256 512)
        math(EXPR double "${size} * 2")
        list(APPEND commands
            COMMAND "${TANDEM_RSVG_CONVERT}" -w ${size} -h ${size} -o "${iconset}/icon_${size}x${size}.png" "${svg}"
            COMMAND "${TANDEM_RSVG_CONVERT}" -w ${double} -h ${double} -o "${iconset}/icon_${size}x${size}@2x.png"
                    "${svg}")
    endforeach()
    add_custom_command(OUTPUT "${icns}" ${commands}
        COMMAND "${TANDEM_ICONUTIL}" -c icns -o "${icns}" "${iconset}"
        DEPENDS "${svg}" COMMENT "Making tandem.icns" VERBATIM)
    target_sources(tandem PRIVATE "${icns}")
    set_source_files_properties("${icns}" TARGET_DIRECTORY tandem PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    set_target_properties(tandem PROPERTIES MACOSX_BUNDLE_ICON_FILE tandem.icns)
endfunction()

# What windeployqt cannot see because Qt loads it at run time: libpq.dll (the
# PostgreSQL driver's client library) and OpenSSL 3 (the TLS backend). They go
# next to tandem.exe with the DLLs they link, found in their own folders
# (packaging/windows/build-installer.ps1 passes vcpkg's).
function(tandem_install_windows_extra_dlls)
    set(TANDEM_WINDOWS_EXTRA_DLLS "" CACHE STRING
        "DLLs to ship beside tandem.exe that windeployqt misses (libpq.dll, libssl-3-x64.dll, libcrypto-3-x64.dll)")
    if(NOT TANDEM_WINDOWS_EXTRA_DLLS)
        message(WARNING "TANDEM_WINDOWS_EXTRA_DLLS is empty: the installer will lack libpq (PostgreSQL) and OpenSSL")
        return()
    endif()
    # Quoted one by one: Windows folders may hold spaces.
    set(dlls "")
    set(dirs "")
    foreach(dll IN LISTS TANDEM_WINDOWS_EXTRA_DLLS)
        if(NOT EXISTS "${dll}")
            message(FATAL_ERROR "TANDEM_WINDOWS_EXTRA_DLLS names ${dll}, which does not exist")
        endif()
        get_filename_component(dir "${dll}" DIRECTORY)
        string(APPEND dlls " \"${dll}\"")
        string(APPEND dirs " \"${dir}\"")
    endforeach()
    install(CODE "
        file(GET_RUNTIME_DEPENDENCIES
            LIBRARIES ${dlls}
            DIRECTORIES ${dirs}
            RESOLVED_DEPENDENCIES_VAR tandem_dlls
            PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\"
            POST_EXCLUDE_REGEXES \"[Ss]ystem32\")
        file(INSTALL ${dlls} \${tandem_dlls}
            DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")"
        COMPONENT desktop)
endfunction()

# Every .qm file the build made (qt_add_translations / qt_add_lrelease with
# QM_FILES_OUTPUT_VARIABLE write them into the build tree), whichever target made
# it, so adding a language needs no change here. Tests and benchmarks are left out.
function(tandem_install_translations component)
    install(CODE "
        file(GLOB_RECURSE tandem_qm_files \"${PROJECT_BINARY_DIR}/*.qm\")
        list(FILTER tandem_qm_files EXCLUDE REGEX \"/(tests|bench|CMakeFiles|_CPack_Packages)/\")
        if(tandem_qm_files)
            file(INSTALL \${tandem_qm_files}
                DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${TANDEM_INSTALL_TRANSLATIONSDIR}\")
        endif()"
        COMPONENT ${component})
endfunction()

if(TARGET tandem)
    install(TARGETS tandem
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT desktop
        BUNDLE DESTINATION . COMPONENT desktop)
    tandem_install_translations(desktop)

    if(APPLE)
        # Info.plist with the local-network explanation macOS shows before the
        # sync server may answer phones on the LAN.
        set_target_properties(tandem PROPERTIES
            MACOSX_BUNDLE_INFO_PLIST "${TANDEM_PACKAGING_DIR}/macos/Info.plist.in")
        tandem_macos_icon()
    endif()

    if(UNIX AND NOT APPLE)
        install(FILES "${TANDEM_PACKAGING_DIR}/linux/${TANDEM_APP_ID}.desktop"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
        install(FILES "${TANDEM_PACKAGING_DIR}/linux/${TANDEM_APP_ID}.metainfo.xml"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT desktop)
        install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/tandem.svg"
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
            RENAME "${TANDEM_APP_ID}.svg" COMPONENT desktop)
        tandem_render_png_icons()
    endif()

    # On macOS and Windows the install carries its own Qt (macdeployqt or
    # windeployqt, run by the script Qt generates); see packaging/README.md.
    # On Linux packages depend on the system's Qt instead.
    if(APPLE OR WIN32)
        if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
            qt_generate_deploy_app_script(TARGET tandem OUTPUT_SCRIPT tandem_deploy_script
                NO_UNSUPPORTED_PLATFORM_ERROR)
        else()
            qt_generate_deploy_app_script(TARGET tandem FILENAME_VARIABLE tandem_deploy_script
                NO_UNSUPPORTED_PLATFORM_ERROR)
        endif()
        install(SCRIPT "${tandem_deploy_script}" COMPONENT desktop)
        if(WIN32)
            tandem_install_windows_extra_dlls()
        endif()
    endif()
endif()

# The headless server: a service on Linux (a hardened systemd unit, options in
# /etc/default/tandem-server); elsewhere just the executable.
if(TARGET tandem-server AND NOT TANDEM_GUI)
    install(TARGETS tandem-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
    if(UNIX AND NOT APPLE)
        set(TANDEM_SYSTEMD_UNITDIR "lib/systemd/system" CACHE STRING
            "Where the tandem-server unit goes, relative to the prefix")
        configure_file("${TANDEM_PACKAGING_DIR}/linux/tandem-server.service.in"
            "${PROJECT_BINARY_DIR}/packaging/tandem-server.service" @ONLY)
        install(FILES "${PROJECT_BINARY_DIR}/packaging/tandem-server.service"
            DESTINATION "${TANDEM_SYSTEMD_UNITDIR}" COMPONENT server)
        # A system install (prefix /usr, as packages are) puts it in /etc/default;
        # any other prefix keeps it under that prefix, so --prefix ~/.local works.
        if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
            set(defaults_dir "${CMAKE_INSTALL_FULL_SYSCONFDIR}/default")
        else()
            set(defaults_dir "${CMAKE_INSTALL_SYSCONFDIR}/default")
        endif()
        install(FILES "${TANDEM_PACKAGING_DIR}/linux/tandem-server.default"
            DESTINATION "${defaults_dir}" RENAME tandem-server COMPONENT server)
    endif()
endif()

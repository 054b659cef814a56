# Read by cpack (CPACK_PROJECT_CONFIG_FILE) for each generator, after
# CPackConfig.cmake: what may change between two cpack runs of one build.
#
# TANDEM_DEB_RELEASE=N  the Debian revision (the N in tandem_0.1.0-N_amd64.deb;
#                       default 1). The package test builds the "previous"
#                       package this way, to upgrade from it.
if(CPACK_GENERATOR STREQUAL "DEB" AND DEFINED ENV{TANDEM_DEB_RELEASE})
    if(NOT "$ENV{TANDEM_DEB_RELEASE}" MATCHES "^[0-9][0-9A-Za-z.+~]*$")
        message(FATAL_ERROR "TANDEM_DEB_RELEASE='$ENV{TANDEM_DEB_RELEASE}' is not a Debian revision "
                            "(a digit, then letters, digits and . + ~)")
    endif()
    set(CPACK_DEBIAN_PACKAGE_RELEASE "$ENV{TANDEM_DEB_RELEASE}")
endif()

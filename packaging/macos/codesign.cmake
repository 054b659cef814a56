# Run by cpack before it makes the .dmg (CPACK_PRE_BUILD_SCRIPTS, CMake >= 3.19):
# signs tandem.app in the staging folder, ad hoc unless CODESIGN_IDENTITY names
# a Developer ID. Apple silicon refuses unsigned code; a Developer ID signature
# plus notarization (xcrun notarytool) is what other Macs need to open it
# without a warning.
if(DEFINED ENV{CODESIGN_IDENTITY})
    set(identity "$ENV{CODESIGN_IDENTITY}")
else()
    set(identity "-")
endif()
file(GLOB_RECURSE bundles LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*.app")
list(FILTER bundles INCLUDE REGEX "\\.app$")
foreach(bundle IN LISTS bundles)
    execute_process(COMMAND codesign --force --deep --options runtime --timestamp=none --sign "${identity}" "${bundle}"
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "codesign failed on ${bundle}")
    endif()
endforeach()

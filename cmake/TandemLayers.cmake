# tandem_layer(<target> ALLOWS <layer>...)
#
# Makes the build refuse an #include "<layer>/..." in <target>'s sources unless
# <layer> is one of ALLOWS (its own folder and the layers below it). The check
# runs as part of building the target, again whenever one of its sources
# changes, so a wrong include fails the build with the file and line. Each core
# layer also links only the layers below it, so no symbol from above resolves.
function(tandem_layer target)
    cmake_parse_arguments(ARG "" "" "ALLOWS" ${ARGN})
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    set(files "")
    foreach(source IN LISTS sources)
        if(source MATCHES "\\.(cpp|h)$")
            if(NOT IS_ABSOLUTE "${source}")
                set(source "${source_dir}/${source}")
            endif()
            list(APPEND files "${source}")
        endif()
    endforeach()
    set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${target}.layer.stamp")
    string(REPLACE ";" "|" allowed "${ARG_ALLOWS}")
    string(REPLACE ";" "|" file_list "${files}")
    add_custom_command(OUTPUT "${stamp}"
        COMMAND ${CMAKE_COMMAND} "-DTARGET=${target}" "-DALLOWED=${allowed}" "-DFILES=${file_list}"
                "-DSTAMP=${stamp}" -P "${PROJECT_SOURCE_DIR}/cmake/CheckLayer.cmake"
        DEPENDS ${files} "${PROJECT_SOURCE_DIR}/cmake/CheckLayer.cmake"
        COMMENT "Checking the includes of ${target} (may use: ${ARG_ALLOWS})"
        VERBATIM)
    add_custom_target(${target}_layer_check DEPENDS "${stamp}")
    add_dependencies(${target} ${target}_layer_check)
endfunction()

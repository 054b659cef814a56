# tandem_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...] [ENGINES sqlite postgres]
#                 [TIMEOUT seconds] [GUI])
#
# One Qt Test binary per class or feature. With ENGINES, the binary is
# registered once per store engine (tst_x_sqlite, tst_x_postgres) and told
# which through TANDEM_TEST_ENGINE; the PostgreSQL run needs
# TANDEM_TEST_PG_URL (scripts/test provides it) and fails without it.
#
# A test that links tandem_ui is not built when TANDEM_GUI is OFF.
function(tandem_add_test name)
    cmake_parse_arguments(ARG "GUI" "TIMEOUT" "SOURCES;LIBS;LABELS;ENGINES" ${ARGN})
    if(NOT TANDEM_GUI AND ("tandem_ui" IN_LIST ARG_LIBS OR ARG_GUI))
        return()
    endif()
    qt_add_executable(${name} ${ARG_SOURCES})
    set_target_properties(${name} PROPERTIES MACOSX_BUNDLE OFF WIN32_EXECUTABLE OFF)
    target_link_libraries(${name} PRIVATE tandem_testsupport Qt6::Test tandem_policy ${ARG_LIBS})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set(environment "QT_QPA_PLATFORM=offscreen" "QT_LOGGING_RULES=tandem.*.info=false")
    if(ARG_ENGINES)
        foreach(engine IN LISTS ARG_ENGINES)
            add_test(NAME ${name}_${engine} COMMAND ${name})
            set_tests_properties(${name}_${engine} PROPERTIES
                ENVIRONMENT "${environment};TANDEM_TEST_ENGINE=${engine}"
                LABELS "${ARG_LABELS};${engine}"
                TIMEOUT ${ARG_TIMEOUT})
        endforeach()
    else()
        add_test(NAME ${name} COMMAND ${name})
        set_tests_properties(${name} PROPERTIES
            ENVIRONMENT "${environment}"
            LABELS "${ARG_LABELS}"
            TIMEOUT ${ARG_TIMEOUT})
    endif()
endfunction()

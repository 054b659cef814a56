# One INTERFACE target carries the project's compile policy; every target links it.
add_library(tandem_policy INTERFACE)
add_library(Tandem::Policy ALIAS tandem_policy)

target_compile_definitions(tandem_policy INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    TANDEM_VERSION="${PROJECT_VERSION}")

if(MSVC)
    target_compile_options(tandem_policy INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus)
    if(TANDEM_WARNINGS_AS_ERRORS)
        target_compile_options(tandem_policy INTERFACE /WX)
    endif()
else()
    target_compile_options(tandem_policy INTERFACE
        -Wall -Wextra -Wpedantic
        -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
        -Woverloaded-virtual -Wimplicit-fallthrough
        -Wformat=2 -Wmissing-declarations)
    if(TANDEM_WARNINGS_AS_ERRORS)
        target_compile_options(tandem_policy INTERFACE -Werror)
    endif()
    if(TANDEM_SANITIZE)
        target_compile_options(tandem_policy INTERFACE
            -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(tandem_policy INTERFACE -fsanitize=address,undefined)
    endif()
endif()

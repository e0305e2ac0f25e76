# Compiler settings shared by every target, linked PRIVATE so they never leak to users.
add_library(standard_warnings INTERFACE)
target_compile_options(standard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(APICAT_WERROR)
  target_compile_options(standard_warnings INTERFACE -Werror)
endif()

add_library(standard_settings INTERFACE)
if(APICAT_SANITIZE)
  target_compile_options(standard_settings INTERFACE
    -fsanitize=${APICAT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(standard_settings INTERFACE -fsanitize=${APICAT_SANITIZE})
endif()

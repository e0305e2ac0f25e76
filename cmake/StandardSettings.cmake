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
  if(APICAT_SANITIZE_EXCLUDE)
    # After -fsanitize, which would otherwise turn the excluded checks back on.
    target_compile_options(standard_settings INTERFACE -fno-sanitize=${APICAT_SANITIZE_EXCLUDE})
  endif()
endif()

# Precompiled headers. Nearly every file includes nlohmann/json and fmt, the CLI's files
# CLI11, the tests doctest and cpp-httplib: parsing those once per target rather than once per
# file shortens a clean build, which CI makes twice (the normal and the sanitized one). A
# target's PCH holds only what most of its files include anyway, so it changes no file's
# meaning. Off for tools that must see each file's own includes (include-what-you-use,
# clang-tidy).
option(APICAT_PCH "Precompile the heavy third-party headers of each target" ON)
function(apicat_precompile_headers target)
  if(APICAT_PCH)
    target_precompile_headers(${target} PRIVATE
      <algorithm> <functional> <map> <memory> <optional> <string> <string_view> <vector>
      <nlohmann/json.hpp> <fmt/format.h> ${ARGN})
  endif()
endfunction()

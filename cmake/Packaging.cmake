# What `cmake --install` and CPack's .deb put where: the binary, the completion script for
# each shell where that shell looks, and the man page. The scripts and the man page are
# made by the built binary from its own command tree, so they always match it.

include(GNUInstallDirs)

set(APICAT_GENERATED_DIR ${CMAKE_CURRENT_BINARY_DIR}/generated)
set(APICAT_GENERATED_FILES
    ${APICAT_GENERATED_DIR}/apicat.bash ${APICAT_GENERATED_DIR}/_apicat
    ${APICAT_GENERATED_DIR}/apicat.fish ${APICAT_GENERATED_DIR}/apicat.1)
add_custom_command(
  OUTPUT ${APICAT_GENERATED_FILES}
  COMMAND ${CMAKE_COMMAND} -DAPICAT=$<TARGET_FILE:apicat> -DOUTPUT_DIR=${APICAT_GENERATED_DIR}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  DEPENDS apicat ${CMAKE_CURRENT_SOURCE_DIR}/cmake/GenerateShellFiles.cmake
  COMMENT "Writing the completion scripts and the man page from apicat's command tree"
  VERBATIM)
add_custom_target(apicat_shell_files ALL DEPENDS ${APICAT_GENERATED_FILES})

install(TARGETS apicat RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${APICAT_GENERATED_DIR}/apicat.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME apicat)
install(FILES ${APICAT_GENERATED_DIR}/apicat.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
install(FILES ${APICAT_GENERATED_DIR}/apicat.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# zsh looks in share/zsh/site-functions under /usr/local and other prefixes, but Debian's zsh
# reads packages' completions from /usr/share/zsh/vendor-completions only; the prefix is known
# only at install time (CPack installs to a staging folder ending in /usr).
install(CODE "
  if(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr$\")
    set(zsh_folder share/zsh/vendor-completions)
  else()
    set(zsh_folder share/zsh/site-functions)
  endif()
  file(INSTALL \"${APICAT_GENERATED_DIR}/_apicat\"
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${zsh_folder}\")
")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME apicat)
set(CPACK_PACKAGE_VENDOR "apicat")
set(CPACK_PACKAGE_CONTACT "apicat maintainers <maintainers@apicat.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "secure an API with a Client ID and Secret, publish it, and prove who gets in")
set(CPACK_PACKAGE_DESCRIPTION
    "apicat adds Client ID and Client Secret security to OpenAPI drafts, publishes them in \
products to a local catalog, registers consumer apps, and calls or serves the APIs through a \
gateway that admits the right calls and refuses the others. Offline, from a terminal or CI.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://apicat.invalid")
# Depends: computed by dpkg-shlibdeps from the libraries the binary links (SQLite, OpenSSL,
# libfyaml, simdjson, fmt), so it names the Debian packages and versions it was built against;
# and libpq5, which apicat loads when a PostgreSQL store is opened (lib/store/libpq.hpp), so
# dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libpq5")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)

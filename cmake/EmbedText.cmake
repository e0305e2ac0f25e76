# Writes a C++ source defining `std::string_view NAME()` whose text is INPUT's, verbatim, as a
# raw string literal: the Explore page is edited as the HTML file it is, and the binary carries
# it, so that `gateway serve` needs no file beside it and works offline.
# Run as `cmake -DINPUT=... -DOUTPUT=... -DNAME=... -DNAMESPACE=... -P EmbedText.cmake`.
file(READ "${INPUT}" text)
set(delimiter "apicat_page")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains )${delimiter}\", which ends the raw string literal")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${NAME}'s source file by cmake/EmbedText.cmake: edit that file, not this.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${NAME}()\n{\n"
  "    return R\"${delimiter}(${text})${delimiter}\";\n}\n\n"
  "} // namespace ${NAMESPACE}\n")
# Only a changed text touches the source, so that nothing recompiles needlessly.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

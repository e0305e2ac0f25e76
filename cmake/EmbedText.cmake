# Writes a C++ source defining `std::string_view NAME()` whose text is INPUT's, verbatim, as raw
# string literals: the Explore page is edited as the HTML file it is, and the binary carries it,
# so that `gateway serve` needs no file beside it and works offline. The text is cut at line
# ends into literals of at most 60,000 bytes, joined once at run time: a literal longer than
# 65,536 is beyond what compilers must support (clang's -Woverlength-strings).
# Run as `cmake -DINPUT=... -DOUTPUT=... -DNAME=... -DNAMESPACE=... -P EmbedText.cmake`.
file(READ "${INPUT}" text)
set(delimiter "apicat_page")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains )${delimiter}\", which ends the raw string literal")
endif()
set(parts "")
string(LENGTH "${text}" left)
while(left GREATER 0)
  if(left GREATER 60000)
    string(SUBSTRING "${text}" 0 60000 head)
    string(FIND "${head}" "\n" line_end REVERSE)
    if(line_end EQUAL -1)
      message(FATAL_ERROR "${INPUT} has a line longer than 60,000 bytes")
    endif()
    math(EXPR cut "${line_end} + 1")
  else()
    set(cut ${left})
  endif()
  string(SUBSTRING "${text}" 0 ${cut} part)
  string(APPEND parts "        R\"${delimiter}(${part})${delimiter}\",\n")
  string(SUBSTRING "${text}" ${cut} -1 text)
  string(LENGTH "${text}" left)
endwhile()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${NAME}'s source file by cmake/EmbedText.cmake: edit that file, not this.\n"
  "#include <string>\n#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n\n"
  "std::string_view ${NAME}()\n{\n"
  "    static const std::string text = [] {\n"
  "        std::string joined;\n"
  "        for (const char* part : {\n${parts}        }) {\n"
  "            joined += part;\n"
  "        }\n"
  "        return joined;\n"
  "    }();\n"
  "    return text;\n}\n\n"
  "} // namespace ${NAMESPACE}\n")
# Only a changed text touches the source, so that nothing recompiles needlessly.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

#include "openapi/insertion_check.hpp"

#include "errors.hpp"
#include "openapi/same_document.hpp"

namespace apicat::openapi {

bool insertion_reads_as_expected(const Source& source, std::string_view patched,
                                 const Insertion& insertion)
{
    std::string text(patched.substr(insertion.begin, insertion.end - insertion.begin));
    if (insertion.kind == Insertion::Kind::json_member) {
        text = (insertion.expected.is_object() ? "{" : "[") + text +
               (insertion.expected.is_object() ? "}" : "]");
    }
    try {
        return same_document(parse_source(Source{source.file, std::move(text), source.syntax}),
                             insertion.expected);
    } catch (const Error&) {
        return false; // the full re-read decides, and says what is wrong
    }
}

} // namespace apicat::openapi

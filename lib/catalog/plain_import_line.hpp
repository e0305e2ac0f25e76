#pragma once

// The quick way through a line of `apicat app import`. Nearly every line of a large import is
// plain: one object of the four known keys, each once, whose strings are printable ASCII
// without escapes, and a list of {"product", "plan"} objects. Such a line is read here in one
// pass, about twenty times faster than building a JSON document of it; any other line (an
// escape, a number, UTF-8, a repeated or unknown key, a wrong shape or a syntax error) is left
// to the JSON parser, which reads it in full and words what is wrong with it.

#include "catalog/app_import.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::catalog {

// The members of one import line as given, before any of their values is checked.
struct GivenImportLine {
    std::optional<std::string> name;
    std::optional<std::string> client_id;
    std::optional<std::string> client_secret;
    std::vector<ImportedSubscription> subscriptions;
};

// The members of a plain line, just as the JSON parser would read them; nullopt when the line
// is not plain.
std::optional<GivenImportLine> read_plain_import_line(std::string_view text);

} // namespace apicat::catalog

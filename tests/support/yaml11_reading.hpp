#pragma once

// How YAML 1.1 readers read a scalar as written, for tests of what apicat writes. Kept apart
// from apicat's own rules (lib/openapi/scalar_resolve.cpp) and written from the readers' type
// regexps instead: YAML 1.1's (yaml.org/type, as PyYAML applies them), and what js-yaml's
// default schema and Ruby's Psych add to them.

#include <optional>
#include <string>
#include <string_view>

namespace apicat::test {

// The type a YAML 1.1 reader gives an untagged plain scalar: "str", or the first of "null",
// "bool", "int", "float", "timestamp", "merge", "value" that one of those readers gives it.
std::string yaml11_plain_type(std::string_view plain);

// The string a YAML 1.1 reader reads from one scalar as written (plain, 'single-quoted' or
// "double-quoted", on one line), or nullopt when it reads a plain scalar as another type.
std::optional<std::string> yaml11_string(std::string_view written);

} // namespace apicat::test

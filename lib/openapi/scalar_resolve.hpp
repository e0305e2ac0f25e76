#pragma once

// What an untagged plain YAML scalar means under the YAML 1.2 core schema, the schema that
// OpenAPI tools read documents with: null, a boolean, an integer, a float, or a string.

#include "json.hpp"

#include <string_view>

namespace apicat::openapi {

Json resolve_plain_scalar(std::string_view text);

bool resolves_as_string(std::string_view text);

// Whether a YAML 1.1 reader (PyYAML, js-yaml's default schema, Ruby's Psych: still the common
// ones) may take this plain scalar for something other than a string: a boolean or null in any
// case (`yes`, `OFF`, `Null`), a number as YAML 1.1 writes them (`0777`, `0b101`, `1_000`,
// `1:20`, `1.`, `.inf`), a date or timestamp (`2019-01-01`, `2017-10-23T02:33:30Z`), the merge
// key `<<` or the value key `=`. Many of these are strings in YAML 1.2; written strings that
// match are quoted.
bool is_yaml11_special(std::string_view text);

} // namespace apicat::openapi

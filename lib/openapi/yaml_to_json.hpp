#pragma once

// YAML text read straight into JSON: plain scalars resolved by the YAML 1.2 core schema,
// quoted ones kept as strings, key order kept, anchors and aliases expanded.
//
// It listens to libfyaml's parser events instead of building a node tree first: on large
// drafts (GitHub's REST description is 10 MB of YAML) a tree costs more than the parsing.

#include "json.hpp"

#include <string>
#include <string_view>

namespace apicat::openapi {

// Throws apicat::Error naming file:line:column for malformed YAML, duplicate or non-scalar
// keys, no document, or more than one document.
Json yaml_to_json(std::string_view text, const std::string& file);

} // namespace apicat::openapi

#pragma once

// Local references in a document: `$ref: '#/definitions/Pet'` and the like, a JSON pointer
// in a URI fragment (RFC 6901 section 6: percent-encoded, `~1` for "/", `~0` for "~").

#include "json.hpp"

#include <string>

namespace apicat::openapi {

// What `reference` points to in `document`; nullptr when it is not local ("other.yaml#/X")
// or leads nowhere.
const Json* local_ref_target(const Json& document, const std::string& reference);

// `node` itself, or what its `$ref` points to; nullptr when that reference leads nowhere.
const Json* resolved(const Json& document, const Json& node);

} // namespace apicat::openapi

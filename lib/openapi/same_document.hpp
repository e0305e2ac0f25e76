#pragma once

// Whether two documents mean the same, as the editor checks its patches: == but for NaN,
// which YAML writes as .nan and which == finds equal to nothing, itself included, so that a
// draft holding one would fail every check and be re-emitted at each edit.

#include "json.hpp"

namespace apicat::openapi {

bool same_document(const Json& a, const Json& b);

} // namespace apicat::openapi

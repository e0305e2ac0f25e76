#pragma once

// The answer of a `mock:` upstream: the operation's first success response, with its
// example as the body (OpenAPI 2 `examples`, OpenAPI 3 `example` or `examples`).

#include "gateway/engine.hpp"
#include "openapi/draft.hpp"

namespace apicat::gateway {

Answer mock_response(const openapi::Draft& draft, const openapi::Operation& operation);

} // namespace apicat::gateway

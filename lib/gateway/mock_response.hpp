#pragma once

// The answer of a `mock:` upstream, from the operation's documented responses, as Prism
// mocks them: the first success response (or the one the call's `Prefer: code=404` asks
// for), with its example as the body (OpenAPI 2 `examples`, OpenAPI 3 `example`, or the
// `examples` entry `Prefer: example=NAME` names, else the first), or else a body generated
// from its schema (gateway/schema_sample.hpp). The Content-Type is the media type the body is
// in: the example's, or for a generated body the first JSON one of the operation's (else the
// document's) `produces` in 2.0, of the response's `content` in 3.x. A response without an
// example or schema, and a 204, 304 or 1xx, has no body and no Content-Type. The headers the
// response documents go with it, each with its example or a sample of its schema.

#include "gateway/engine.hpp"
#include "http/message.hpp"
#include "openapi/draft.hpp"

#include <vector>

namespace apicat::gateway {

Answer mock_response(const openapi::Draft& draft, const openapi::Operation& operation,
                     const std::vector<http::Header>& request_headers);

} // namespace apicat::gateway

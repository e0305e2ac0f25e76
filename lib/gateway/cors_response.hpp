#pragma once

// The CORS fields of one response of an API with CORS enabled (docs/gateway.md, "CORS"): the
// engine says what they are when it decides, and they go on whatever the call gets, an answer
// of the gateway or the upstream's response as a front end relays it.

#include "http/message.hpp"

#include <string>
#include <vector>

namespace apicat::gateway {

// The headers the gateway itself may send, which a page may read only when they are listed in
// Access-Control-Expose-Headers: the rate-limit fields of a 429 and of a soft limit passed.
// API Connect's gateway lists its own in the same place (X-RateLimit-Limit,
// X-RateLimit-Remaining, and names of headers apicat does not send).
inline constexpr const char* gateway_exposed_headers =
    "X-RateLimit-Name, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Exceeded, "
    "Retry-After";

struct CorsResponse {
    // The caller's Origin, when the API accepts it; empty when the call is not cross-origin
    // (no Origin, or the gateway's own): then the response says only that it varies by Origin.
    std::string allow_origin;
    bool allow_credentials = false;
    std::string expose_headers;  // the gateway's part of Access-Control-Expose-Headers
    bool expose_backend = false; // the upstream's own Access-Control-Expose-Headers joins it
};

// Puts `cors` on a response's fields. The Access-Control-* fields already there (an upstream's,
// a mock's) are dropped: for an API with CORS enabled, the gateway answers for it, and two
// Access-Control-Allow-Origin fields would make the browser refuse the response. The
// upstream's Access-Control-Expose-Headers is kept in the gateway's when `expose_backend`.
// `Vary: Origin` is added unless a Vary field names Origin or `*` already.
void apply_cors(const CorsResponse& cors, std::vector<http::Header>& headers);

} // namespace apicat::gateway

#pragma once

// What the gateway adds to what a forwarded call gets, in both front ends alike (in-process
// `apicat invoke` and `gateway serve`): the upstream's response as it is relayed, or the
// gateway's own 502 or 504 when the upstream gave none.

#include "gateway/answers.hpp"
#include "gateway/engine.hpp"
#include "http/message.hpp"
#include "http/transport_failure.hpp"

#include <string>
#include <vector>

namespace apicat::gateway {

// Adds the engine's fields (Forward::response_headers) and the CORS fields (Forward::cors) to
// the upstream's response fields, as relayed.
void add_gateway_fields(const Forward& forward, std::vector<http::Header>& headers);

// The answer to a forwarded call whose upstream gave no usable response
// (upstream_failure_answer, naming the upstream's host), with the same fields: a page reads a
// 502 as it reads any response of the API.
Answer failed_forward_answer(const Forward& forward, http::TransportFailure failure,
                             const std::string& detail);

} // namespace apicat::gateway

#pragma once

// One request over HTTP/1.1, plain or TLS, on a connection from the thread's keep-alive pool
// when one is idle, within the request's timeout: the event-driven client under both
// `gateway serve` and the blocking http::Client (http/client.hpp). The request's headers go as
// they are; for the gateway, the engine applied the forwarding policy
// (gateway/forwarding.hpp) when it made them.

#include "http/message.hpp"
#include "http/transport_failure.hpp"
#include "http/upstream_pool.hpp"

#include <functional>
#include <optional>
#include <string>

namespace apicat::http {

struct UpstreamOutcome {
    // As received, when one arrived in time. For a HEAD request the body is empty and
    // Content-Length, if any, tells the length a GET would have had.
    std::optional<Response> response;
    // When no response arrived: which failure, and in words ("connection refused").
    TransportFailure failure_kind = TransportFailure::other;
    std::string failure;
};

// Starts the exchange on the thread running `pool`'s io_context, and returns. `done` runs
// there, exactly once.
void call_upstream(UpstreamPool& pool, const Request& request,
                   std::function<void(UpstreamOutcome)> done);

} // namespace apicat::http

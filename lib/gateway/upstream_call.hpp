#pragma once

// Carrying out a Forward: one request to an upstream over HTTP/1.1, plain or TLS, on a
// connection from the thread's keep-alive pool when one is idle, within the Forward's timeout.

#include "gateway/engine.hpp"
#include "gateway/upstream_pool.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <functional>
#include <optional>
#include <string>

namespace apicat::gateway {

using UpstreamResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct UpstreamOutcome {
    // As received, when one arrived in time. For a HEAD request the body is empty and
    // Content-Length, if any, tells the length a GET would have had.
    std::optional<UpstreamResponse> response;
    bool timed_out = false;
    std::string failure; // what went wrong, when no response arrived: "connection refused"
};

// Starts the exchange on the thread running `pool`'s io_context, and returns. `done` runs
// there, exactly once.
void call_upstream(UpstreamPool& pool, const Forward& forward,
                   std::function<void(UpstreamOutcome)> done);

} // namespace apicat::gateway

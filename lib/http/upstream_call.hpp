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
#include <memory>
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

// Who ends an exchange that has taken longer than its request's timeout: the exchange itself,
// with a timer of its own, or the caller, which has a timer running anyway and calls
// time_out() on the exchange (gateway/server_session.cpp: arming and cancelling a timer for
// every call took a lock twice and a handler's run through the event loop).
enum class Deadline { own_timer, caller };

// An exchange under way, for its caller to end.
class UpstreamExchange {
public:
    virtual ~UpstreamExchange() = default;
    // As when its own timer would have fired: `done` gets a timeout, unless it has run already.
    virtual void time_out() = 0;
};

// Starts the exchange on the thread running `pool`'s io_context, and returns it (null for a
// URL the client does not take). `done` runs there, exactly once. The exchange keeps itself
// alive until then: holding it is not needed, and a caller that `done` keeps alive holds it
// weakly.
std::shared_ptr<UpstreamExchange> call_upstream(UpstreamPool& pool, const Request& request,
                                                std::function<void(UpstreamOutcome)> done,
                                                Deadline deadline = Deadline::own_timer);

} // namespace apicat::http

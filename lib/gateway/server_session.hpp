#pragma once

// One client connection to the gateway: read a request, decide, answer or forward, write the
// response, and again while the client keeps the connection alive. A request the gateway
// cannot read gets a 4xx and the connection is closed.

#include "gateway/server.hpp"
#include "http/upstream_pool.hpp"

#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstddef>
#include <unordered_set>

namespace apicat::gateway {

// What every session of a server shares, read-only.
struct SessionSettings {
    Decider decide;
    RequestLogger log;
    std::chrono::milliseconds request_timeout;
    std::size_t header_limit;
    std::size_t body_limit;
};

class ServerSession;

// The sessions of one server thread, so that stopping can reach them. Used on that thread only.
class SessionRegistry {
public:
    void add(ServerSession* session) { sessions_.insert(session); }
    void remove(ServerSession* session) { sessions_.erase(session); }

    bool stopping() const { return stopping_; }
    // Closes idle connections; the others close once their response is written.
    void stop_all();

private:
    std::unordered_set<ServerSession*> sessions_;
    bool stopping_ = false;
};

// Serves `socket` until the client leaves, on the thread that runs `pool`'s io_context.
void start_session(http::LoopSocket socket, const SessionSettings& settings,
                   http::UpstreamPool& pool, SessionRegistry& registry);

} // namespace apicat::gateway

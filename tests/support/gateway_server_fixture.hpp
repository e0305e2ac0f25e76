#pragma once

// What the tests of gateway::Server share: a server on a port the OS picks, deciders that
// forward everything or answer at once, and requests to it with http::Client
// (http_exchange.hpp).

#include "gateway/server.hpp"
#include "http/client.hpp"
#include "support/http_exchange.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace apicat::test {

inline gateway::ServerOptions test_options()
{
    using namespace std::chrono_literals;
    gateway::ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.request_timeout = 2s;
    options.shutdown_grace = 500ms;
    return options;
}

inline std::string gateway_url(const gateway::Server& server, const std::string& target)
{
    return "http://127.0.0.1:" + std::to_string(server.port()) + target;
}

// Forwards every request as it came, its target appended to `base`.
inline gateway::Decider forward_to(std::string base,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(2))
{
    return [base = std::move(base), timeout](const gateway::Request& request) {
        gateway::Forward forward;
        forward.request.method = request.method;
        forward.request.url = base + request.target;
        forward.request.headers = request.headers;
        forward.request.body = request.body;
        forward.request.timeout = timeout;
        return gateway::Decision{forward, "test-app", {}};
    };
}

inline gateway::Decision answer_ok(const gateway::Request&)
{
    gateway::Answer answer;
    answer.body = "ok";
    return {answer, "", {}};
}

} // namespace apicat::test

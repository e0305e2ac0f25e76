#pragma once

// `apicat gateway serve`'s HTTP/1.1 listener. It turns each request into a gateway::Request,
// asks a decider (the engine, or a stand-in in tests) what to do, and writes the Answer or
// carries out the Forward against the upstream, relaying what comes back.
//
// One thread per core, each with its own event loop, its own listening socket on the same
// address (SO_REUSEPORT: the kernel spreads connections) and its own keep-alive pool of
// upstream connections, so threads share nothing but the decider (docs/gateway.md).
// Asio and Beast stay out of this header.

#include "gateway/engine.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace apicat::gateway {

// Called on the server's threads, concurrently: it must be thread-safe. An exception it throws
// becomes a 500 for that request.
using Decider = std::function<Decision(const Request&)>;

// What one exchange looked like, for the request log. Never a header value or a query string:
// they may carry credentials.
struct RequestLog {
    std::string method;
    std::string path; // the target without its query string
    int status = 0;
    std::string app; // the calling app, when the decider identified one
    CallFacts facts; // what the call reached, as the decider said
    // From the request read to the response ready to be written, the upstream's part included.
    std::chrono::microseconds latency{0};
    // Time spent on the upstream, for a forwarded request.
    std::optional<std::chrono::microseconds> upstream_time;
    // Why the gateway itself failed the exchange: a request it would not read, an upstream it
    // could not reach, an engine failure.
    std::string error;
};

// Called on the server's threads, concurrently, once per response sent. The entry is the
// logger's to keep: it may move what it keeps out of it rather than copy it.
using RequestLogger = std::function<void(RequestLog&& entry)>;

struct ServerOptions {
    std::string host = "127.0.0.1"; // an IP address or a name to resolve
    std::uint16_t port = 9080;      // 0: the OS picks one; see Server::port()
    unsigned threads = 0;           // 0: one per core
    // How long a client may take to send a request, or stay idle between two.
    std::chrono::milliseconds request_timeout{30000};
    std::size_t header_limit = 16 * 1024;           // larger: 431
    std::size_t body_limit = 10 * 1024 * 1024;      // larger: 413
    std::chrono::milliseconds shutdown_grace{5000}; // for in-flight exchanges on stop()
};

class Server {
public:
    // Listens and starts serving at once. Throws apicat::Error when it cannot listen ("cannot
    // listen on 127.0.0.1:9080: address already in use").
    Server(ServerOptions options, Decider decide, RequestLogger log = {});
    // Stops, as stop() does.
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The port listened on: the OS's choice when the options asked for port 0.
    std::uint16_t port() const;

    // Stops accepting, lets exchanges in flight finish for up to the shutdown grace, then
    // closes everything and joins the threads. Idempotent; from any thread but the server's.
    void stop();

    // Blocks until SIGINT or SIGTERM arrives, then stops.
    void serve_until_signal();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace apicat::gateway

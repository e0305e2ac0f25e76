#pragma once

// A TCP server on 127.0.0.1, on a port the OS picks, that does to each connection what the
// test says: for upstreams that misbehave as no HTTP server library would (answer garbage,
// reset the connection halfway, never answer) and for clients that do (raw_exchange).

#include <atomic>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace apicat::test {

class RawServer {
public:
    // Runs on a thread of its own for each connection; the server closes the socket after.
    using Behaviour = std::function<void(int socket)>;

    explicit RawServer(Behaviour behaviour);
    // Shuts down the connections still open (a behaviour blocked reading them returns) and
    // joins every thread.
    ~RawServer();
    RawServer(const RawServer&) = delete;
    RawServer& operator=(const RawServer&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path) const;

    // How many connections were accepted so far.
    int connections() const { return accepted_.load(); }

private:
    void accept_loop();

    Behaviour behaviour_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> accepted_{0};
    std::mutex mutex_;
    std::set<int> open_;
    std::vector<std::thread> handlers_;
    std::thread acceptor_;
};

// Reads from `socket` until the end of an HTTP request head ("\r\n\r\n") or of the stream;
// what was read.
std::string read_request_head(int socket);

// Makes closing `socket` send a TCP reset instead of a clean end of stream.
void reset_on_close(int socket);

// Connects to 127.0.0.1:`port`, sends `bytes`, and reads until the server closes the
// connection or `timeout_ms` pass without a byte; what came back.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 2000);

} // namespace apicat::test

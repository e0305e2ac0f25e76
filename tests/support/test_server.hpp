#pragma once

// A real HTTP server (cpp-httplib) on 127.0.0.1, on a port the OS picks, serving on its own
// thread for the lifetime of one test. Declare it before the clients that call it: a client
// still holding a keep-alive connection delays stop().

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace apicat::test {

class TestServer {
public:
    explicit TestServer(const std::function<void(httplib::Server&)>& routes)
    {
        routes(server_);
        server_.set_keep_alive_timeout(1);
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // A stop() that comes before the accept loop starts is lost, and join() would hang.
        while (!server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~TestServer()
    {
        server_.stop();
        thread_.join();
    }
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

private:
    httplib::Server server_;
    int port_ = 0;
    std::thread thread_;
};

} // namespace apicat::test

#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "gateway/server.hpp"
#include "gateway/server_catalog.hpp"
#include "http/client.hpp"
#include "store/sqlite_store.hpp"
#include "support/gateway_server_fixture.hpp"
#include "support/ports.hpp"
#include "support/raw_server.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
namespace gateway = apicat::gateway;
namespace http = apicat::http;
using apicat::test::answer_ok;
using apicat::test::closed_port;
using apicat::test::forward_to;
using apicat::test::gateway_url;
using apicat::test::raw_exchange;
using apicat::test::request_to;
using apicat::test::test_options;
using apicat::test::TestServer;
using apicat::test::values;

namespace {

// A self-signed certificate for localhost and 127.0.0.1, valid from 2000 to 2100, with its key.
constexpr const char* test_certificate = R"(-----BEGIN CERTIFICATE-----
MIIBaDCCAQ2gAwIBAgIBATAKBggqhkjOPQQDAjAUMRIwEAYDVQQDDAlsb2NhbGhv
c3QwIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBQxEjAQBgNVBAMM
CWxvY2FsaG9zdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABGcOoqJDJScKZgex
DCw2h11evXVbu6FxVQlTDGPJ0wVIAk7AF7iRJYftX8vV4uZyptcMBrbyCLjU/cqf
/Z17kRijTjBMMA8GA1UdEwEB/wQFMAMBAf8wGgYDVR0RBBMwEYIJbG9jYWxob3N0
hwR/AAABMB0GA1UdDgQWBBRMn2idrgjXS/1FZ3PpnOJd8II4RTAKBggqhkjOPQQD
AgNJADBGAiEAsYknCQOHLwPZcmlPnNe/0UY5MXPZDqTYR7Xf96JQCy8CIQCOfBqY
dUv0C82zuMN639dgECJlGP4apIxt2kyrTuFmKg==
-----END CERTIFICATE-----
)";
constexpr const char* test_key = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbFov5sVNqE1ocNTd
NpCElXdrIjwX8UKRYDAL+fY3X5WhRANCAARnDqKiQyUnCmYHsQwsNoddXr11W7uh
cVUJUwxjydMFSAJOwBe4kSWH7V/L1eLmcqbXDAa28gi41P3Kn/2de5EY
-----END PRIVATE KEY-----
)";

// An https server on 127.0.0.1 with the test certificate, answering GET /secure.
class TlsTestServer {
public:
    explicit TlsTestServer(const apicat::test::ScratchDir& scratch)
        : server_(scratch.write("server.pem", test_certificate).c_str(),
                  scratch.write("server.key", test_key).c_str())
    {
        REQUIRE(server_.is_valid());
        server_.Get("/secure", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("over tls", "text/plain");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        REQUIRE(port_ > 0);
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~TlsTestServer()
    {
        server_.stop();
        thread_.join();
    }
    TlsTestServer(const TlsTestServer&) = delete;
    TlsTestServer& operator=(const TlsTestServer&) = delete;

    int port() const { return port_; }

private:
    httplib::SSLServer server_;
    int port_ = 0;
    std::thread thread_;
};

// Points OpenSSL's default trust store (what the gateway loads) at one file, for one test.
class TrustedCertificates {
public:
    explicit TrustedCertificates(const std::filesystem::path& file)
    {
        if (const char* value = std::getenv("SSL_CERT_FILE")) {
            saved_ = value;
        }
        ::setenv("SSL_CERT_FILE", file.c_str(), 1);
    }
    ~TrustedCertificates()
    {
        if (saved_) {
            ::setenv("SSL_CERT_FILE", saved_->c_str(), 1);
        } else {
            ::unsetenv("SSL_CERT_FILE");
        }
    }
    TrustedCertificates(const TrustedCertificates&) = delete;
    TrustedCertificates& operator=(const TrustedCertificates&) = delete;

private:
    std::optional<std::string> saved_;
};

} // namespace

TEST_CASE("gateway server writes an answer as is and logs no query string")
{
    std::mutex mutex;
    gateway::Request seen;
    std::vector<gateway::RequestLog> logged;
    gateway::Server server(
        test_options(),
        [&](const gateway::Request& request) {
            std::lock_guard lock(mutex);
            seen = request;
            gateway::Answer answer{201,
                                   "Made",
                                   {{"X-One", "1"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}},
                                   "{\"made\":true}"};
            return gateway::Decision{answer, "weather-app", {}};
        },
        [&](gateway::RequestLog&& entry) {
            std::lock_guard lock(mutex);
            logged.push_back(entry);
        });
    http::Client client;
    auto request = request_to(gateway_url(server, "/sandbox/things?secret=s3"), "post");
    request.headers = {{"X-Client", "abc"}, {"Content-Type", "text/plain"}};
    request.body = "hello";
    const http::Response response = client.send(request);

    CHECK(response.status == 201);
    CHECK(response.reason == "Made");
    CHECK(response.body == "{\"made\":true}");
    CHECK(values(response, "X-One") == std::vector<std::string>{"1"});
    CHECK(values(response, "Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
    CHECK(values(response, "Content-Length") == std::vector<std::string>{"13"});

    std::lock_guard lock(mutex);
    CHECK(seen.method == "POST");
    CHECK(seen.target == "/sandbox/things?secret=s3");
    CHECK(seen.body == "hello");
    bool has_client_header = false;
    for (const auto& header : seen.headers) {
        has_client_header =
            has_client_header || (header.name == "X-Client" && header.value == "abc");
    }
    CHECK(has_client_header);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0].method == "POST");
    CHECK(logged[0].path == "/sandbox/things");
    CHECK(logged[0].status == 201);
    CHECK(logged[0].app == "weather-app");
    CHECK_FALSE(logged[0].upstream_time.has_value());
}

TEST_CASE("gateway server forwards a request and relays the upstream's response unchanged")
{
    std::mutex mutex;
    httplib::Request received;
    TestServer upstream([&](httplib::Server& s) {
        s.Put("/orders/7", [&](const httplib::Request& req, httplib::Response& res) {
            {
                std::lock_guard lock(mutex);
                received = req;
            }
            res.status = 202;
            res.set_header("X-Upstream", "yes");
            res.set_header("Set-Cookie", "u=1");
            res.set_header("Set-Cookie", "v=2");
            res.set_content("{\"accepted\":7}", "application/json");
        });
    });
    std::vector<gateway::RequestLog> logged;
    gateway::Server server(test_options(), forward_to(upstream.url("")),
                           [&](gateway::RequestLog&& entry) {
                               std::lock_guard lock(mutex);
                               logged.push_back(entry);
                           });
    http::Client client;
    auto request = request_to(gateway_url(server, "/orders/7?rush=1&size=large"), "PUT");
    request.headers = {{"X-Order", "blue"}, {"Content-Type", "text/plain"}};
    request.body = "two pizzas";
    const http::Response response = client.send(request);

    CHECK(response.status == 202);
    CHECK(response.reason == "Accepted");
    CHECK(response.body == "{\"accepted\":7}");
    CHECK(values(response, "X-Upstream") == std::vector<std::string>{"yes"});
    CHECK(values(response, "Set-Cookie") == std::vector<std::string>{"u=1", "v=2"});
    CHECK(values(response, "Content-Type") == std::vector<std::string>{"application/json"});

    std::lock_guard lock(mutex);
    CHECK(received.method == "PUT");
    CHECK(received.path == "/orders/7");
    CHECK(received.get_param_value("rush") == "1");
    CHECK(received.get_param_value("size") == "large");
    CHECK(received.get_header_value("X-Order") == "blue");
    CHECK(received.get_header_value("Host") == "127.0.0.1:" + std::to_string(upstream.port()));
    CHECK(received.body == "two pizzas");
    REQUIRE(logged.size() == 1);
    CHECK(logged[0].app == "test-app");
    CHECK(logged[0].upstream_time.has_value());
}

TEST_CASE("gateway server relays a HEAD response's length without a body")
{
    TestServer upstream([](httplib::Server& s) {
        s.Get("/file", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(1000, 'x'), "text/plain");
        });
    });
    gateway::Server server(test_options(), forward_to(upstream.url("")));
    http::Client client;
    const http::Response head = client.send(request_to(gateway_url(server, "/file"), "HEAD"));
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(values(head, "Content-Length") == std::vector<std::string>{"1000"});
    // The connection is still in step: the next response is read whole.
    const http::Response get = client.send(request_to(gateway_url(server, "/file")));
    CHECK(get.body.size() == 1000);
}

TEST_CASE("gateway server forwards to an https upstream whose certificate it trusts")
{
    apicat::test::ScratchDir scratch;
    TrustedCertificates trusted(scratch.write("trusted.pem", test_certificate));
    TlsTestServer upstream(scratch);
    gateway::Server server(test_options(),
                           forward_to("https://localhost:" + std::to_string(upstream.port())));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/secure")));
    CHECK(response.status == 200);
    CHECK(response.body == "over tls");
}

TEST_CASE("gateway server answers 502 for an https upstream with an untrusted certificate")
{
    apicat::test::ScratchDir scratch;
    TrustedCertificates trusted(scratch.write("none.pem", ""));
    TlsTestServer upstream(scratch);
    gateway::Server server(test_options(),
                           forward_to("https://localhost:" + std::to_string(upstream.port())));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/secure")));
    CHECK(response.status == 502);
    CHECK(response.body.find("certificate verify failed") != std::string::npos);
}

TEST_CASE("gateway server answers 502 when the upstream refuses the connection")
{
    const int port = closed_port();
    gateway::Server server(test_options(), forward_to("http://127.0.0.1:" + std::to_string(port)));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/x")));
    CHECK(response.status == 502);
    CHECK(response.body.find("127.0.0.1") != std::string::npos);
    CHECK(response.body.find("connection refused") != std::string::npos);
}

TEST_CASE("gateway server answers 504 when the upstream is slower than the forward's timeout")
{
    TestServer upstream([](httplib::Server& s) {
        s.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
            std::this_thread::sleep_for(600ms);
            res.set_content("late", "text/plain");
        });
    });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 300ms));
    http::Client client;
    // The upstream would answer 200 after 600 ms: a 504 means the 300 ms timeout cut it off.
    const http::Response response = client.send(request_to(gateway_url(server, "/slow")));
    CHECK(response.status == 504);
}

TEST_CASE("gateway server keeps one connection alive to the client and one to the upstream")
{
    std::mutex mutex;
    std::vector<int> upstream_ports;
    TestServer upstream([&](httplib::Server& s) {
        s.Get("/ping", [&](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mutex);
            upstream_ports.push_back(req.remote_port);
            res.set_content("pong", "text/plain");
        });
    });
    gateway::Server server(test_options(), forward_to(upstream.url("")));
    http::Client client;
    CHECK(client.send(request_to(gateway_url(server, "/ping"))).body == "pong");
    CHECK(client.send(request_to(gateway_url(server, "/ping"))).body == "pong");
    std::lock_guard lock(mutex);
    REQUIRE(upstream_ports.size() == 2);
    CHECK(upstream_ports[0] == upstream_ports[1]);
}

TEST_CASE("gateway server refuses an oversized header with 431 and keeps serving")
{
    gateway::Server server(test_options(), answer_ok);
    http::Client client;
    auto request = request_to(gateway_url(server, "/big"));
    request.headers = {{"X-Big", std::string(20000, 'a')}};
    const http::Response refused = client.send(request);
    CHECK(refused.status == 431);
    CHECK(values(refused, "Connection") == std::vector<std::string>{"close"});
    http::Client another;
    CHECK(another.send(request_to(gateway_url(server, "/small"))).status == 200);
}

TEST_CASE("gateway server refuses an oversized body with 413 and keeps serving")
{
    auto options = test_options();
    options.body_limit = 1024;
    gateway::Server server(options, answer_ok);
    http::Client client;
    auto request = request_to(gateway_url(server, "/upload"), "POST");
    request.body = std::string(4096, 'b');
    CHECK(client.send(request).status == 413);
    CHECK(client.send(request_to(gateway_url(server, "/small"))).status == 200);
}

TEST_CASE("gateway server answers a malformed request line with 400 and keeps serving")
{
    gateway::Server server(test_options(), answer_ok);
    const std::string reply = raw_exchange(server.port(), "GARBAGE\r\n\r\n");
    CHECK(reply.starts_with("HTTP/1.1 400"));
    CHECK(reply.find("httpCode") != std::string::npos);
    CHECK(raw_exchange(server.port(), "GET /fine HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
              .starts_with("HTTP/1.1 200"));
}

TEST_CASE("gateway server stops, also with an idle keep-alive connection open")
{
    gateway::Server server(test_options(), answer_ok);
    http::Client client;
    CHECK(client.send(request_to(gateway_url(server, "/"))).status == 200);
    server.stop(); // returns although a keep-alive connection is still open
    CHECK_THROWS_AS(client.send(request_to(gateway_url(server, "/"))), http::TransportError);
}

TEST_CASE("gateway server cannot listen on a port another server listens on")
{
    gateway::Server first(test_options(), answer_ok);
    auto options = test_options();
    options.port = first.port();
    try {
        gateway::Server second(options, answer_ok);
        FAIL("the second server listened");
    } catch (const apicat::Error& error) {
        CHECK(std::string(error.what()) ==
              "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                  ": address already in use");
        CHECK_FALSE(error.hint().empty());
    }
}

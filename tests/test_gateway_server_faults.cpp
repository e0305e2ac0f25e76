// gateway::Server against upstreams that fail in the ways real ones do, and clients that hold
// connections without finishing a request. Every fault gets a defined answer, and the server
// keeps serving after it.

#include "gateway/server.hpp"
#include "http/client.hpp"
#include "support/gateway_server_fixture.hpp"
#include "support/raw_server.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
namespace gateway = apicat::gateway;
namespace http = apicat::http;
using apicat::test::answer_ok;
using apicat::test::forward_to;
using apicat::test::gateway_url;
using apicat::test::RawServer;
using apicat::test::read_request_head;
using apicat::test::request_to;
using apicat::test::test_options;
using apicat::test::TestServer;

namespace {

std::string response_information(const http::Response& response)
{
    return nlohmann::json::parse(response.body).value("moreInformation", "");
}

void send_once(int socket, const std::string& text)
{
    ::send(socket, text.data(), text.size(), MSG_NOSIGNAL);
}

// A connection to the gateway that sends the start of a request and never finishes it.
class SlowClient {
public:
    explicit SlowClient(int port)
        : socket_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        REQUIRE(socket_ >= 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        REQUIRE(::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        send_once(socket_, "GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    }
    ~SlowClient() { ::close(socket_); }
    SlowClient(const SlowClient&) = delete;
    SlowClient& operator=(const SlowClient&) = delete;

    // Sends one more header byte every 50 ms until the server closes the connection, for at
    // most `bytes` bytes; whether the server closed it.
    bool trickle_until_closed(int bytes)
    {
        for (int i = 0; i < bytes; ++i) {
            std::this_thread::sleep_for(50ms);
            if (::send(socket_, "x", 1, MSG_NOSIGNAL) != 1) {
                return true;
            }
            char byte = 0;
            if (::recv(socket_, &byte, 1, MSG_DONTWAIT) == 0) {
                return true;
            }
        }
        return false;
    }

private:
    int socket_;
};

} // namespace

TEST_CASE("gateway server answers 502 when the upstream resets the connection mid-response")
{
    RawServer upstream([](int socket) {
        read_request_head(socket);
        send_once(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nthe first bytes");
        std::this_thread::sleep_for(50ms); // the gateway reads the start before the reset
        apicat::test::reset_on_close(socket);
    });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 2s));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/x")));
    CHECK(response.status == 502);
    CHECK(response_information(response).starts_with(
        "No usable response from the upstream 127.0.0.1:"));
    CHECK(client.send(request_to(gateway_url(server, "/x"))).status == 502); // still serving
}

TEST_CASE("gateway server answers 502 when the upstream closes without a response")
{
    RawServer upstream([](int socket) { read_request_head(socket); });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 2s));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/x")));
    CHECK(response.status == 502);
    CHECK(response_information(response).ends_with("the connection closed before a response came"));
}

TEST_CASE("gateway server answers 502 when the upstream answers something that is not HTTP")
{
    RawServer upstream([](int socket) {
        read_request_head(socket);
        send_once(socket, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");
    });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 2s));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/x")));
    CHECK(response.status == 502);
    CHECK(response_information(response).find("the response is not valid HTTP") !=
          std::string::npos);
}

// An upstream may close a kept-alive connection while it sits in the gateway's pool. A GET is
// sent on it all the same (no system call to check it first) and, when no answer comes, again
// on a new connection; a POST, which must not be sent twice, is checked before it goes.
TEST_CASE("gateway server serves GET and POST after the upstream closed their pooled connection")
{
    RawServer upstream([](int socket) {
        read_request_head(socket);
        send_once(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        std::this_thread::sleep_for(50ms); // the gateway pools the connection; then it closes
    });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 2s));
    http::Client client; // one connection to the gateway, so one gateway thread and its pool
    REQUIRE(client.send(request_to(gateway_url(server, "/first"))).status == 200);
    std::this_thread::sleep_for(200ms); // the upstream's close has arrived

    const http::Response get = client.send(request_to(gateway_url(server, "/get")));
    CHECK(get.status == 200);
    CHECK(get.body == "ok");
    CHECK(upstream.connections() == 2); // the pooled one, then a new one for the retry
    std::this_thread::sleep_for(200ms);

    http::Request post = request_to(gateway_url(server, "/post"));
    post.method = "POST";
    post.body = "once";
    const http::Response posted = client.send(post);
    CHECK(posted.status == 200);
    CHECK(posted.body == "ok");
    CHECK(upstream.connections() == 3); // checked and found closed: a new one at once
}

TEST_CASE("gateway server answers 504 when the upstream accepts and never answers")
{
    RawServer upstream([](int socket) {
        read_request_head(socket);
        char byte = 0;
        ::recv(socket, &byte, 1, 0); // until the gateway gives up or the test ends
    });
    gateway::Server server(test_options(), forward_to(upstream.url(""), 300ms));
    http::Client client;
    const http::Response response = client.send(request_to(gateway_url(server, "/x")));
    CHECK(response.status == 504);
    // The upstream is named by its URL's host and port.
    CHECK(response_information(response) ==
          "The upstream 127.0.0.1:" + std::to_string(upstream.port()) +
              " did not answer in time: no response within 300 ms");
}

TEST_CASE("gateway server relays a 10 MB upstream body whole, and refuses one over the limit")
{
    std::string big(10 * 1024 * 1024, 'a');
    for (std::size_t i = 0; i < big.size(); i += 4099) {
        big[i] = static_cast<char>('a' + i % 26); // so that a shifted or cut body shows
    }
    TestServer upstream([&](httplib::Server& s) {
        s.Get("/big", [&](const httplib::Request&, httplib::Response& res) {
            res.set_content(big, "application/octet-stream");
        });
    });
    auto limited = [&](std::size_t limit) {
        return [base = upstream.url(""), limit](const gateway::Request& request) {
            gateway::Decision decision = forward_to(base)(request);
            std::get<gateway::Forward>(decision.action).request.max_response_body = limit;
            return decision;
        };
    };
    {
        gateway::Server server(test_options(), limited(gateway::upstream_response_limit));
        http::Client client;
        auto request = request_to(gateway_url(server, "/big"));
        request.timeout = 10s;
        const http::Response response = client.send(request);
        CHECK(response.status == 200);
        CHECK(response.body.size() == big.size());
        CHECK(response.body == big);
    }
    gateway::Server server(test_options(), limited(big.size() - 1));
    http::Client client;
    auto request = request_to(gateway_url(server, "/big"));
    request.timeout = 10s;
    const http::Response refused = client.send(request);
    CHECK(refused.status == 502);
    CHECK(response_information(refused).ends_with("response body larger than 10485759 bytes"));
}

TEST_CASE("gateway server closes a connection whose request never ends, and serves others")
{
    auto options = test_options();
    options.request_timeout = 500ms;
    gateway::Server server(options, answer_ok);
    SlowClient slow(server.port());
    http::Client client;
    CHECK(client.send(request_to(gateway_url(server, "/meanwhile"))).status == 200);
    // Bytes keep coming, but the whole request must arrive within the request timeout.
    CHECK(slow.trickle_until_closed(200));
    CHECK(client.send(request_to(gateway_url(server, "/after"))).status == 200);
}

TEST_CASE("gateway server serves a request while 200 slow connections hold half a request")
{
    gateway::Server server(test_options(), answer_ok);
    std::vector<std::unique_ptr<SlowClient>> slow;
    for (int i = 0; i < 200; ++i) {
        slow.push_back(std::make_unique<SlowClient>(server.port()));
    }
    http::Client client;
    for (int i = 0; i < 10; ++i) {
        CHECK(client.send(request_to(gateway_url(server, "/busy"))).status == 200);
    }
}

#include "http/client.hpp"
#include "support/http_exchange.hpp"
#include "support/ports.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace std::chrono_literals;
namespace http = apicat::http;
using apicat::test::closed_port;
using apicat::test::request_to;
using apicat::test::TestServer;
using apicat::test::values;

TEST_CASE("an http response relays its status, reason, headers and body exactly")
{
    TestServer server([](httplib::Server& s) {
        s.Get("/cookies", [](const httplib::Request&, httplib::Response& res) {
            res.status = 201;
            res.set_header("Set-Cookie", "a=1");
            res.set_header("Set-Cookie", "b=2");
            res.set_content("{\"ok\": true}\n", "application/json");
        });
    });
    http::Client client;
    const auto response = client.send(request_to(server.url("/cookies")));
    CHECK(response.status == 201);
    CHECK(response.reason == "Created");
    CHECK(response.http_version == "1.1");
    CHECK(response.body == "{\"ok\": true}\n");
    CHECK(values(response, "Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
    CHECK(values(response, "Content-Type") == std::vector<std::string>{"application/json"});
}

TEST_CASE("an http POST sends its body and custom headers as given and nothing invented")
{
    TestServer server([](httplib::Server& s) {
        s.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
            const auto seen = [&](const char* name) {
                return req.has_header(name) ? req.get_header_value(name) : "none";
            };
            res.set_header("X-Seen-Custom", seen("X-Custom"));
            res.set_header("X-Seen-Content-Type", seen("Content-Type"));
            res.set_header("X-Seen-Expect", seen("Expect"));
            res.set_content(req.body, "text/plain");
        });
    });
    http::Client client;
    auto request = request_to(server.url("/echo"), "POST");
    request.headers = {{"X-Custom", "hello"}};
    // Over 1 KiB, where some clients send Expect: 100-continue on their own.
    request.body = std::string(2000, 'b');
    const auto response = client.send(request);
    CHECK(response.status == 200);
    CHECK(response.body == request.body);
    CHECK(values(response, "X-Seen-Custom") == std::vector<std::string>{"hello"});
    CHECK(values(response, "X-Seen-Content-Type") == std::vector<std::string>{"none"});
    CHECK(values(response, "X-Seen-Expect") == std::vector<std::string>{"none"});
}

TEST_CASE("http HEAD and custom methods reach the server as given")
{
    TestServer server([](httplib::Server& s) {
        const auto echo = [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(req.method + " " + req.body, "text/plain");
        };
        s.Get("/item", echo);
        s.Delete("/item", echo);
        s.Patch("/item", echo);
        s.Get("/length", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(req.method + " " + req.get_header_value("Content-Length"),
                            "text/plain");
        });
    });
    http::Client client;
    const auto head = client.send(request_to(server.url("/item"), "HEAD"));
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(client.send(request_to(server.url("/item"), "DELETE")).body == "DELETE ");
    auto patch = request_to(server.url("/item"), "PATCH");
    patch.body = "{}";
    CHECK(client.send(patch).body == "PATCH {}");
    // httplib never reads a GET's body, so it is seen by its length only.
    auto get = request_to(server.url("/length"));
    get.body = "q";
    CHECK(client.send(get).body == "GET 1");
}

TEST_CASE("http requests carry the apicat user agent unless the caller sets one")
{
    TestServer server([](httplib::Server& s) {
        s.Get("/ua", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(req.get_header_value("User-Agent"), "text/plain");
        });
    });
    http::Client client;
    CHECK(client.send(request_to(server.url("/ua"))).body == "apicat/" APICAT_VERSION);
    auto request = request_to(server.url("/ua"));
    request.headers = {{"user-agent", "probe/1"}};
    CHECK(client.send(request).body == "probe/1");
}

TEST_CASE("an http error status is a response, not an exception")
{
    TestServer server([](httplib::Server&) {});
    http::Client client;
    const auto response = client.send(request_to(server.url("/missing")));
    CHECK(response.status == 404);
    CHECK(response.reason == "Not Found");
}

TEST_CASE("a refused http connection is a connect transport error")
{
    const int port = closed_port();
    http::Client client;
    try {
        client.send(request_to("http://127.0.0.1:" + std::to_string(port) + "/"));
        FAIL("no error thrown");
    } catch (const http::TransportError& error) {
        CHECK(error.kind() == http::TransportFailure::connect);
        CHECK(error.host() == "127.0.0.1");
        CHECK(error.detail() == "connection refused");
        CHECK(std::string(error.what()) ==
              "127.0.0.1:" + std::to_string(port) + ": connection refused");
    }
}

TEST_CASE("a slow http server is a timeout transport error, also on a reused connection")
{
    std::atomic<bool> released{false};
    TestServer server([&](httplib::Server& s) {
        s.Get("/fast", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("fast", "text/plain");
        });
        s.Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
            for (int i = 0; i < 200 && !released; ++i) {
                std::this_thread::sleep_for(10ms);
            }
            res.set_content("late", "text/plain");
        });
    });
    auto request = request_to(server.url("/slow"));
    request.timeout = 300ms;
    const auto check_times_out = [&](http::Client& client) {
        try {
            client.send(request);
            FAIL("no error thrown");
        } catch (const http::TransportError& error) {
            CHECK(error.kind() == http::TransportFailure::timeout);
            CHECK(std::string(error.what()) ==
                  "127.0.0.1:" + std::to_string(server.port()) + ": no response within 300 ms");
        }
    };
    http::Client fresh;
    check_times_out(fresh);
    http::Client reused;
    CHECK(reused.send(request_to(server.url("/fast"))).body == "fast");
    check_times_out(reused);
    released = true;
}

TEST_CASE("http get follows redirects and keeps only the final response's headers")
{
    TestServer server([](httplib::Server& s) {
        s.Get("/old",
              [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/new"); });
        s.Get("/new", [](const httplib::Request&, httplib::Response& res) {
            res.set_content("new", "text/plain");
        });
    });
    const auto followed = http::get(server.url("/old"), 2s);
    CHECK(followed.status == 200);
    CHECK(followed.body == "new");
    CHECK(values(followed, "Location").empty());

    http::Client client;
    const auto redirect = client.send(request_to(server.url("/old")));
    CHECK(redirect.status == 302);
    CHECK(values(redirect, "Location") == std::vector<std::string>{"/new"});
}

TEST_CASE("http get resolves relative redirects, turns a 303 into a GET and stops after five")
{
    TestServer server([](httplib::Server& s) {
        s.Post("/docs/start", [](const httplib::Request&, httplib::Response& res) {
            res.status = 303;
            res.set_header("Location", "next?page=2");
        });
        s.Get("/docs/next", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(req.method + " " + req.get_param_value("page") + " [" + req.body + "]",
                            "text/plain");
        });
        s.Get(R"(/hop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
            res.set_redirect("/hop/" + std::to_string(std::stoi(req.matches[1]) + 1));
        });
    });
    auto post = request_to(server.url("/docs/start"), "POST");
    post.body = "form";
    post.follow_redirects = true;
    http::Client client;
    CHECK(client.send(post).body == "GET 2 []");
    try {
        http::get(server.url("/hop/0"), 2s);
        FAIL("no error thrown");
    } catch (const http::TransportError& error) {
        CHECK(error.detail() ==
              "more than 5 redirects, the last to \"" + server.url("/hop/6") + "\"");
    }
}

TEST_CASE("an http client reuses its keep-alive connection between requests")
{
    TestServer server([](httplib::Server& s) {
        s.Get("/port", [](const httplib::Request& req, httplib::Response& res) {
            res.set_content(std::to_string(req.remote_port), "text/plain");
        });
    });
    http::Client client;
    const auto first = client.send(request_to(server.url("/port"))).body;
    const auto second = client.send(request_to(server.url("/port"))).body;
    CHECK(first == second);
}

TEST_CASE("an http response body over the limit is a transport error")
{
    TestServer server([](httplib::Server& s) {
        s.Get("/big", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(4096, 'x'), "text/plain");
        });
    });
    http::Client client;
    auto request = request_to(server.url("/big"));
    request.max_response_body = 4096;
    CHECK(client.send(request).body.size() == 4096);
    request.max_response_body = 4095;
    try {
        client.send(request);
        FAIL("no error thrown");
    } catch (const http::TransportError& error) {
        CHECK(error.kind() == http::TransportFailure::too_large);
        CHECK(std::string(error.what()) == "127.0.0.1:" + std::to_string(server.port()) +
                                               ": response body larger than 4095 bytes");
    }
}

TEST_CASE("an http client refuses urls that are not http or https")
{
    http::Client client;
    try {
        client.send(request_to("file:///etc/passwd"));
        FAIL("no error thrown");
    } catch (const http::TransportError& error) {
        CHECK(error.kind() == http::TransportFailure::invalid_url);
        CHECK(std::string(error.what()) == "unsupported url \"file:///etc/passwd\": only http "
                                           "and https urls with a host are allowed");
    }
}

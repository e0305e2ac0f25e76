// End to end: upstreams that reset, close early, answer garbage, hang, send 10 MB or a body in
// parts, called through both front ends: in-process `apicat invoke` (the blocking http::Client)
// and `apicat gateway serve`, both on the same Beast client. Each fault has one defined answer: 502
// (504 for the hang) naming the upstream.

#include "support/apicat_in.hpp"
#include "support/raw_server.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/socket.h>

#include <chrono>
#include <string>
#include <thread>

using apicat::test::apicat_ok;
using apicat::test::RawServer;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using Json = nlohmann::ordered_json;

namespace {

const std::size_t big_size = 10 * 1024 * 1024;

std::string big_body()
{
    std::string body(big_size, 'a');
    for (std::size_t i = 0; i < body.size(); i += 4099) {
        body[i] = static_cast<char>('a' + i % 26); // so that a shifted or cut body shows
    }
    return body;
}

// JSON nested 100,000 levels deep: printing it as JSON recursed until the stack overflowed.
std::string deep_json()
{
    const std::size_t depth = 100'000;
    return std::string(depth, '[') + std::string(depth, ']');
}

void send_all(int socket, const std::string& text)
{
    std::size_t sent = 0;
    while (sent < text.size()) {
        const ssize_t count = ::send(socket, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
        if (count <= 0) {
            return;
        }
        sent += static_cast<std::size_t>(count);
    }
}

// The upstream: what it does depends on the last path segment of the request.
void misbehave(int socket)
{
    const std::string head = apicat::test::read_request_head(socket);
    const std::string line = head.substr(0, head.find('\r'));
    const auto is = [&](const char* kind) {
        return line.find(std::string("/faults/") + kind + " ") != std::string::npos;
    };
    if (is("reset")) {
        send_all(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nthe first bytes");
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        apicat::test::reset_on_close(socket);
    } else if (is("garbage")) {
        send_all(socket, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\r\n");
    } else if (is("hang")) {
        char byte = 0;
        ::recv(socket, &byte, 1, 0); // until the caller gives up or the test ends
    } else if (is("big")) {
        send_all(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                         "Content-Length: " +
                             std::to_string(big_size) + "\r\nConnection: close\r\n\r\n" +
                             big_body());
    } else if (is("deep")) {
        const std::string body = deep_json();
        send_all(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    } else if (is("chunked")) {
        // The head and the first chunk come together, the rest later: the body is read on.
        send_all(socket, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nsunny \r\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        send_all(socket, "5\r\nskies\r\n0\r\n\r\n");
    } else if (is("until-close")) {
        // No length: the body ends when the upstream closes the connection.
        send_all(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nsunny ");
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        send_all(socket, "skies");
    }
    // "close": nothing at all.
}

// The weather scenario with GET /faults/{kind} forwarded to `upstream`.
void publish_faults(const ScratchDir& dir, const RawServer& upstream)
{
    apicat::test::publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
    apicat_ok(dir, {"operation", "add", "weather.yaml", "GET /faults/{kind}"});
    apicat_ok(dir, {"publish", "weather-product.yaml"});
}

std::string body_information(const std::string& body)
{
    return Json::parse(body).value("moreInformation", "");
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("invoke answers 502 or 504 for an upstream that fails, and relays 10 MB whole")
    {
        ScratchDir dir;
        RawServer upstream(misbehave);
        publish_faults(dir, upstream);
        const std::string upstream_host = "127.0.0.1:" + std::to_string(upstream.port());
        for (const char* kind : {"reset", "close", "garbage"}) {
            INFO(kind);
            RunResult result = run_apicat({"invoke", "GET", std::string("/weather/faults/") + kind,
                                           "--test-app", "-o", "json"},
                                          dir.path());
            CHECK(result.exit_code == 5);
            Json answer = Json::parse(result.out);
            CHECK(answer["status"] == 502);
            CHECK(body_information(answer["body"].dump())
                      .starts_with("No usable response from the upstream " + upstream_host));
        }
        RunResult hang = run_apicat(
            {"invoke", "GET", "/weather/faults/hang", "--test-app", "--timeout", "1", "-o", "json"},
            dir.path());
        CHECK(hang.exit_code == 5);
        CHECK(Json::parse(hang.out)["status"] == 504);

        for (const char* kind : {"chunked", "until-close"}) {
            INFO(kind);
            RunResult split =
                run_apicat({"invoke", "GET", std::string("/weather/faults/") + kind, "--test-app"},
                           dir.path());
            CHECK(split.exit_code == 0);
            CHECK(split.out == "HTTP/1.1 200 OK\n\nsunny skies\n");
        }

        RunResult big =
            run_apicat({"invoke", "GET", "/weather/faults/big", "--test-app"}, dir.path());
        CHECK(big.exit_code == 0);
        CHECK(big.out == "HTTP/1.1 200 OK\n\n" + big_body() + "\n");

        // A JSON body deeper than apicat walks is shown as the string it is.
        RunResult deep = run_apicat(
            {"invoke", "GET", "/weather/faults/deep", "--test-app", "-o", "json"}, dir.path());
        CHECK(deep.exit_code == 0);
        CHECK(Json::parse(deep.out)["body"] == deep_json());
    }

    TEST_CASE("gateway serve answers 502 or 504 for an upstream that fails, and relays 10 MB whole")
    {
        ScratchDir dir;
        RawServer upstream(misbehave);
        publish_faults(dir, upstream);
        Json test_app = Json::parse(apicat_ok(dir, {"catalog", "show", "-o", "json"}))["test_app"];
        ServeProcess gateway(dir, {"--upstream-timeout", "0.5"});
        auto call = [&](const std::string& kind) {
            apicat::http::Request request;
            request.url = gateway.url("/sandbox/weather/faults/" + kind);
            request.headers = {{"X-IBM-Client-Id", test_app["client_id"]},
                               {"X-IBM-Client-Secret", test_app["client_secret"]}};
            request.timeout = std::chrono::seconds(10);
            return apicat::http::Client().send(request);
        };
        for (const char* kind : {"reset", "close", "garbage"}) {
            INFO(kind);
            const apicat::http::Response response = call(kind);
            CHECK(response.status == 502);
            CHECK(body_information(response.body)
                      .starts_with("No usable response from the upstream 127.0.0.1:"));
        }
        CHECK(call("hang").status == 504);
        for (const char* kind : {"chunked", "until-close"}) {
            INFO(kind);
            const apicat::http::Response split = call(kind);
            CHECK(split.status == 200);
            CHECK(split.body == "sunny skies");
        }
        const apicat::http::Response big = call("big");
        CHECK(big.status == 200);
        CHECK(big.body == big_body());
        CHECK(gateway.stop() == 0);
    }
}

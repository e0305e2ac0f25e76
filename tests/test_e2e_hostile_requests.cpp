// End to end: `apicat gateway serve` sent what no honest client sends, byte for byte over a
// raw socket: oversized headers and bodies, line breaks inside header values, credentials
// twice, dot segments and encoded slashes, bytes that are not UTF-8, a 1 MB client ID,
// ambiguous framing. Each gets a 4xx; the gateway keeps serving; the upstream never sees a
// credential.

#include "support/apicat_in.hpp"
#include "support/raw_server.hpp"
#include "support/recording_upstream.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <mutex>
#include <string>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::raw_exchange;
using apicat::test::RecordingUpstream;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

// The status of the first response in `reply`, 0 when there is none.
int reply_status(const std::string& reply)
{
    if (!reply.starts_with("HTTP/1.1 ") || reply.size() < 12) {
        return 0;
    }
    return std::stoi(reply.substr(9, 3));
}

struct Hostile {
    std::string what;
    std::string request;
};

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("gateway serve answers hostile requests with a 4xx and forwards no credential")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        apicat::test::publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        apicat_ok(dir, {"operation", "add", "weather.yaml", "GET /files/{name}"});
        apicat_ok(dir, {"security", "clear", "weather.yaml", "--operation", "GET /files/{name}"});
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        Json app = Json::parse(apicat_ok(
            dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
        const std::string id = app["client_id"];
        const std::string secret = app["client_secret"];
        const std::string credentials =
            "X-IBM-Client-Id: " + id + "\r\nX-IBM-Client-Secret: " + secret + "\r\n";
        const auto get = [&](const std::string& target, const std::string& headers = "") {
            return "GET " + target + " HTTP/1.1\r\nHost: gateway\r\n" + credentials + headers +
                   "Connection: close\r\n\r\n";
        };

        ServeProcess gateway(dir);
        REQUIRE(reply_status(raw_exchange(gateway.port(),
                                          get("/sandbox/weather/current?zipcode=1"))) == 200);

        const std::vector<Hostile> hostile = {
            {"a 20 KB header",
             get("/sandbox/weather/current", "X-Big: " + std::string(20000, 'a') + "\r\n")},
            {"a 1 MB client ID", "GET /sandbox/weather/current HTTP/1.1\r\nHost: g\r\n"
                                 "X-IBM-Client-Id: " +
                                     std::string(1024 * 1024, '1') +
                                     "\r\nX-IBM-Client-Secret: " + secret + "\r\n\r\n"},
            {"a body over 10 MiB", get("/sandbox/weather/current", "Content-Length: 10485761\r\n")},
            {"a bare CR in a header value",
             get("/sandbox/weather/current", "X-Note: a\rX-Injected: yes\r\n")},
            {"a bare LF in a header value",
             get("/sandbox/weather/current", "X-Note: a\nX-Injected: yes\r\n")},
            {"a NUL in a header value",
             get("/sandbox/weather/current", std::string("X-Note: a\0b\r\n", 13))},
            {"the client ID twice",
             get("/sandbox/weather/current", "x-ibm-client-id: " + id + "\r\n")},
            {"the secret twice", get("/sandbox/weather/current", "X-IBM-Client-Secret: x\r\n")},
            {"a dot-dot segment", get("/sandbox/weather/files/../current")},
            {"an encoded dot-dot", get("/sandbox/weather/files/%2e%2e%2fcurrent")},
            {"an encoded slash", get("/sandbox/weather/files/a%2Fb")},
            {"a double-encoded slash", get("/sandbox/weather/files/..%252Fcurrent")},
            {"an encoded backslash", get("/sandbox/weather/files/..%5Ccurrent")},
            {"an encoded NUL", get("/sandbox/weather/files/a%00.txt")},
            {"an encoded CR LF", get("/sandbox/weather/files/a%0D%0AX-Injected:%20yes")},
            {"a path that is not UTF-8", get("/sandbox/weather/files/%C0%AF")},
            {"raw bytes that are not UTF-8", get("/sandbox/weather/files/\xff\xfe")},
            {"a query that is not UTF-8", get("/sandbox/weather/current?zipcode=%FF")},
            {"a client ID that is not UTF-8",
             "GET /sandbox/weather/current HTTP/1.1\r\nHost: g\r\nX-IBM-Client-Id: \xff\xfe\r\n"
             "X-IBM-Client-Secret: " +
                 secret + "\r\nConnection: close\r\n\r\n"},
            {"an absolute target", get("http://127.0.0.1/sandbox/weather/current")},
            {"an asterisk target", get("*")},
            {"two lengths",
             get("/sandbox/weather/current", "Content-Length: 1\r\nContent-Length: 2\r\n") + "ab"},
            {"a length and chunks",
             "POST /sandbox/weather/current HTTP/1.1\r\nHost: g\r\n" + credentials +
                 "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                 "0\r\n\r\n"},
            {"a control character in the method",
             get("/sandbox/weather/current").replace(1, 1, "\x01")},
        };
        for (const Hostile& request : hostile) {
            INFO(request.what);
            const std::string reply = raw_exchange(gateway.port(), request.request);
            const int status = reply_status(reply);
            CHECK(status >= 400);
            CHECK(status < 500);
        }
        // A folded line (obs-fold) is unfolded into one space, as RFC 9112 allows: what
        // looked like another header stays text inside the value, and no header is added.
        CHECK(reply_status(
                  raw_exchange(gateway.port(), get("/sandbox/weather/current?zipcode=3",
                                                   "X-Note: a\r\n X-Injected: yes\r\n"))) == 200);
        // Still serving, and the upstream got only what was forwarded, without a credential.
        CHECK(reply_status(
                  raw_exchange(gateway.port(), get("/sandbox/weather/current?zipcode=2"))) == 200);
        CHECK(reply_status(raw_exchange(gateway.port(), get("/sandbox/weather/files/ok.txt"))) ==
              200);
        // An encoded '?' or space names part of a file: sent upstream encoded as it came, it
        // neither starts a query there nor ends the request line.
        CHECK(reply_status(raw_exchange(gateway.port(), get("/sandbox/weather/files/a%3Fb%20c"))) ==
              200);
        CHECK(gateway.stop() == 0);
        CHECK(recording.seen().find("X-IBM-Client") == std::string::npos);
        CHECK(recording.seen().find(secret) == std::string::npos);
        CHECK(recording.seen().find(id) == std::string::npos);
        CHECK(recording.seen().find("\nX-Injected") == std::string::npos);
        CHECK(recording.seen().find("\nX-Note: a X-Injected: yes\n") != std::string::npos);
        CHECK(recording.seen().find("GET /weather/current?zipcode=2") != std::string::npos);
        CHECK(recording.seen().find("GET /weather/files/ok.txt") != std::string::npos);
        CHECK(recording.seen().find("GET /weather/files/a%3Fb%20c\n") != std::string::npos);
    }
}

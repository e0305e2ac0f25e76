#include "gateway/forwarding.hpp"

#include <doctest/doctest.h>

using namespace apicat::gateway;

TEST_CASE("forwarding holds back the hop-by-hop fields, whatever their case, and those "
          "Connection names")
{
    for (const char* name :
         {"Connection", "keep-alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding",
          "Upgrade", "Proxy-Authenticate", "PROXY-AUTHORIZATION"}) {
        CAPTURE(name);
        CHECK(is_hop_by_hop(name, ""));
        CHECK_FALSE(forwards_caller_header(name, ""));
        CHECK_FALSE(forwards_request_header(name));
        CHECK_FALSE(relays_response_header(name, ""));
    }
    const std::string tokens = connection_tokens(
        {{"Connection", "keep-alive, X-Trace"}, {"Accept", "*/*"}, {"connection", " x-debug\t"}});
    CHECK(tokens == "keep-alive, X-Trace, x-debug\t");
    CHECK(is_hop_by_hop("x-trace", tokens));
    CHECK(is_hop_by_hop("X-Debug", tokens));
    CHECK_FALSE(is_hop_by_hop("X-Trace-Id", tokens));
    CHECK_FALSE(forwards_caller_header("X-Trace", tokens));
    CHECK_FALSE(relays_response_header("X-Debug", tokens));
    CHECK(forwards_caller_header("Accept", tokens));
}

TEST_CASE("forwarding leaves the fields the client sets itself, and Expect, to the client")
{
    for (const char* name : {"Host", "content-length", "Expect"}) {
        CAPTURE(name);
        CHECK_FALSE(forwards_caller_header(name, ""));
        CHECK_FALSE(forwards_request_header(name));
    }
    CHECK_FALSE(relays_response_header("Content-Length", ""));
    CHECK(relays_response_header("Content-Type", ""));
    CHECK(relays_response_header("Expect", ""));
}

TEST_CASE("a caller's X-IBM credential headers are never forwarded; an assembly's are")
{
    for (const char* name : {"X-IBM-Client-Id", "x-ibm-client-secret", "X-IBM-CLIENT-ID"}) {
        CAPTURE(name);
        CHECK(is_well_known_credential(name));
        CHECK_FALSE(forwards_caller_header(name, ""));
        CHECK(forwards_request_header(name));
    }
    CHECK_FALSE(is_well_known_credential("X-IBM-Client-Ids"));
    CHECK(forwards_caller_header("Authorization", ""));
}

TEST_CASE("the upstream is named by its parsed URL, and never by a URL that does not parse")
{
    CHECK(upstream_host("http://Weather.Example.com/current?key=1") == "weather.example.com");
    CHECK(upstream_host("https://weather.example.com:443/") == "weather.example.com");
    CHECK(upstream_host("http://127.0.0.1:8080") == "127.0.0.1:8080");
    CHECK(upstream_host("http://[::1]:9000/x") == "[::1]:9000");
    CHECK(upstream_host("http://user:key@weather.example.com/") == "the upstream");
    CHECK(upstream_host("weather.example.com/current") == "the upstream");
}

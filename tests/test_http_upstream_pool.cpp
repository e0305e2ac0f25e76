#include "http/upstream_pool.hpp"

#include <boost/asio/io_context.hpp>
#include <doctest/doctest.h>

#include <string>

namespace http = apicat::http;

TEST_CASE("an upstream pool works out an origin once and gives each URL its own target")
{
    boost::asio::io_context io;
    http::UpstreamTls tls;
    http::UpstreamPool pool(io, tls);

    const auto first = pool.parse("http://127.0.0.1:8080/weather/current?zipcode=90210");
    REQUIRE(first);
    const http::UpstreamOrigin& origin = *first->first;
    CHECK(origin.scheme_and_authority == "http://127.0.0.1:8080");
    CHECK(origin.key == "http://127.0.0.1:8080");
    CHECK(origin.url.host_header == "127.0.0.1:8080");
    CHECK(origin.url.target.empty());
    REQUIRE(origin.address);
    CHECK(origin.address->to_string() == "127.0.0.1");
    CHECK(first->second == "/weather/current?zipcode=90210");

    // The same upstream: the same origin, not parsed again; the target is the URL's own.
    const auto second = pool.parse("http://127.0.0.1:8080?zipcode=1#f");
    REQUIRE(second);
    CHECK(second->first == first->first);
    CHECK(second->second == "/?zipcode=1");

    // Another spelling of the host is another entry, with the same pool key.
    const auto named = pool.parse("HTTP://Up.Example/x");
    REQUIRE(named);
    CHECK(named->first != first->first);
    CHECK(named->first->key == "http://up.example:80");
    CHECK_FALSE(named->first->address);

    // What parse_upstream_url refuses, the pool refuses each time.
    CHECK_FALSE(pool.parse("http://user:key@127.0.0.1:8080/x"));
    CHECK_FALSE(pool.parse("http://user:key@127.0.0.1:8080/x"));
    CHECK_FALSE(pool.parse("ftp://127.0.0.1/x"));
}

TEST_CASE("an upstream pool keeps the origins of many upstreams apart")
{
    boost::asio::io_context io;
    http::UpstreamTls tls;
    http::UpstreamPool pool(io, tls);
    // More upstreams than the pool keeps: each URL still gets its own origin's parts.
    for (int round = 0; round < 2; ++round) {
        for (int port = 1000; port < 1100; ++port) {
            const std::string url =
                "http://127.0.0.1:" + std::to_string(port) + "/p" + std::to_string(port);
            const auto parsed = pool.parse(url);
            REQUIRE(parsed);
            CHECK(parsed->first->url.port == std::to_string(port));
            CHECK(parsed->second == "/p" + std::to_string(port));
        }
    }
}

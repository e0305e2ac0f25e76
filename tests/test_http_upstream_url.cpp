#include "http/upstream_url.hpp"

#include <doctest/doctest.h>

namespace http = apicat::http;

TEST_CASE("an upstream URL parses into origin and target")
{
    const auto url = http::parse_upstream_url("HTTPS://Api.Example.com/v1/x?y=1#frag");
    REQUIRE(url);
    CHECK(url->tls);
    CHECK(url->host == "api.example.com");
    CHECK(url->port == "443");
    CHECK(url->host_header == "api.example.com");
    CHECK(url->target == "/v1/x?y=1");
    CHECK(url->origin() == "https://api.example.com:443");

    const auto v6 = http::parse_upstream_url("http://[::1]:8080?q");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->host_header == "[::1]:8080");
    CHECK(v6->target == "/?q");

    CHECK_FALSE(http::parse_upstream_url("mock:"));
    CHECK_FALSE(http::parse_upstream_url("ftp://host/x"));
    CHECK_FALSE(http::parse_upstream_url("http://user:pw@host/x"));
    CHECK_FALSE(http::parse_upstream_url("http://host:99999/x"));
}

TEST_CASE("an upstream URL's scheme and authority are told apart from its target")
{
    CHECK(http::scheme_and_authority("http://up.example:8080/v1/x?y=1") ==
          "http://up.example:8080");
    CHECK(http::scheme_and_authority("http://up.example?y=1") == "http://up.example");
    CHECK(http::scheme_and_authority("http://[::1]:9000#f") == "http://[::1]:9000");
    CHECK(http::scheme_and_authority("https://up.example") == "https://up.example");
    CHECK(http::scheme_and_authority("up.example/x").empty());

    // As parse_upstream_url makes the target of each.
    for (const std::string url : {"http://up.example:8080/v1/x?y=1#frag", "http://up.example?y=1",
                                  "http://up.example", "https://up.example/#only"}) {
        CAPTURE(url);
        const auto parsed = http::parse_upstream_url(url);
        REQUIRE(parsed);
        CHECK(http::upstream_target(url, http::scheme_and_authority(url).size()) == parsed->target);
    }
}

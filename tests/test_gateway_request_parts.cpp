#include "gateway/request_checks.hpp"
#include "gateway/request_parts.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace apicat::gateway;

// The gateway takes apart and checks every request's target; plain targets skip the decoding
// work (see request_parts.cpp), and these cases pin that both kinds read the same.

TEST_CASE("percent_decode decodes escapes, and '+' only outside paths")
{
    CHECK(percent_decode("plain", false) == "plain");
    CHECK(percent_decode("a+b", false) == "a b");
    CHECK(percent_decode("a+b", true) == "a+b");
    CHECK(percent_decode("caf%C3%A9%2b", false) == "caf\xC3\xA9+");
    CHECK(percent_decode("a%2Fb", true) == "a%2Fb"); // an encoded slash stays in a path
    CHECK(percent_decode("a%2fb", false) == "a/b");
    CHECK(percent_decode("100%", false) == "100%");
    CHECK(percent_decode("%zz+", false) == "%zz ");
}

TEST_CASE("split_target decodes the path and each parameter, and keeps the raw query")
{
    const RequestParts parts = split_target("/sandbox/a%20b/c?zip=90210&&q=a+b%26c&flag");
    CHECK(parts.path == "/sandbox/a b/c");
    CHECK(parts.query == "zip=90210&&q=a+b%26c&flag");
    const std::vector<std::pair<std::string, std::string>> expected{
        {"zip", "90210"}, {"q", "a b&c"}, {"flag", ""}};
    CHECK(parts.parameters == expected);
    CHECK(split_target("/only").parameters.empty());
    CHECK(split_target("/only?").parameters.empty());
}

TEST_CASE("query_without drops the named parameters, however they are encoded")
{
    CHECK(query_without("a=1&key=s&b=2", {"key"}) == "a=1&b=2");
    CHECK(query_without("k%65y=s&&b=2", {"key"}) == "b=2");
    CHECK(query_without("", {"key"}).empty());
}

TEST_CASE("header names compare without regard to ASCII case")
{
    const std::vector<apicat::http::Header> headers{
        {"X-IBM-Client-Id", "one"}, {"x-ibm-client-id", "two"}, {"X-IBM-Client-Idx", "three"}};
    const ValuesFound found = find_header(headers, "X-Ibm-Client-ID");
    CHECK(found.count == 2); // "X-IBM-Client-Idx" is another name
    REQUIRE(found.first != nullptr);
    CHECK(*found.first == "one");
    CHECK(apicat::util::equal_ignoring_case("Content-Length", "content-LENGTH"));
    CHECK_FALSE(apicat::util::equal_ignoring_case("Content-Length", "Content-Lengt"));
    CHECK_FALSE(apicat::util::equal_ignoring_case("\xC3\xA9", "\xC3\x89")); // ASCII only
}

TEST_CASE("a credential's header or parameter is found with how often it was sent")
{
    const std::vector<apicat::http::Header> headers{
        {"X-IBM-Client-Id", "one"}, {"Accept", "*/*"}, {"x-ibm-client-id", "two"}};
    const ValuesFound twice = find_header(headers, "X-Ibm-Client-ID");
    CHECK(twice.count == 2);
    REQUIRE(twice.first != nullptr);
    CHECK(*twice.first == "one");
    CHECK(twice.first == &headers[0].value); // the request's own string, not a copy
    const ValuesFound none = find_header(headers, "X-IBM-Client-Secret");
    CHECK(none.count == 0);
    CHECK(none.first == nullptr);

    const RequestParts parts = split_target("/p?key=a%20b&other=1&key=c");
    const ValuesFound key = find_parameter(parts, "key");
    CHECK(key.count == 2);
    REQUIRE(key.first != nullptr);
    CHECK(*key.first == "a b");
    CHECK(find_parameter(parts, "Key").count == 0); // parameter names keep their case
}

TEST_CASE("unsafe targets are refused whether or not they hold escapes")
{
    CHECK_FALSE(refuse_unsafe_target("/sandbox/weather/current?zipcode=90210").has_value());
    CHECK_FALSE(refuse_unsafe_target("/a+b/caf%C3%A9?q=caf%C3%A9+x").has_value());
    for (const char* refused :
         {"/a/../b", "/a/./b", "/a/%2e%2E/b", "/a%2fb", "/a%252fb", "/a\\b", "/a%5Cb", "/caf\xC3",
          "/caf%C3", "/a%00b", "/a%0Ab", "/a?q=caf\xC3", "/a?q=caf%C3", "/a?q=%00"}) {
        CAPTURE(refused);
        const auto answer = refuse_unsafe_target(refused);
        REQUIRE(answer.has_value());
        CHECK(answer->status == 400);
    }
}

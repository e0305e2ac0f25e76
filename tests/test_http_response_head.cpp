#include "http/response_head.hpp"

#include <doctest/doctest.h>

#include <initializer_list>
#include <string_view>

namespace http = apicat::http;

namespace {

http::Response read_head(std::initializer_list<std::string_view> lines)
{
    http::Response response;
    for (const auto line : lines) {
        http::read_head_line(response, line);
    }
    return response;
}

} // namespace

TEST_CASE("an http/1.1 status line gives the version, status and reason")
{
    const auto response = read_head({"HTTP/1.1 404 Not Found\r\n", "\r\n"});
    CHECK(response.http_version == "1.1");
    CHECK(response.status == 404);
    CHECK(response.reason == "Not Found");
}

TEST_CASE("an http/2 status line has no reason")
{
    const auto response = read_head({"HTTP/2 200\r\n", "content-type: text/plain\r\n", "\r\n"});
    CHECK(response.http_version == "2");
    CHECK(response.status == 200);
    CHECK(response.reason.empty());
    REQUIRE(response.headers.size() == 1);
    CHECK(response.headers[0].name == "content-type");
}

TEST_CASE("http headers keep their order, spelling and repeats, values trimmed")
{
    const auto response = read_head({"HTTP/1.1 200 OK\r\n", "Set-Cookie: a=1\r\n", "X-Empty:\r\n",
                                     "Set-Cookie:   b=2 \t\r\n", "\r\n"});
    REQUIRE(response.headers.size() == 3);
    CHECK(response.headers[0].name == "Set-Cookie");
    CHECK(response.headers[0].value == "a=1");
    CHECK(response.headers[1].name == "X-Empty");
    CHECK(response.headers[1].value.empty());
    CHECK(response.headers[2].value == "b=2");
}

TEST_CASE("a new http status line starts the head over, as after a redirect or a 100")
{
    const auto response = read_head({"HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 302 Found\r\n",
                                     "Location: /new\r\n", "\r\n", "HTTP/1.0 200 OK\r\n",
                                     "X-Final: yes\r\n", "\r\n"});
    CHECK(response.status == 200);
    CHECK(response.http_version == "1.0");
    REQUIRE(response.headers.size() == 1);
    CHECK(response.headers[0].name == "X-Final");
}

TEST_CASE("a folded http header line continues the previous value")
{
    const auto response =
        read_head({"HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "   second\r\n", "\r\n"});
    REQUIRE(response.headers.size() == 1);
    CHECK(response.headers[0].value == "first second");
}

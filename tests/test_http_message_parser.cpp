#include "http/message_parser.hpp"

#include <boost/beast/http/error.hpp>
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using apicat::http::Header;
using apicat::http::RequestParser;
using apicat::http::Response;
using apicat::http::ResponseParser;

namespace {

// Feeds `bytes` to the parser as a connection would, in pieces of `piece` bytes, and returns
// the first error other than need_more.
template <typename Parser>
boost::beast::error_code feed(Parser& parser, std::string_view bytes, std::size_t piece)
{
    std::string pending;
    for (std::size_t at = 0; at < bytes.size() && !parser.is_done(); at += piece) {
        pending += bytes.substr(at, piece);
        // Until the parser takes no more: without eager(true) it stops after the head.
        for (std::size_t used = 1; used > 0 && !pending.empty() && !parser.is_done();) {
            boost::beast::error_code error;
            used = parser.put(boost::asio::buffer(pending.data(), pending.size()), error);
            pending.erase(0, used);
            if (error && error != boost::beast::http::error::need_more) {
                return error;
            }
        }
    }
    return {};
}

struct Parts {
    std::string method;
    std::string target;
    std::vector<Header> headers;
    std::string body;
};

} // namespace

TEST_CASE("a request's start line, fields and body are read into plain parts")
{
    const std::string_view request =
        "post /weather/current?zipcode=90210 HTTP/1.1\r\nHost: gw\r\n"
        "X-IBM-Client-Id: 0123456789abcdef0123456789abcdef\r\nContent-Length: 5\r\n\r\nhello";
    for (const std::size_t piece : {request.size(), std::size_t{1}, std::size_t{7}}) {
        CAPTURE(piece);
        Parts parts;
        RequestParser parser(parts.method, parts.target, parts.headers, parts.body);
        parser.eager(true);
        CHECK_FALSE(feed(parser, request, piece));
        REQUIRE(parser.is_done());
        CHECK(parts.method == "post"); // as sent: the caller decides what to make of it
        CHECK(parts.target == "/weather/current?zipcode=90210");
        CHECK(parser.version() == 11);
        CHECK(parser.keep_alive());
        REQUIRE(parts.headers.size() == 3);
        CHECK(parts.headers[1].name == "X-IBM-Client-Id");
        CHECK(parts.headers[1].value == "0123456789abcdef0123456789abcdef");
        CHECK(parts.body == "hello");
    }
}

TEST_CASE("a chunked request body is read whole, and the parts serve the next request")
{
    Parts parts;
    {
        RequestParser parser(parts.method, parts.target, parts.headers, parts.body);
        parser.eager(true);
        CHECK_FALSE(feed(parser,
                         "PUT /a HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nTransfer-Encoding: chunked"
                         "\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
                         5));
        REQUIRE(parser.is_done());
        CHECK(parts.body == "abcde");
        CHECK(parts.headers.size() == 4);
    }
    // The next request on the connection has fewer fields: none of the first one's is left.
    RequestParser parser(parts.method, parts.target, parts.headers, parts.body);
    CHECK_FALSE(feed(parser, "GET /b HTTP/1.0\r\nAccept: */*\r\n\r\n", 64));
    REQUIRE(parser.is_done());
    CHECK(parts.method == "GET");
    CHECK(parts.target == "/b");
    REQUIRE(parts.headers.size() == 1);
    CHECK(parts.headers[0].name == "Accept");
    CHECK(parts.body.empty());
    CHECK(parser.version() == 10);
    CHECK_FALSE(parser.keep_alive());
}

TEST_CASE("the request parser keeps Beast's limits and refusals")
{
    Parts parts;
    RequestParser large(parts.method, parts.target, parts.headers, parts.body);
    large.body_limit(4);
    CHECK(feed(large, "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", 64) ==
          boost::beast::http::error::body_limit);

    RequestParser long_head(parts.method, parts.target, parts.headers, parts.body);
    long_head.header_limit(32);
    CHECK(feed(long_head, "GET / HTTP/1.1\r\nX-Long: " + std::string(64, 'a') + "\r\n\r\n", 8) ==
          boost::beast::http::error::header_limit);

    RequestParser twice(parts.method, parts.target, parts.headers, parts.body);
    CHECK(feed(twice, "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 64));
}

TEST_CASE("a response is read with its status, its reason and its fields")
{
    Response response;
    ResponseParser parser(response);
    CHECK_FALSE(feed(parser,
                     "HTTP/1.0 200 Fine\r\nContent-Type: application/json\r\nContent-Length: 2"
                     "\r\n\r\n{}",
                     3));
    REQUIRE(parser.is_done());
    CHECK(response.status == 200);
    CHECK(parser.status() == 200);
    CHECK(response.reason == "Fine");
    CHECK(response.http_version == "1.0");
    CHECK(response.headers.size() == 2);
    CHECK(response.body == "{}");

    // No reason on the status line: the status's own, as Beast's message gives it.
    Response bare;
    ResponseParser without_reason(bare);
    CHECK_FALSE(feed(without_reason, "HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n", 64));
    CHECK(bare.reason == "Not Found");
    CHECK(bare.http_version == "1.1");

    // A body that runs until the connection closes.
    Response until_eof;
    ResponseParser unframed(until_eof);
    CHECK_FALSE(feed(unframed, "HTTP/1.1 200 OK\r\n\r\nabc", 64));
    boost::beast::error_code error;
    unframed.put_eof(error);
    CHECK_FALSE(error);
    CHECK(unframed.is_done());
    CHECK(until_eof.body == "abc");
}

#include "http/message_head.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace bhttp = boost::beast::http;
using apicat::http::head_bytes;

namespace {

// What Beast's own serializer writes for a head: the gateway's bytes must be the same.
template <bool isRequest> std::string beast_head(const bhttp::header<isRequest>& head)
{
    std::ostringstream out;
    out << head;
    return out.str();
}

} // namespace

TEST_CASE("a request head is written as Beast writes it, fields in their order")
{
    bhttp::request<bhttp::string_body> request{bhttp::verb::get, "/current?zipcode=90210", 11};
    request.insert("Accept", "application/json");
    request.insert("X-Trace", "a");
    request.insert("x-trace", "b"); // repeated, in another case: both kept as they are
    request.set(bhttp::field::host, "127.0.0.1:8080");
    CHECK(head_bytes(request.base()) ==
          "GET /current?zipcode=90210 HTTP/1.1\r\nAccept: application/json\r\nX-Trace: a\r\n"
          "x-trace: b\r\nHost: 127.0.0.1:8080\r\n\r\n");
    CHECK(head_bytes(request.base()) == beast_head(request.base()));

    bhttp::request<bhttp::string_body> custom;
    custom.method_string("PURGE");
    custom.target("/");
    custom.version(10);
    CHECK(head_bytes(custom.base()) == "PURGE / HTTP/1.0\r\n\r\n");
    CHECK(head_bytes(custom.base()) == beast_head(custom.base()));
}

TEST_CASE("a response head carries its status, its reason and its fields")
{
    bhttp::response<bhttp::string_body> ok{bhttp::status::ok, 11};
    ok.set(bhttp::field::content_type, "application/json");
    ok.content_length(77);
    CHECK(head_bytes(ok.base()) ==
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 77\r\n\r\n");

    bhttp::response<bhttp::string_body> relayed;
    relayed.result(299);
    relayed.reason("Custom Thing");
    relayed.version(10);
    CHECK(head_bytes(relayed.base()) == "HTTP/1.0 299 Custom Thing\r\n\r\n");

    bhttp::response<bhttp::string_body> unknown;
    unknown.result(799);
    for (const auto* response : {&ok, &relayed, &unknown}) {
        CHECK(head_bytes(response->base()) == beast_head(response->base()));
    }
}

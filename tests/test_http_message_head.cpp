#include "http/message_head.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <doctest/doctest.h>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace bhttp = boost::beast::http;
using apicat::http::head_bytes;
using apicat::http::request_head;

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

TEST_CASE("an upstream request head is the one a Beast request built from the same parts has")
{
    using Headers = std::vector<apicat::http::Header>;
    struct Example {
        std::string method;
        Headers headers;
        std::optional<std::uint64_t> content_length;
    };
    const std::vector<Example> examples{
        {"GET", {}, std::nullopt},
        {"GET", {{"Accept", "application/json"}, {"X-Trace", "a"}, {"x-trace", "b"}}, std::nullopt},
        // A Host of the caller's is replaced by the upstream's, wherever it was.
        {"GET", {{"host", "gateway.example"}, {"Accept", "*/*"}, {"HOST", "again"}}, std::nullopt},
        {"POST", {{"Content-Type", "text/plain"}, {"content-length", "99"}}, 5},
        {"PUT", {}, 0},
        // Without a length to set, a Content-Length among the headers stays as it was.
        {"DELETE", {{"Content-Length", "0"}}, std::nullopt},
        {"PURGE", {{"X-Empty", ""}}, std::nullopt},
    };
    for (const Example& example : examples) {
        CAPTURE(example.method);
        bhttp::request<bhttp::string_body> beast;
        const bhttp::verb verb = bhttp::string_to_verb(example.method);
        if (verb == bhttp::verb::unknown) {
            beast.method_string(example.method);
        } else {
            beast.method(verb);
        }
        beast.target("/current?zipcode=90210");
        beast.version(11);
        for (const auto& header : example.headers) {
            beast.insert(header.name, header.value);
        }
        beast.set(bhttp::field::host, "127.0.0.1:8080");
        if (example.content_length) {
            beast.content_length(*example.content_length);
        }
        CHECK(request_head(example.method, "/current?zipcode=90210", example.headers,
                           "127.0.0.1:8080", example.content_length) == beast_head(beast.base()));
    }
    CHECK(request_head("GET", "/", {{"Accept", "*/*"}}, "upstream:81", std::nullopt) ==
          "GET / HTTP/1.1\r\nAccept: */*\r\nHost: upstream:81\r\n\r\n");
}

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
using apicat::http::request_head;
using apicat::http::write_response_head;

namespace {

// What Beast's own serializer writes for a head: the gateway's bytes must be the same.
template <bool isRequest> std::string beast_head(const bhttp::header<isRequest>& head)
{
    std::ostringstream out;
    out << head;
    return out.str();
}

std::string response_head(const apicat::http::ResponseHead& head,
                          const std::vector<apicat::http::Header>& headers)
{
    // Over what a previous response left: none of it remains.
    std::string out = "HTTP/1.1 500 Internal Server Error\r\nX-Old: 1\r\n\r\n";
    write_response_head(head, headers, out);
    return out;
}

} // namespace

TEST_CASE("a response head is the one Beast writes for the same response")
{
    using Headers = std::vector<apicat::http::Header>;
    struct Example {
        apicat::http::ResponseHead head;
        Headers headers;
    };
    const Headers json{{"Content-Type", "application/json"}, {"X-Trace", "a"}, {"x-trace", "b"}};
    const std::vector<Example> examples{
        {{11, 200, "", 77, true}, json},
        {{11, 200, "Fine", 0, false}, {}},
        {{10, 200, "", 5, true}, json},
        {{10, 404, "", 5, false}, json},
        // No length: a 204, or a HEAD's response whose upstream gave none.
        {{11, 204, "", std::nullopt, true}, {{"X-Empty", ""}}},
        {{11, 299, "Custom Thing", std::nullopt, false}, {}},
        {{11, 799, "", 2, true}, {}},
    };
    for (const Example& example : examples) {
        CAPTURE(example.head.status);
        CAPTURE(example.head.version);
        bhttp::response<bhttp::string_body> beast;
        beast.result(static_cast<unsigned>(example.head.status));
        if (!example.head.reason.empty()) {
            beast.reason({example.head.reason.data(), example.head.reason.size()});
        }
        beast.version(example.head.version);
        for (const auto& header : example.headers) {
            beast.insert(header.name, header.value);
        }
        if (example.head.content_length) {
            beast.content_length(*example.head.content_length);
        }
        beast.keep_alive(example.head.keep_alive);
        CHECK(response_head(example.head, example.headers) == beast_head(beast.base()));
    }
    CHECK(response_head({11, 200, "", 2, false}, {{"Content-Type", "application/json"}}) ==
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
          "Connection: close\r\n\r\n");
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

#pragma once

// The plain data of one HTTP exchange, kept apart from the client that carries it so code that
// only builds or inspects messages (the gateway engine and its tests) needs no socket code.

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace apicat::http {

// One header field as it travels: name spelled as sent or received, repeats kept in order.
struct Header {
    std::string name;
    std::string value;
};

struct Request {
    std::string method = "GET";
    std::string url;
    std::vector<Header> headers;
    std::string body;
    // Zero means no limit for the whole exchange, and 300 s to connect.
    std::chrono::milliseconds timeout{60000};
    std::chrono::milliseconds connect_timeout{10000};
    // At most five hops; without it a 3xx is returned like any other response.
    bool follow_redirects = false;
    // Protects memory from a runaway upstream: a longer body fails the request.
    std::size_t max_response_body = std::size_t{256} * 1024 * 1024;
};

struct Response {
    int status = 0;
    // Empty when the server sent none, as HTTP/2 never does.
    std::string reason;
    // Only the final response's, when redirects were followed.
    std::vector<Header> headers;
    std::string body;
    // As on the status line without the "HTTP/" prefix: "1.1", "2".
    std::string http_version;
};

} // namespace apicat::http

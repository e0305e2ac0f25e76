#pragma once

// Requests for http::Client as the tests send them, and the header values they read from its
// responses.

#include "http/client.hpp"

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace apicat::test {

// A request to `url`; its two-second timeout bounds a test against a server that hangs.
inline http::Request request_to(std::string url, std::string method = "GET")
{
    http::Request request;
    request.method = std::move(method);
    request.url = std::move(url);
    request.timeout = std::chrono::seconds(2);
    return request;
}

// The values of the header `name` (as spelled), in order.
inline std::vector<std::string> values(const http::Response& response, const std::string& name)
{
    std::vector<std::string> found;
    for (const auto& header : response.headers) {
        if (header.name == name) {
            found.push_back(header.value);
        }
    }
    return found;
}

} // namespace apicat::test

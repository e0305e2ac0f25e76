#pragma once

// A gateway request taken apart: the path (percent-decoded, but for '/'), the query's
// parameters, and header look-ups that ignore case.

#include "http/message.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apicat::gateway {

struct RequestParts {
    std::string path;  // "/sandbox/weather/current"
    std::string query; // "zipcode=90210" (raw, without '?')
    std::vector<std::pair<std::string, std::string>> parameters; // decoded
};

RequestParts split_target(const std::string& target);

std::string percent_decode(const std::string& text, bool keep_encoded_slash);

// A decoded path made fit for a URL again: every byte but '/', letters, digits and the other
// characters a path segment may hold as they are (RFC 3986: "-._~!$&'()*+,;=:@") is
// percent-encoded. The upstream then reads the path the gateway routed and checked: "%3F"
// decoded and sent as it was would start a query, "%20" would end the request line.
std::string percent_encode_path(const std::string& path);

// How many times a header (its name in any case) or a query parameter was sent, and its first
// value (nullptr: none): all a caller needs to refuse a repeated credential or to read a
// value, found without copying one.
struct ValuesFound {
    std::size_t count = 0;
    const std::string* first = nullptr;
};
ValuesFound find_header(const std::vector<http::Header>& headers, std::string_view name);
ValuesFound find_parameter(const RequestParts& parts, std::string_view name);

// The query without the parameters named in `removed`.
std::string query_without(const std::string& query, const std::vector<std::string>& removed);

} // namespace apicat::gateway

#pragma once

// A gateway request taken apart: the path (percent-decoded, but for '/'), the query's
// parameters, and header look-ups that ignore case.

#include "http/message.hpp"

#include <optional>
#include <string>
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

// Values of the header `name`, in order, whatever the case of the names.
std::vector<std::string> header_values(const std::vector<http::Header>& headers,
                                       const std::string& name);

std::vector<std::string> parameter_values(const RequestParts& parts, const std::string& name);

// The query without the parameters named in `removed`.
std::string query_without(const std::string& query, const std::vector<std::string>& removed);

// Standard base64 (for Authorization: Basic); nullopt when malformed.
std::optional<std::string> base64_decode(const std::string& text);

} // namespace apicat::gateway

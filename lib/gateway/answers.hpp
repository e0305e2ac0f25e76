#pragma once

// What the gateway answers itself: a status with its reason phrase, headers and a body, and
// the JSON error body every refusal carries ({"httpCode","httpMessage","moreInformation"}).

#include "http/message.hpp"
#include "http/transport_failure.hpp"

#include <string>
#include <vector>

namespace apicat::gateway {

struct Answer {
    int status = 200;
    std::string reason;
    std::vector<http::Header> headers;
    std::string body;
};

// "OK", "Unauthorized", ...
std::string reason_phrase(int status);

// The JSON error body every refusal carries.
Answer error_answer(int status, const std::string& more_information);

// What a request to an upstream that gave no usable response becomes, whichever front end
// made it: 504 when it timed out, 502 otherwise.
Answer upstream_failure_answer(http::TransportFailure failure, const std::string& host,
                               const std::string& detail);

} // namespace apicat::gateway

#pragma once

// Requests to gateway::Engine as its unit tests build them, and what they read back from its
// decisions: the answer it gave instead of forwarding, and the reason an error answer gives.

#include "gateway/engine.hpp"
#include "http/message.hpp"
#include "json.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace apicat::test {

// A GET of `target` (path and query) with `headers` and no body.
inline gateway::Request get_request(const std::string& target,
                                    std::vector<http::Header> headers = {})
{
    return gateway::Request{"GET", target, std::move(headers), ""};
}

// The engine's answer; the test stops here when the engine forwarded the request instead.
inline gateway::Answer answer_of(const gateway::Decision& decision)
{
    REQUIRE(std::holds_alternative<gateway::Answer>(decision.action));
    return std::get<gateway::Answer>(decision.action);
}

// The moreInformation of an answer's JSON error body.
inline std::string more_information(const gateway::Answer& answer)
{
    return Json::parse(answer.body)["moreInformation"];
}

inline std::string more_information(const gateway::Decision& decision)
{
    return more_information(answer_of(decision));
}

} // namespace apicat::test

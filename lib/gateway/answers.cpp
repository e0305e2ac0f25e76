#include "gateway/answers.hpp"

#include "json.hpp"

#include <map>

namespace apicat::gateway {

std::string reason_phrase(int status)
{
    static const std::map<int, std::string> phrases = {{200, "OK"},
                                                       {201, "Created"},
                                                       {202, "Accepted"},
                                                       {204, "No Content"},
                                                       {301, "Moved Permanently"},
                                                       {302, "Found"},
                                                       {304, "Not Modified"},
                                                       {400, "Bad Request"},
                                                       {401, "Unauthorized"},
                                                       {403, "Forbidden"},
                                                       {404, "Not Found"},
                                                       {405, "Method Not Allowed"},
                                                       {408, "Request Timeout"},
                                                       {409, "Conflict"},
                                                       {413, "Payload Too Large"},
                                                       {422, "Unprocessable Entity"},
                                                       {429, "Too Many Requests"},
                                                       {431, "Request Header Fields Too Large"},
                                                       {500, "Internal Server Error"},
                                                       {502, "Bad Gateway"},
                                                       {503, "Service Unavailable"},
                                                       {504, "Gateway Timeout"}};
    auto it = phrases.find(status);
    return it == phrases.end() ? "" : it->second;
}

Answer error_answer(int status, const std::string& more_information)
{
    Answer answer;
    answer.status = status;
    answer.reason = reason_phrase(status);
    answer.headers.push_back({"Content-Type", "application/json"});
    answer.body = Json{{"httpCode", std::to_string(status)},
                       {"httpMessage", answer.reason},
                       {"moreInformation", more_information}}
                      // A message may quote a path or method that is not UTF-8: such bytes
                      // become U+FFFD rather than an exception.
                      .dump(-1, ' ', false, Json::error_handler_t::replace);
    return answer;
}

Answer upstream_failure_answer(http::TransportFailure failure, const std::string& host,
                               const std::string& detail)
{
    if (failure == http::TransportFailure::timeout) {
        return error_answer(504, "The upstream " + host + " did not answer in time: " + detail);
    }
    // Refused, reset, closed early, not HTTP, too large: the detail tells the caller which.
    return error_answer(502, "No usable response from the upstream " + host + ": " + detail);
}

} // namespace apicat::gateway

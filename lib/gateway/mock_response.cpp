#include "gateway/mock_response.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <cctype>

namespace apicat::gateway {

namespace {

// The first response in 2xx, else the first of any kind.
std::pair<std::string, Json> chosen_response(const Json& responses)
{
    if (!responses.is_object() || responses.empty()) {
        return {"200", Json::object()};
    }
    for (const auto& [code, response] : responses.items()) {
        if (code.size() == 3 && code[0] == '2') {
            return {code, response};
        }
    }
    return {responses.begin().key(), responses.begin().value()};
}

// The status a response's key stands for: "404" is 404 and the range "4XX" 400; "default" or
// anything else (an extension, a typo) is 200, as a mock answers for the operation's success.
// std::stoi made 2 of "2XX" and threw on "x-note".
int status_of(const std::string& code)
{
    const bool valid_class = code.size() == 3 && code[0] >= '1' && code[0] <= '5';
    if (valid_class && std::all_of(code.begin() + 1, code.end(),
                                   [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return std::stoi(code);
    }
    if (valid_class && util::to_upper(code.substr(1)) == "XX") {
        return (code[0] - '0') * 100;
    }
    return 200;
}

// The example and its media type, if the response has one.
std::optional<std::pair<std::string, Json>> example_of(const Json& response,
                                                       openapi::OpenApiVersion version)
{
    if (!response.is_object()) {
        return std::nullopt;
    }
    if (version == openapi::OpenApiVersion::v2) {
        const Json examples = response.value("examples", Json::object());
        if (examples.is_object() && !examples.empty()) {
            return std::pair{examples.begin().key(), examples.begin().value()};
        }
        return std::nullopt;
    }
    const Json content = response.value("content", Json::object());
    for (const auto& [media_type, media] : content.items()) {
        if (media.is_object() && media.contains("example")) {
            return std::pair{media_type, media["example"]};
        }
        const Json examples =
            media.is_object() ? media.value("examples", Json::object()) : Json::object();
        if (examples.is_object() && !examples.empty() && examples.begin()->is_object() &&
            examples.begin()->contains("value")) {
            return std::pair{media_type, (*examples.begin())["value"]};
        }
    }
    return std::nullopt;
}

} // namespace

Answer mock_response(const openapi::Draft& draft, const openapi::Operation& operation)
{
    const Json& op =
        draft.document["paths"][operation.ref.path][util::to_lower(operation.ref.method)];
    auto [code, response] = chosen_response(op.value("responses", Json::object()));
    Answer answer;
    answer.status = status_of(code);
    answer.reason = reason_phrase(answer.status);
    if (auto example = example_of(response, draft.version)) {
        const auto& [media_type, value] = *example;
        bool json = media_type.find("json") != std::string::npos;
        answer.headers.push_back({"Content-Type", media_type});
        answer.body = !json && value.is_string()
                          ? value.get<std::string>()
                          : value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    return answer;
}

} // namespace apicat::gateway

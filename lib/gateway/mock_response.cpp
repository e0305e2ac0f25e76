#include "gateway/mock_response.hpp"

#include "util/text.hpp"

namespace apicat::gateway {

namespace {

// The first response in 2xx, else the first of any kind.
std::pair<std::string, Json> chosen_response(const Json& responses)
{
    for (const auto& [code, response] : responses.items()) {
        if (code.size() == 3 && code[0] == '2') {
            return {code, response};
        }
    }
    if (!responses.empty()) {
        return {responses.begin().key(), responses.begin().value()};
    }
    return {"200", Json::object()};
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
    answer.status = code == "default" ? 200 : std::stoi(code);
    answer.reason = reason_phrase(answer.status);
    if (auto example = example_of(response, draft.version)) {
        const auto& [media_type, value] = *example;
        bool json = media_type.find("json") != std::string::npos;
        answer.headers.push_back({"Content-Type", media_type});
        answer.body = !json && value.is_string() ? value.get<std::string>() : value.dump();
    }
    return answer;
}

} // namespace apicat::gateway

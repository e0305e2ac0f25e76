#include "gateway/mock_response.hpp"

#include "gateway/schema_sample.hpp"
#include "openapi/local_ref.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace apicat::gateway {

namespace {

// What the call asks of the mock in its Prefer headers (RFC 7240), in Prism's words:
// `Prefer: code=404, example=cat`. Empty when not asked.
struct Preferences {
    std::string code;
    std::string example;
};

std::string_view unquoted(std::string_view text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        return text.substr(1, text.size() - 2);
    }
    return text;
}

void read_preference(std::string_view token, Preferences& preferences)
{
    const auto equals = token.find('=');
    if (equals == std::string_view::npos) {
        return;
    }
    const std::string name = util::to_lower(std::string(util::trimmed(token.substr(0, equals))));
    const std::string value(unquoted(util::trimmed(token.substr(equals + 1))));
    if (name == "code") {
        preferences.code = value;
    } else if (name == "example") {
        preferences.example = value;
    }
}

Preferences preferences_of(const std::vector<http::Header>& headers)
{
    Preferences preferences;
    for (const http::Header& header : headers) {
        if (util::to_lower(header.name) != "prefer") {
            continue;
        }
        std::string_view rest = header.value;
        while (!rest.empty()) {
            const auto end = rest.find_first_of(",;");
            read_preference(rest.substr(0, end), preferences);
            rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        }
    }
    return preferences;
}

bool is_status_code(const std::string& text)
{
    return text.size() == 3 && text[0] >= '1' && text[0] <= '5' &&
           std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

// The status a response's key stands for: "404" is 404 and the range "4XX" 400; "default" or
// anything else (an extension, a typo) is 200, as a mock answers for the operation's success.
// std::stoi made 2 of "2XX" and threw on "x-note".
int status_of(const std::string& code)
{
    if (is_status_code(code)) {
        return std::stoi(code);
    }
    const bool valid_class = code.size() == 3 && code[0] >= '1' && code[0] <= '5';
    if (valid_class && util::to_upper(code.substr(1)) == "XX") {
        return (code[0] - '0') * 100;
    }
    return 200;
}

struct ChosenResponse {
    int status = 200;
    Json response; // with its `$ref` followed
};

ChosenResponse chosen(int status, const Json& document, const Json& response)
{
    const Json* target = openapi::resolved(document, response);
    return {status, target != nullptr && target->is_object() ? *target : Json::object()};
}

// The response documented for the status `code` asks for: its own, else its range's ("4XX"),
// else `default`, the response for every status the others leave out, as Prism answers.
std::optional<ChosenResponse> preferred_response(const Json& responses, const std::string& code,
                                                 const Json& document)
{
    if (!is_status_code(code)) {
        return std::nullopt;
    }
    for (const std::string& key :
         {code, code.substr(0, 1) + "XX", code.substr(0, 1) + "xx", std::string("default")}) {
        if (responses.contains(key)) {
            return chosen(std::stoi(code), document, responses[key]);
        }
    }
    return std::nullopt;
}

// The first response in 2xx, else the first of any kind.
ChosenResponse default_response(const Json& responses, const Json& document)
{
    if (responses.empty()) {
        return {200, Json::object()};
    }
    for (const auto& [code, response] : responses.items()) {
        if (code.size() == 3 && code[0] == '2') {
            return chosen(status_of(code), document, response);
        }
    }
    return chosen(status_of(responses.begin().key()), document, responses.begin().value());
}

// The response `Prefer: code=` asks for when the operation documents it. Prism answers a code
// the operation does not document (nor a `default`) with a 404 of its own ("Requested status
// code 500 is not defined in the document"); apicat's mock answers as if not asked, so that a
// preference a client sends to every API cannot turn a documented success into an
// undocumented error.
ChosenResponse response_for(const Json& responses, const Preferences& preferences,
                            const Json& document)
{
    if (!responses.is_object()) {
        return {200, Json::object()};
    }
    return preferred_response(responses, preferences.code, document)
        .value_or(default_response(responses, document));
}

struct Body {
    std::string media_type;
    Json value;
};

bool is_json(const std::string& media_type)
{
    return util::to_lower(media_type).find("json") != std::string::npos;
}

// An OpenAPI 3 Example Object's value, following its `$ref` into components.examples.
std::optional<Json> example_value(const Json& example, const Json& document)
{
    const Json* target = openapi::resolved(document, example);
    if (target == nullptr || !target->is_object() || !target->contains("value")) {
        return std::nullopt;
    }
    return (*target)["value"];
}

// The 3.x `examples` entry named `name`, in whichever media type has it.
std::optional<Body> named_example(const Json& content, const std::string& name,
                                  const Json& document)
{
    for (const auto& [media_type, media] : content.items()) {
        const Json examples = media.is_object() ? media.value("examples", Json::object()) : Json();
        if (examples.is_object() && examples.contains(name)) {
            if (auto value = example_value(examples[name], document)) {
                return Body{media_type, *value};
            }
        }
    }
    return std::nullopt;
}

// The first media type's `example`, or the first of its `examples`.
std::optional<Body> first_example(const Json& content, const Json& document)
{
    for (const auto& [media_type, media] : content.items()) {
        if (!media.is_object()) {
            continue;
        }
        if (media.contains("example")) {
            return Body{media_type, media["example"]};
        }
        const Json examples = media.value("examples", Json::object());
        if (examples.is_object() && !examples.empty()) {
            if (auto value = example_value(examples.begin().value(), document)) {
                return Body{media_type, *value};
            }
        }
    }
    return std::nullopt;
}

// The example the response documents. A name `Prefer: example=` asks for that the response
// has not falls back to its first example (Prism answers 404 there, as for an unknown code).
std::optional<Body> example_body(const Json& response, const openapi::Draft& draft,
                                 const std::string& wanted)
{
    if (draft.version == openapi::OpenApiVersion::v2) {
        const Json examples = response.value("examples", Json::object());
        if (examples.is_object() && !examples.empty()) {
            return Body{examples.begin().key(), examples.begin().value()};
        }
        return std::nullopt;
    }
    const Json content = response.value("content", Json::object());
    if (!content.is_object()) {
        return std::nullopt;
    }
    std::optional<Body> named =
        wanted.empty() ? std::nullopt : named_example(content, wanted, draft.document);
    return named ? named : first_example(content, draft.document);
}

// The media types a 2.0 operation produces: its own `produces`, else the document's.
std::vector<std::string> produced_media_types(const Json& operation, const Json& document)
{
    const Json& produces =
        operation.contains("produces") ? operation["produces"] : document.value("produces", Json());
    std::vector<std::string> media_types;
    if (produces.is_array()) {
        for (const Json& media_type : produces) {
            if (media_type.is_string()) {
                media_types.push_back(media_type.get<std::string>());
            }
        }
    }
    return media_types;
}

// The first JSON one, else the first; 2.0 documents that say nothing produce JSON, as
// Prism assumes too.
std::string chosen_media_type(const std::vector<std::string>& media_types)
{
    auto json = std::find_if(media_types.begin(), media_types.end(), is_json);
    if (json != media_types.end()) {
        return *json;
    }
    return media_types.empty() ? "application/json" : media_types.front();
}

// The schema of the response's body and the media type it goes out as.
std::optional<std::pair<std::string, Json>> schema_of(const Json& response, const Json& operation,
                                                      const openapi::Draft& draft)
{
    if (draft.version == openapi::OpenApiVersion::v2) {
        if (!response.contains("schema")) {
            return std::nullopt;
        }
        return std::pair{chosen_media_type(produced_media_types(operation, draft.document)),
                         response["schema"]};
    }
    const Json content = response.value("content", Json::object());
    if (!content.is_object()) {
        return std::nullopt;
    }
    std::vector<std::string> with_schema;
    for (const auto& [media_type, media] : content.items()) {
        if (media.is_object() && media.contains("schema")) {
            with_schema.push_back(media_type);
        }
    }
    if (with_schema.empty()) {
        return std::nullopt;
    }
    const std::string media_type = chosen_media_type(with_schema);
    return std::pair{media_type, content[media_type]["schema"]};
}

// A body made from the response's schema. None for a media type that is neither JSON nor
// text a string sample fits: apicat writes no XML, and JSON labelled as XML would be a lie.
std::optional<Body> generated_body(const Json& response, const Json& operation,
                                   const openapi::Draft& draft)
{
    auto schema = schema_of(response, operation, draft);
    if (!schema) {
        return std::nullopt;
    }
    Json value = schema_sample(schema->second, draft.document);
    if (!is_json(schema->first) && !value.is_string()) {
        return std::nullopt;
    }
    return Body{schema->first, value};
}

// A header's value in OpenAPI's `simple` style: an array's items joined by commas. None for
// an object or null, and for text a header cannot carry (a line break would end the header).
std::optional<std::string> header_text(const Json& value)
{
    std::string text;
    if (value.is_string()) {
        text = value.get<std::string>();
    } else if (value.is_array()) {
        for (const Json& item : value) {
            std::optional<std::string> item_text = header_text(item);
            if (!item_text) {
                return std::nullopt;
            }
            text += (text.empty() ? "" : ",") + *item_text;
        }
    } else if (value.is_null() || value.is_object()) {
        return std::nullopt;
    } else {
        text = value.dump();
    }
    const bool printable = std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return c == '\t' || (c >= 0x20 && c != 0x7f);
    });
    return printable ? std::optional(text) : std::nullopt;
}

// A documented response header's sample: its example, or one made from its schema (OpenAPI 2.0
// writes the schema's keywords on the header itself).
Json header_sample(const Json& header, const openapi::Draft& draft)
{
    if (draft.version == openapi::OpenApiVersion::v2) {
        return schema_sample(header, draft.document);
    }
    if (header.contains("example")) {
        return header["example"];
    }
    const Json examples = header.value("examples", Json::object());
    if (examples.is_object() && !examples.empty()) {
        if (auto value = example_value(examples.begin().value(), draft.document)) {
            return *value;
        }
    }
    return schema_sample(header.value("schema", Json::object()), draft.document);
}

// The headers the response documents, each with its sample, as Prism sends them and Dredd
// expects them; but not those that frame the message, which the gateway writes itself.
std::vector<http::Header> documented_headers(const Json& response, const openapi::Draft& draft)
{
    static const std::vector<std::string> framing = {"content-type", "content-length",
                                                     "transfer-encoding", "connection"};
    std::vector<http::Header> documented;
    const Json headers = response.value("headers", Json::object());
    if (!headers.is_object()) {
        return documented;
    }
    for (const auto& [name, header] : headers.items()) {
        const Json* target = openapi::resolved(draft.document, header);
        if (std::find(framing.begin(), framing.end(), util::to_lower(name)) != framing.end() ||
            target == nullptr || !target->is_object()) {
            continue;
        }
        if (std::optional<std::string> text = header_text(header_sample(*target, draft))) {
            documented.push_back({name, *text});
        }
    }
    return documented;
}

// HTTP forbids a body in these (RFC 9110 sections 15.2, 15.3.5 and 15.4.5).
bool has_no_body(int status)
{
    return status < 200 || status == 204 || status == 304;
}

std::string encoded(const Body& body)
{
    if (!is_json(body.media_type) && body.value.is_string()) {
        return body.value.get<std::string>();
    }
    return body.value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

} // namespace

Answer mock_response(const openapi::Draft& draft, const openapi::Operation& operation,
                     const std::vector<http::Header>& request_headers)
{
    const Json& op =
        draft.document["paths"][operation.ref.path][util::to_lower(operation.ref.method)];
    const Preferences preferences = preferences_of(request_headers);
    const ChosenResponse choice =
        response_for(op.value("responses", Json::object()), preferences, draft.document);
    Answer answer;
    answer.status = choice.status;
    answer.reason = reason_phrase(answer.status);
    answer.headers = documented_headers(choice.response, draft);
    if (has_no_body(answer.status)) {
        return answer;
    }
    std::optional<Body> body = example_body(choice.response, draft, preferences.example);
    if (!body) {
        body = generated_body(choice.response, op, draft);
    }
    if (body) {
        answer.headers.push_back({"Content-Type", body->media_type});
        answer.body = encoded(*body);
    }
    return answer;
}

} // namespace apicat::gateway

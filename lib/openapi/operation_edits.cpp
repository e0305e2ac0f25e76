#include "openapi/operation_edits.hpp"

#include "errors.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace apicat::openapi {

namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (true) {
        auto end = text.find(separator, begin);
        parts.push_back(text.substr(begin, end - begin));
        if (end == std::string::npos) {
            return parts;
        }
        begin = end + 1;
    }
}

bool one_of(const std::string& value, std::initializer_list<const char*> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// Names in "{…}" of a path template, in order.
std::vector<std::string> template_parameters(const std::string& path)
{
    std::vector<std::string> names;
    for (auto open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
        auto close = path.find('}', open);
        if (close == std::string::npos) {
            throw UsageError(fmt::format("invalid path '{}': '{{' without '}}'", path));
        }
        names.push_back(path.substr(open + 1, close - open - 1));
    }
    return names;
}

// GET /current → getCurrent; GET /items/{id} → getItemsById; POST / → postRoot.
std::string operation_id_for(const OperationRef& ref, const std::vector<std::string>& taken)
{
    std::string id = util::to_lower(ref.method);
    for (const std::string& segment : split(ref.path, '/')) {
        if (segment.empty()) {
            continue;
        }
        bool parameter = segment.front() == '{' && segment.back() == '}';
        std::string word = parameter ? segment.substr(1, segment.size() - 2) : segment;
        std::string camel;
        bool upper_next = true;
        for (char c : word) {
            if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
                upper_next = true;
                continue;
            }
            camel +=
                upper_next ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upper_next = false;
        }
        id += (parameter ? "By" : "") + util::capitalized(camel);
    }
    if (id == util::to_lower(ref.method)) {
        id += "Root";
    }
    std::string unique = id;
    for (int n = 2; std::find(taken.begin(), taken.end(), unique) != taken.end(); ++n) {
        unique = id + std::to_string(n);
    }
    return unique;
}

std::string reason_phrase(const std::string& code)
{
    static const std::map<std::string, std::string> phrases = {{"200", "OK"},
                                                               {"201", "Created"},
                                                               {"202", "Accepted"},
                                                               {"204", "No Content"},
                                                               {"301", "Moved Permanently"},
                                                               {"302", "Found"},
                                                               {"304", "Not Modified"},
                                                               {"400", "Bad Request"},
                                                               {"401", "Unauthorized"},
                                                               {"403", "Forbidden"},
                                                               {"404", "Not Found"},
                                                               {"409", "Conflict"},
                                                               {"422", "Unprocessable Entity"},
                                                               {"429", "Too Many Requests"},
                                                               {"500", "Internal Server Error"},
                                                               {"502", "Bad Gateway"},
                                                               {"503", "Service Unavailable"},
                                                               {"default", "Unexpected error"}};
    auto it = phrases.find(code);
    return it == phrases.end() ? "Response" : it->second;
}

Json parameter_json(const ParameterSpec& parameter, OpenApiVersion version)
{
    Json json = Json::object();
    json["name"] = parameter.name;
    json["in"] = parameter.in;
    if (parameter.required || parameter.in == "path") {
        json["required"] = true;
    }
    Json schema = Json::object();
    schema["type"] = parameter.type;
    if (parameter.type == "array") {
        schema["items"] = Json::object({{"type", "string"}});
    }
    if (version == OpenApiVersion::v2) {
        for (auto& [key, value] : schema.items()) {
            json[key] = value;
        }
    } else {
        json["schema"] = schema;
    }
    return json;
}

Json response_json(const ResponseSpec& response, const std::optional<Json>& example,
                   OpenApiVersion version)
{
    Json json = Json::object();
    json["description"] = response.description;
    if (example) {
        if (version == OpenApiVersion::v2) {
            json["examples"]["application/json"] = *example;
        } else {
            json["content"]["application/json"]["example"] = *example;
        }
    }
    return json;
}

void check_parameter_place(const ParameterSpec& parameter, OpenApiVersion version)
{
    bool v2 = version == OpenApiVersion::v2;
    if (parameter.in == "formData" && !v2) {
        throw UsageError("formData parameters are OpenAPI 2.0; in 3.x send a request body");
    }
    if (parameter.in == "cookie" && v2) {
        throw UsageError("cookie parameters are OpenAPI 3.x; OpenAPI 2.0 has none");
    }
}

} // namespace

ParameterSpec parse_parameter_spec(const std::string& text)
{
    std::vector<std::string> parts = split(text, ':');
    const char* form = "write NAME:IN[:TYPE][:required], e.g. zipcode:query:string:required";
    if (parts.size() < 2 || parts.size() > 4 || parts[0].empty()) {
        throw UsageError(fmt::format("invalid parameter '{}'", text), form, Input::parameter);
    }
    ParameterSpec spec;
    spec.name = parts[0];
    spec.in = parts[1];
    if (!one_of(spec.in, {"query", "header", "path", "formData", "cookie"})) {
        throw UsageError(fmt::format("invalid parameter '{}': unknown place '{}'", text, spec.in),
                         "the place is one of query, header, path, formData (2.0), cookie (3.x)",
                         Input::parameter);
    }
    for (std::size_t i = 2; i < parts.size(); ++i) {
        if (parts[i] == "required") {
            spec.required = true;
        } else if (i == 2 &&
                   one_of(parts[i], {"string", "integer", "number", "boolean", "array"})) {
            spec.type = parts[i];
        } else {
            throw UsageError(fmt::format("invalid parameter '{}': unknown '{}'", text, parts[i]),
                             "the type is one of string, integer, number, boolean, array; then "
                             "optionally 'required'",
                             Input::parameter);
        }
    }
    return spec;
}

ResponseSpec parse_response_spec(const std::string& text)
{
    auto colon = text.find(':');
    ResponseSpec spec{text.substr(0, colon), ""};
    bool numeric = spec.code.size() == 3 &&
                   std::all_of(spec.code.begin(), spec.code.end(), ::isdigit) &&
                   spec.code[0] >= '1' && spec.code[0] <= '5';
    if (!numeric && spec.code != "default") {
        throw UsageError(fmt::format("invalid response '{}'", text),
                         "write CODE[:DESCRIPTION] with a status from 100 to 599 or 'default', "
                         "e.g. 404:Not found",
                         Input::response);
    }
    spec.description =
        colon == std::string::npos ? reason_phrase(spec.code) : text.substr(colon + 1);
    return spec;
}

Json operation_json(const OperationSpec& spec, OpenApiVersion version,
                    const std::vector<std::string>& taken_operation_ids)
{
    std::string method = util::to_lower(spec.ref.method);
    if (!is_operation_method(version, method)) {
        throw UsageError(fmt::format("{} operations are OpenAPI 3.x only", spec.ref.method));
    }
    std::vector<ParameterSpec> parameters = spec.parameters;
    for (const std::string& name : template_parameters(spec.ref.path)) {
        auto given =
            std::find_if(parameters.begin(), parameters.end(),
                         [&](const ParameterSpec& p) { return p.name == name && p.in == "path"; });
        if (given == parameters.end()) {
            parameters.push_back(ParameterSpec{name, "path", "string", true});
        }
    }
    Json operation = Json::object();
    operation["operationId"] = operation_id_for(spec.ref, taken_operation_ids);
    if (!parameters.empty()) {
        operation["parameters"] = Json::array();
        for (const ParameterSpec& parameter : parameters) {
            check_parameter_place(parameter, version);
            operation["parameters"].push_back(parameter_json(parameter, version));
        }
    }
    std::vector<ResponseSpec> responses = spec.responses;
    if (responses.empty()) {
        responses.push_back(ResponseSpec{"200", "OK"});
    }
    operation["responses"] = Json::object();
    for (std::size_t i = 0; i < responses.size(); ++i) {
        operation["responses"][responses[i].code] =
            response_json(responses[i], i == 0 ? spec.example : std::nullopt, version);
    }
    return operation;
}

std::string add_operation(DocumentEditor& editor, const Draft& draft, const OperationSpec& spec,
                          bool force)
{
    std::vector<std::string> taken;
    const Json* existing = nullptr;
    for (const Operation& operation : list_operations(draft)) {
        bool same = operation.ref.method == spec.ref.method && operation.ref.path == spec.ref.path;
        if (same) {
            existing = &draft.document["paths"][spec.ref.path][util::to_lower(spec.ref.method)];
        } else {
            taken.push_back(operation.operation_id);
        }
    }
    Json operation = operation_json(spec, draft.version, taken);
    Path path = {"paths", spec.ref.path, util::to_lower(spec.ref.method)};
    if (existing != nullptr) {
        if (*existing == operation) {
            return fmt::format("operation {} is already there", spec.ref.str());
        }
        if (!force) {
            throw Error(fmt::format("{}: operation {} already exists with other content",
                                    draft.source.file, spec.ref.str()),
                        "replace it, or remove it first with 'apicat operation remove'",
                        Input::force);
        }
        editor.set(path, operation);
        return fmt::format("replaced operation {}", spec.ref.str());
    }
    editor.set(path, operation);
    return fmt::format("added operation {} ({})", spec.ref.str(),
                       operation["operationId"].get<std::string>());
}

std::string remove_operation(DocumentEditor& editor, const Draft& draft, const OperationRef& ref)
{
    Operation operation = find_operation(draft, ref);
    std::size_t siblings = 0;
    for (const Operation& other : list_operations(draft)) {
        siblings += other.ref.path == ref.path ? 1 : 0;
    }
    if (siblings == 1) {
        editor.remove({"paths", ref.path});
    } else {
        editor.remove(operation.where);
    }
    return fmt::format("removed operation {}", ref.str());
}

} // namespace apicat::openapi

#include "assembly/variables.hpp"

#include "util/percent_encoding.hpp"

#include <algorithm>

namespace apicat::assembly {

namespace {

// A property's value as text: properties are usually strings, but YAML makes numbers and
// booleans of unquoted ones.
std::string property_text(const Json& value)
{
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? std::string() : value.dump();
}

// The names of a parameter list's entries, following local $refs ("#/parameters/zipcode").
void add_parameter_names(const Json& document, const Json& parameters,
                         std::vector<std::string>& names)
{
    if (!parameters.is_array()) {
        return;
    }
    for (const Json& parameter : parameters) {
        const Json* entry = &parameter;
        if (parameter.is_object() && parameter.contains("$ref") && parameter["$ref"].is_string()) {
            std::string ref = parameter["$ref"];
            if (ref.rfind("#/", 0) == 0) {
                try {
                    entry = &document.at(Json::json_pointer(ref.substr(1)));
                } catch (const Json::exception&) {
                    continue; // validation reports the broken $ref
                }
            }
        }
        if (entry->is_object() && (*entry)["name"].is_string()) {
            names.push_back((*entry)["name"]);
        }
    }
}

// What a known name stands for: text now, or a piece the call fills in.
std::optional<CallPiece> look_up(const std::string& name, const Scope& scope)
{
    if (name == "request.path") {
        return CallPiece{CallPiece::Kind::request_path, {}};
    }
    if (name == "request.search") {
        return CallPiece{CallPiece::Kind::request_search, {}};
    }
    static const std::string parameters = "request.parameters.";
    if (name.rfind(parameters, 0) == 0) {
        std::string parameter = name.substr(parameters.size());
        if (std::find(scope.parameters.begin(), scope.parameters.end(), parameter) ==
            scope.parameters.end()) {
            return std::nullopt;
        }
        return CallPiece{CallPiece::Kind::parameter, parameter};
    }
    if (auto known = scope.known.find(name); known != scope.known.end()) {
        return CallPiece{CallPiece::Kind::text, known->second};
    }
    static const std::string properties = "api.properties.";
    std::string property = name.rfind(properties, 0) == 0 ? name.substr(properties.size()) : name;
    if (auto found = scope.properties.find(property); found != scope.properties.end()) {
        return CallPiece{CallPiece::Kind::text, found->second};
    }
    return std::nullopt;
}

void append_text(CallTemplate& resolved, const std::string& text)
{
    if (!resolved.pieces.empty() && resolved.pieces.back().kind == CallPiece::Kind::text) {
        resolved.pieces.back().text += text;
    } else {
        resolved.pieces.push_back(CallPiece{CallPiece::Kind::text, text});
    }
}

} // namespace

std::string_view CallTemplate::literal_prefix() const
{
    return !pieces.empty() && pieces.front().kind == CallPiece::Kind::text
               ? std::string_view(pieces.front().text)
               : std::string_view();
}

std::string render(const CallTemplate& resolved, const CallValues& values, Placement placement)
{
    std::string out;
    for (const CallPiece& piece : resolved.pieces) {
        switch (piece.kind) {
        case CallPiece::Kind::text:
            out += piece.text;
            break;
        case CallPiece::Kind::request_path:
            out += values.path;
            break;
        case CallPiece::Kind::request_search:
            out += values.search;
            break;
        case CallPiece::Kind::parameter:
            if (std::optional<std::string> value = values.parameter(piece.text)) {
                if (placement == Placement::url) {
                    out += util::percent_encode_component(*value);
                } else {
                    // A decoded value may hold a line break, which would end the header.
                    for (char c : *value) {
                        if (c != '\r' && c != '\n' && c != '\0') {
                            out += c;
                        }
                    }
                }
            }
            break;
        }
    }
    return out;
}

std::map<std::string, std::string> api_properties(const Json& document, const std::string& catalog)
{
    std::map<std::string, std::string> properties;
    const Json& configuration = member_or_null(document, "x-ibm-configuration");
    const Json& declared = member_or_null(configuration, "properties");
    if (declared.is_object()) {
        for (const auto& [name, property] : declared.items()) {
            properties[name] = property_text(member_or_null(property, "value"));
        }
    }
    const Json& catalog_properties = member_or_null(
        member_or_null(member_or_null(configuration, "catalogs"), catalog), "properties");
    if (catalog_properties.is_object()) {
        for (const auto& [name, value] : catalog_properties.items()) {
            properties[name] = property_text(value);
        }
    }
    return properties;
}

Scope operation_scope(const openapi::Draft& draft, const openapi::Operation& operation,
                      const std::string& catalog)
{
    Scope scope;
    scope.properties = api_properties(draft.document, catalog);
    const Json& info = member_or_null(draft.document, "info");
    scope.known = {{"api.root", openapi::base_path(draft)},
                   {"api.operation.path", operation.ref.path},
                   {"api.operation.id", operation.operation_id},
                   {"api.name", property_text(member_or_null(info, "x-ibm-name"))},
                   {"api.version", openapi::api_version(draft)},
                   {"api.catalog.name", catalog}};
    const Json& path_item =
        member_or_null(member_or_null(draft.document, "paths"), operation.ref.path);
    add_parameter_names(draft.document, member_or_null(path_item, "parameters"), scope.parameters);
    add_parameter_names(
        draft.document,
        member_or_null(member_or_null(path_item, operation.where.back()), "parameters"),
        scope.parameters);
    return scope;
}

Resolution resolve(const std::string& text, const Scope& scope)
{
    Resolution resolution;
    std::size_t at = 0;
    while (at < text.size()) {
        auto open = text.find("$(", at);
        auto close = open == std::string::npos ? open : text.find(')', open + 2);
        if (close == std::string::npos) {
            append_text(resolution.resolved, text.substr(at));
            break;
        }
        append_text(resolution.resolved, text.substr(at, open - at));
        std::string name = text.substr(open + 2, close - open - 2);
        if (std::optional<CallPiece> piece = look_up(name, scope)) {
            if (piece->kind == CallPiece::Kind::text) {
                append_text(resolution.resolved, piece->text);
            } else {
                resolution.resolved.pieces.push_back(*piece);
            }
        } else {
            resolution.undefined.push_back(name);
        }
        at = close + 1;
    }
    return resolution;
}

} // namespace apicat::assembly

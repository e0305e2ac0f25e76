#include "openapi/draft.hpp"

#include "errors.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace apicat::openapi {

namespace {

std::string string_at(const Json& object, const char* key)
{
    if (!object.is_object()) {
        return {};
    }
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

OpenApiVersion detect_version(const Json& document, const std::string& file)
{
    const char* hint = "an OpenAPI draft starts with \"swagger: '2.0'\" or \"openapi: 3.0.3\"";
    if (!document.is_object()) {
        throw Error(
            fmt::format("{}: not an OpenAPI document: the top level is not a mapping", file), hint);
    }
    if (document.contains("swagger")) {
        const Json& swagger = document["swagger"];
        if (swagger.is_string() && swagger.get<std::string>() == "2.0") {
            return OpenApiVersion::v2;
        }
        throw Error(fmt::format("{}: unsupported swagger version {} (apicat reads '2.0')", file,
                                swagger.dump()),
                    swagger.is_number() ? "quote it: swagger: '2.0'" : hint);
    }
    if (document.contains("openapi")) {
        const Json& openapi = document["openapi"];
        std::string text = openapi.is_string() ? openapi.get<std::string>() : "";
        if (text.rfind("3.0", 0) == 0 || text.rfind("3.1", 0) == 0) {
            return OpenApiVersion::v3;
        }
        throw Error(fmt::format("{}: unsupported openapi version {} (apicat reads 3.0 and 3.1)",
                                file, openapi.dump()),
                    openapi.is_number() ? "quote it: openapi: '3.0.3'" : hint);
    }
    throw Error(
        fmt::format("{}: not an OpenAPI document: it has no 'swagger' or 'openapi' field", file),
        hint);
}

// The path part of a server URL: "https://api.example.com/v1" → "/v1"; "/v1" → "/v1".
std::string url_path(const std::string& url)
{
    std::string path = url;
    auto scheme = url.find("://");
    if (scheme != std::string::npos) {
        auto slash = url.find('/', scheme + 3);
        path = slash == std::string::npos ? "" : url.substr(slash);
    }
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    return path == "/" ? "" : path;
}

} // namespace

Draft draft_from_source(Source source)
{
    Json document = parse_source(source);
    OpenApiVersion version = detect_version(document, source.file);
    return Draft{std::move(source), std::move(document), version};
}

Draft load_draft(const std::string& file)
{
    return draft_from_source(read_source(file));
}

std::string openapi_version_text(const Draft& draft)
{
    return string_at(draft.document, draft.version == OpenApiVersion::v2 ? "swagger" : "openapi");
}

Path security_definitions_path(OpenApiVersion version)
{
    if (version == OpenApiVersion::v2) {
        return {"securityDefinitions"};
    }
    return {"components", "securitySchemes"};
}

Json security_definitions(const Draft& draft)
{
    const Json* node = &draft.document;
    for (const std::string& step : security_definitions_path(draft.version)) {
        if (!node->is_object() || !node->contains(step)) {
            return Json::object();
        }
        node = &(*node)[step];
    }
    return node->is_object() ? *node : Json::object();
}

std::vector<std::string> security_definition_names(const Draft& draft)
{
    std::vector<std::string> names;
    const Json definitions = security_definitions(draft);
    for (const auto& [name, definition] : definitions.items()) {
        names.push_back(name);
    }
    return names;
}

std::string api_title(const Draft& draft)
{
    return string_at(draft.document.value("info", Json::object()), "title");
}

std::string api_version(const Draft& draft)
{
    const Json info = draft.document.value("info", Json::object());
    auto it = info.find("version");
    if (it == info.end()) {
        return {};
    }
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string base_path(const Draft& draft)
{
    if (draft.version == OpenApiVersion::v2) {
        std::string path = string_at(draft.document, "basePath");
        return path == "/" ? "" : path;
    }
    const Json servers = draft.document.value("servers", Json::array());
    if (servers.is_array() && !servers.empty()) {
        return url_path(string_at(servers[0], "url"));
    }
    return {};
}

Path base_path_path(OpenApiVersion version)
{
    return version == OpenApiVersion::v2 ? Path{"basePath"} : Path{"servers", "0", "url"};
}

bool is_reserved_base_path(std::string_view base_path)
{
    return base_path == "/-" || base_path.starts_with("/-/");
}

Path upstream_path()
{
    return {"x-ibm-configuration", "assembly", "execute", "0", "invoke", "target-url"};
}

namespace {

// The first invoke or proxy with a target-url under `node`, in document order: at the top of
// execute, after other policies, or inside the cases of a switch.
std::optional<std::string> first_target_url(const Json& node)
{
    if (node.is_object()) {
        for (const char* policy : {"invoke", "proxy"}) {
            std::string target = string_at(member_or_null(node, policy), "target-url");
            if (!target.empty()) {
                return target;
            }
        }
    }
    if (node.is_object() || node.is_array()) {
        for (const Json& value : node) {
            if (auto target = first_target_url(value)) {
                return target;
            }
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> upstream(const Draft& draft)
{
    const Json& assembly =
        member_or_null(member_or_null(draft.document, "x-ibm-configuration"), "assembly");
    return first_target_url(member_or_null(assembly, "execute"));
}

bool is_operation_method(OpenApiVersion version, const std::string& method)
{
    static const std::vector<std::string> methods = {"get",     "put",  "post",  "delete",
                                                     "options", "head", "patch", "trace"};
    if (method == "trace") {
        return version == OpenApiVersion::v3;
    }
    return std::find(methods.begin(), methods.end(), method) != methods.end();
}

OperationRef parse_operation_ref(const std::string& text)
{
    auto space = text.find(' ');
    std::string method = space == std::string::npos ? "" : text.substr(0, space);
    std::string path = space == std::string::npos ? "" : text.substr(space + 1);
    while (!path.empty() && path.front() == ' ') {
        path.erase(0, 1);
    }
    bool method_ok = !method.empty() && std::all_of(method.begin(), method.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0;
    });
    if (!method_ok || path.empty() || path.front() != '/' ||
        path.find_first_of(" \t\r\n") != std::string::npos) {
        throw UsageError(fmt::format("invalid operation '{}'", text),
                         "write the method and the path, quoted: 'GET /current'");
    }
    if (!is_operation_method(OpenApiVersion::v3, util::to_lower(method))) {
        throw UsageError(fmt::format("invalid operation '{}': unknown method '{}'", text, method),
                         "use one of GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE");
    }
    return OperationRef{util::to_upper(method), path};
}

std::vector<Operation> list_operations(const Draft& draft)
{
    std::vector<Operation> operations;
    const Json paths = draft.document.value("paths", Json::object());
    if (!paths.is_object()) {
        return operations;
    }
    for (const auto& [path, item] : paths.items()) {
        if (!item.is_object()) {
            continue;
        }
        for (const auto& [method, operation] : item.items()) {
            if (!is_operation_method(draft.version, method) || !operation.is_object()) {
                continue;
            }
            operations.push_back(Operation{OperationRef{util::to_upper(method), path},
                                           string_at(operation, "operationId"),
                                           Path{"paths", path, method}});
        }
    }
    return operations;
}

Operation find_operation(const Draft& draft, const OperationRef& ref)
{
    std::vector<Operation> operations = list_operations(draft);
    std::vector<std::string> names;
    for (const Operation& operation : operations) {
        if (operation.ref.method == ref.method && operation.ref.path == ref.path) {
            return operation;
        }
        names.push_back(operation.ref.str());
    }
    std::string hint = util::did_you_mean(ref.str(), names);
    if (hint.empty()) {
        hint = names.empty()
                   ? "the draft has no operations yet; add one with 'apicat operation add'"
                   : "its operations: " + fmt::format("{}", fmt::join(names, ", "));
    }
    throw Error(fmt::format("{}: no operation '{}'", draft.source.file, ref.str()), hint);
}

std::vector<SecurityOption> security_options(const Json& security_list)
{
    std::vector<SecurityOption> options;
    if (!security_list.is_array()) {
        return options;
    }
    for (const Json& requirement : security_list) {
        SecurityOption option;
        if (requirement.is_object()) {
            for (const auto& [name, scopes] : requirement.items()) {
                option.push_back(name);
            }
        }
        options.push_back(std::move(option));
    }
    return options;
}

EffectiveSecurity effective_security(const Draft& draft, const Operation& operation)
{
    const Json& op =
        draft.document["paths"][operation.ref.path][util::to_lower(operation.ref.method)];
    if (op.contains("security")) {
        return EffectiveSecurity{security_options(op["security"]), true};
    }
    return EffectiveSecurity{security_options(draft.document.value("security", Json::array())),
                             false};
}

std::string describe_security(const std::vector<SecurityOption>& options)
{
    std::vector<std::string> parts;
    for (const SecurityOption& option : options) {
        // An empty requirement object admits anonymous calls.
        parts.push_back(option.empty() ? "none" : fmt::format("{}", fmt::join(option, "+")));
    }
    if (parts.empty()) {
        return "none (public)";
    }
    return fmt::format("{}", fmt::join(parts, " | "));
}

} // namespace apicat::openapi

#include "openapi/validation.hpp"

#include "util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace apicat::openapi {

namespace {

class Validator {
public:
    explicit Validator(const Draft& draft)
        : draft_(draft)
        , doc_(draft.document)
    {
    }

    std::vector<Finding> run()
    {
        check_info();
        check_paths();
        check_security_definitions();
        check_security_list(doc_.contains("security") ? doc_["security"] : Json(), {"security"});
        check_references(doc_, {});
        return std::move(findings_);
    }

private:
    const Draft& draft_;
    const Json& doc_;
    std::vector<Finding> findings_;
    std::map<std::string, Path> operation_ids_;

    bool v2() const { return draft_.version == OpenApiVersion::v2; }

    void error(Path where, std::string message)
    {
        findings_.push_back(
            Finding{Finding::Severity::error, std::move(message), std::move(where)});
    }

    void check_info()
    {
        auto info = doc_.find("info");
        if (info == doc_.end() || !info->is_object()) {
            error({}, "'info' is missing; it holds the API's title and version");
            return;
        }
        for (const char* field : {"title", "version"}) {
            auto value = info->find(field);
            if (value == info->end()) {
                error({"info"}, fmt::format("'info.{}' is missing", field));
            } else if (!value->is_string()) {
                error({"info", field}, fmt::format("'info.{}' must be a string (quote it)", field));
            }
        }
        if (v2() && doc_.contains("basePath")) {
            const Json& base = doc_["basePath"];
            if (!base.is_string() || base.get<std::string>().rfind('/', 0) != 0) {
                error({"basePath"}, "'basePath' must start with '/'");
            }
        }
    }

    void check_paths()
    {
        auto paths = doc_.find("paths");
        if (paths == doc_.end()) {
            bool optional = !v2() && doc_["openapi"].get<std::string>().rfind("3.1", 0) == 0;
            if (!optional) {
                error({}, "'paths' is missing");
            }
            return;
        }
        if (!paths->is_object()) {
            error({"paths"}, "'paths' must be a mapping of paths to operations");
            return;
        }
        for (const auto& [path, item] : paths->items()) {
            Path where = {"paths", path};
            if (path.rfind("x-", 0) == 0) {
                continue; // an extension, allowed in the Paths Object
            }
            if (path.rfind('/', 0) != 0) {
                error(where, fmt::format("path '{}' must start with '/'", path));
            }
            if (item.is_object()) {
                check_path_item(path, item, where);
            } else {
                error(where,
                      fmt::format("path '{}' must be a mapping of methods to operations", path));
            }
        }
    }

    void check_path_item(const std::string& path, const Json& item, const Path& where)
    {
        std::set<std::string> shared_path_parameters = path_parameter_names(item);
        for (const auto& [method, operation] : item.items()) {
            if (!is_operation_method(draft_.version, method)) {
                continue;
            }
            Path at = child(where, method);
            if (!operation.is_object()) {
                error(at, fmt::format("operation {} {} must be a mapping", method, path));
                continue;
            }
            check_operation(path, operation, at, shared_path_parameters);
        }
    }

    std::set<std::string> path_parameter_names(const Json& holder)
    {
        std::set<std::string> names;
        if (holder.contains("parameters") && holder["parameters"].is_array()) {
            for (const Json& parameter : holder["parameters"]) {
                const Json* resolved = resolve(parameter);
                if (resolved && resolved->is_object() && resolved->value("in", "") == "path") {
                    names.insert(resolved->value("name", ""));
                }
            }
        }
        return names;
    }

    void check_operation(const std::string& path, const Json& operation, const Path& at,
                         std::set<std::string> path_parameters)
    {
        if (operation.contains("operationId")) {
            std::string id = operation["operationId"].is_string()
                                 ? operation["operationId"].get<std::string>()
                                 : operation["operationId"].dump();
            auto [it, fresh] = operation_ids_.emplace(id, at);
            if (!fresh) {
                error(child(at, "operationId"), fmt::format("operationId '{}' is used twice", id));
            }
        }
        bool responses_required = v2() || doc_["openapi"].get<std::string>().rfind("3.0", 0) == 0;
        if (!operation.contains("responses")) {
            if (responses_required) {
                error(at, "the operation has no 'responses'");
            }
        } else if (!operation["responses"].is_object() || operation["responses"].empty()) {
            error(child(at, "responses"), "'responses' must name at least one response");
        }
        if (operation.contains("parameters")) {
            check_parameters(operation["parameters"], child(at, "parameters"));
            std::set<std::string> own = path_parameter_names(operation);
            path_parameters.insert(own.begin(), own.end());
        }
        check_path_template(path, path_parameters, at);
        if (operation.contains("security")) {
            check_security_list(operation["security"], child(at, "security"));
        }
    }

    void check_parameters(const Json& parameters, const Path& at)
    {
        if (!parameters.is_array()) {
            error(at, "'parameters' must be a sequence");
            return;
        }
        std::set<std::string> allowed =
            v2() ? std::set<std::string>{"query", "header", "path", "formData", "body"}
                 : std::set<std::string>{"query", "header", "path", "cookie"};
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            const Json* parameter = resolve(parameters[i]);
            Path where = child(at, std::to_string(i));
            if (parameter == nullptr) {
                continue; // an unresolved $ref is reported by check_references
            }
            if (!parameter->is_object() || !parameter->contains("name") ||
                !parameter->contains("in")) {
                error(where, "a parameter needs 'name' and 'in'");
                continue;
            }
            std::string in =
                (*parameter)["in"].is_string() ? (*parameter)["in"].get<std::string>() : "";
            if (allowed.count(in) == 0) {
                error(where, fmt::format("parameter '{}' has an invalid 'in': '{}'",
                                         (*parameter)["name"].dump(), in));
            } else if (in == "path" && parameter->value("required", false) != true) {
                error(where, fmt::format("path parameter {} must have 'required: true'",
                                         (*parameter)["name"].dump()));
            }
        }
    }

    void check_path_template(const std::string& path, const std::set<std::string>& declared,
                             const Path& at)
    {
        for (auto open = path.find('{'); open != std::string::npos;
             open = path.find('{', open + 1)) {
            auto close = path.find('}', open);
            if (close == std::string::npos) {
                error({"paths", path}, fmt::format("path '{}' has '{{' without '}}'", path));
                return;
            }
            std::string name = path.substr(open + 1, close - open - 1);
            if (declared.count(name) == 0) {
                error(at, fmt::format("path parameter '{}' of '{}' is not declared", name, path));
            }
        }
    }

    void check_security_definitions()
    {
        Path at = security_definitions_path(draft_.version);
        const Json definitions = security_definitions(draft_);
        for (const auto& [name, definition] : definitions.items()) {
            Path where = child(at, name);
            if (definition.contains("$ref")) {
                continue;
            }
            std::string type = definition.value("type", "");
            std::set<std::string> types = v2()
                                              ? std::set<std::string>{"basic", "apiKey", "oauth2"}
                                              : std::set<std::string>{"apiKey", "http", "oauth2",
                                                                      "openIdConnect", "mutualTLS"};
            if (types.count(type) == 0) {
                error(where,
                      fmt::format("security definition '{}' has an invalid type '{}'", name, type));
                continue;
            }
            if (type == "apiKey") {
                check_api_key(name, definition, where);
            }
        }
    }

    void check_api_key(const std::string& name, const Json& definition, const Path& where)
    {
        std::string in = definition.value("in", "");
        bool in_ok = in == "header" || in == "query" || (!v2() && in == "cookie");
        if (!in_ok) {
            error(where, fmt::format("apiKey '{}' needs 'in: header' or 'in: query'", name));
        }
        if (!definition.contains("name") || !definition["name"].is_string()) {
            error(where, fmt::format("apiKey '{}' needs 'name', the header or parameter", name));
        }
        if (definition.contains("x-key-type")) {
            const Json& key_type = definition["x-key-type"];
            if (key_type != "client_id" && key_type != "client_secret") {
                error(child(where, "x-key-type"),
                      fmt::format("apiKey '{}': x-key-type must be client_id or client_secret",
                                  name));
            }
        }
    }

    void check_security_list(const Json& list, const Path& at)
    {
        if (list.is_null()) {
            return;
        }
        if (!list.is_array()) {
            error(at, "'security' must be a sequence of options");
            return;
        }
        std::vector<std::string> defined = security_definition_names(draft_);
        for (std::size_t i = 0; i < list.size(); ++i) {
            Path where = child(at, std::to_string(i));
            if (!list[i].is_object()) {
                error(where, "a security option must be a mapping of scheme names to scopes");
                continue;
            }
            for (const auto& [name, scopes] : list[i].items()) {
                if (std::find(defined.begin(), defined.end(), name) == defined.end()) {
                    std::string hint = util::did_you_mean(name, defined);
                    error(child(where, name), fmt::format("security scheme '{}' is not defined{}",
                                                          name, hint.empty() ? "" : "; " + hint));
                    continue;
                }
                if (!scopes.is_array()) {
                    error(child(where, name),
                          fmt::format("the scopes of '{}' must be a sequence", name));
                }
            }
        }
    }

    // Local references ("#/definitions/Weather") must lead somewhere.
    void check_references(const Json& node, const Path& at)
    {
        if (node.is_object()) {
            auto ref = node.find("$ref");
            if (ref != node.end() && ref->is_string()) {
                const std::string& target = ref->get_ref<const std::string&>();
                if (target.rfind("#", 0) == 0 && lookup(target) == nullptr) {
                    error(child(at, "$ref"), fmt::format("'$ref: {}' leads nowhere", target));
                }
            }
            for (const auto& [key, value] : node.items()) {
                if (value.is_structured()) {
                    check_references(value, child(at, key));
                }
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                if (node[i].is_structured()) {
                    check_references(node[i], child(at, std::to_string(i)));
                }
            }
        }
    }

    // A URI fragment may percent-encode its JSON pointer ("#/paths/~1a~1%7Bid%7D").
    static std::string percent_decoded(const std::string& text)
    {
        std::string out;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '%' && i + 2 < text.size() &&
                std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
                out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += text[i];
            }
        }
        return out;
    }

    const Json* lookup(const std::string& reference) const
    {
        try {
            Json::json_pointer pointer(percent_decoded(reference.substr(1)));
            return doc_.contains(pointer) ? &doc_.at(pointer) : nullptr;
        } catch (const Json::exception&) {
            return nullptr;
        }
    }

    const Json* resolve(const Json& node) const
    {
        if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
            const std::string& target = node["$ref"].get_ref<const std::string&>();
            return target.rfind("#", 0) == 0 ? lookup(target) : nullptr;
        }
        return &node;
    }
};

} // namespace

std::vector<Finding> validate_draft(const Draft& draft)
{
    return Validator(draft).run();
}

bool has_errors(const std::vector<Finding>& findings)
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Finding::Severity::error; });
}

Locator::Locator(const Source& source)
    : source_(source)
{
}

Locator::~Locator() = default;

SourceLocation Locator::locate(const Path& path)
{
    if (!tried_) {
        tried_ = true;
        try {
            root_ = std::make_unique<LayoutNode>(parse_layout(source_.text));
            lines_ = std::make_unique<LineIndex>(source_.text);
        } catch (const LayoutUnsupported&) {
            root_.reset();
        }
    }
    if (!root_) {
        return SourceLocation{source_.file};
    }
    // The nearest node the text has: a missing key is reported where its parent is.
    for (std::size_t length = path.size() + 1; length-- > 0;) {
        Path prefix(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(length));
        if (const LayoutNode* node = find_layout_node(*root_, prefix)) {
            std::size_t at = node->begin;
            return SourceLocation{source_.file, lines_->line_of(at) + 1, lines_->column_of(at) + 1};
        }
    }
    return SourceLocation{source_.file};
}

} // namespace apicat::openapi

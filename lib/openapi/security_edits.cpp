#include "openapi/security_edits.hpp"

#include "errors.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace apicat::openapi {

namespace {

void check_name(const std::string& name)
{
    bool control = std::any_of(name.begin(), name.end(),
                               [](unsigned char c) { return c < 0x20 || c == 0x7F; });
    if (name.empty() || control || name.find_first_of(" \t") != std::string::npos) {
        throw UsageError(fmt::format("invalid security definition name '{}'", name),
                         "use letters, digits, '-' and '_', e.g. client-id");
    }
}

// Where the security options of the API or of one operation live.
Path security_path(const Draft& draft, const std::optional<OperationRef>& operation)
{
    if (!operation) {
        return {"security"};
    }
    Path path = find_operation(draft, *operation).where;
    path.push_back("security");
    return path;
}

const Json* value_at(const Json& document, const Path& path)
{
    const Json* node = &document;
    for (const std::string& step : path) {
        if (!node->is_object() || !node->contains(step)) {
            return nullptr;
        }
        node = &(*node)[step];
    }
    return node;
}

std::string where(const std::optional<OperationRef>& operation)
{
    return operation ? "on " + operation->str() : "at API level";
}

bool same_names(const SecurityOption& a, const SecurityOption& b)
{
    return std::set<std::string>(a.begin(), a.end()) == std::set<std::string>(b.begin(), b.end());
}

std::string option_text(const SecurityOption& names)
{
    return fmt::format("{}", fmt::join(names, " + "));
}

// "client_id" or "client_secret", as x-key-type writes them; the key's own for inferred.
std::string key_type_text(SecurityDefinitionSpec::KeyType key_type, const std::string& key)
{
    using KeyType = SecurityDefinitionSpec::KeyType;
    if (key_type == KeyType::inferred) {
        key_type = infer_key_type(key);
    }
    return key_type == KeyType::client_secret ? "client_secret" : "client_id";
}

} // namespace

SecurityDefinitionSpec::KeyType infer_key_type(const std::string& key)
{
    std::string name = util::to_lower(key);
    bool secret = name.size() >= 6 && name.compare(name.size() - 6, 6, "secret") == 0;
    return secret ? SecurityDefinitionSpec::KeyType::client_secret
                  : SecurityDefinitionSpec::KeyType::client_id;
}

Json security_definition_json(const SecurityDefinitionSpec& spec, OpenApiVersion version)
{
    using Spec = SecurityDefinitionSpec;
    check_name(spec.name);
    Json definition = Json::object();
    if (spec.type == Spec::Type::api_key) {
        if (spec.key.empty()) {
            throw UsageError("an apiKey definition needs the name of its header or query "
                             "parameter",
                             "e.g. X-IBM-Client-Id", Input::key_name);
        }
        definition["type"] = "apiKey";
        definition["in"] = spec.in == Spec::Place::query ? "query" : "header";
        definition["name"] = spec.key;
        definition["x-key-type"] = key_type_text(spec.key_type, spec.key);
    } else {
        if (!spec.key.empty() || spec.key_type != Spec::KeyType::inferred) {
            throw UsageError("a basic definition has no key name or key type: those are an "
                             "apiKey's",
                             "a basic definition takes the Client ID as user name and the "
                             "Client Secret as password",
                             Input::key_name);
        }
        if (version == OpenApiVersion::v2) {
            definition["type"] = "basic";
        } else {
            definition["type"] = "http";
            definition["scheme"] = "basic";
        }
    }
    if (!spec.description.empty()) {
        definition["description"] = spec.description;
    }
    return definition;
}

std::string add_security_definition(DocumentEditor& editor, const Draft& draft,
                                    const SecurityDefinitionSpec& spec, bool force)
{
    Json definition = security_definition_json(spec, draft.version);
    Json existing = security_definitions(draft);
    Path path = security_definitions_path(draft.version);
    path.push_back(spec.name);
    if (existing.contains(spec.name)) {
        if (existing[spec.name] == definition) {
            return fmt::format("security definition '{}' is already there", spec.name);
        }
        if (!force) {
            throw Error(
                fmt::format("{}: security definition '{}' already exists with other content",
                            draft.source.file, spec.name),
                "replace it, or choose another name", Input::force);
        }
        editor.set(path, definition);
        return fmt::format("replaced security definition '{}'", spec.name);
    }
    editor.set(path, definition);
    if (spec.type == SecurityDefinitionSpec::Type::api_key) {
        return fmt::format("added security definition '{}' (apiKey in {} '{}', {})", spec.name,
                           definition["in"].get<std::string>(), spec.key,
                           definition["x-key-type"].get<std::string>());
    }
    return fmt::format("added security definition '{}' (basic)", spec.name);
}

std::vector<std::string> security_references(const Draft& draft, const std::string& name)
{
    std::vector<std::string> places;
    auto refers = [&](const Json* list) {
        for (const SecurityOption& option : security_options(list ? *list : Json())) {
            if (std::find(option.begin(), option.end(), name) != option.end()) {
                return true;
            }
        }
        return false;
    };
    if (refers(value_at(draft.document, {"security"}))) {
        places.push_back("API level");
    }
    for (const Operation& operation : list_operations(draft)) {
        Path path = operation.where;
        path.push_back("security");
        if (refers(value_at(draft.document, path))) {
            places.push_back(operation.ref.str());
        }
    }
    return places;
}

namespace {

// Removes `name` from every option of the list at `path`; options left empty go, and so
// does a list left empty.
void remove_references(DocumentEditor& editor, const Draft& draft, const Path& path,
                       const std::string& name)
{
    const Json* list = value_at(draft.document, path);
    std::vector<SecurityOption> options = security_options(list ? *list : Json());
    std::size_t kept = options.size();
    for (std::size_t i = options.size(); i-- > 0;) {
        const SecurityOption& option = options[i];
        if (std::find(option.begin(), option.end(), name) == option.end()) {
            continue;
        }
        Path item = path;
        item.push_back(std::to_string(i));
        if (option.size() == 1) {
            editor.remove(item);
            --kept;
        } else {
            item.push_back(name);
            editor.remove(item);
        }
    }
    if (kept == 0 && !options.empty()) {
        editor.remove(path);
    }
}

} // namespace

std::string remove_security_definition(DocumentEditor& editor, const Draft& draft,
                                       const std::string& name, bool force)
{
    std::vector<std::string> names = security_definition_names(draft);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string hint = util::did_you_mean(name, names);
        throw Error(fmt::format("{}: no security definition '{}'", draft.source.file, name),
                    hint.empty() ? "list them with 'apicat security-definition list'" : hint);
    }
    std::vector<std::string> places = security_references(draft, name);
    if (!places.empty() && !force) {
        throw Error(fmt::format("{}: security definition '{}' is required by the options of {}",
                                draft.source.file, name, fmt::join(places, ", ")),
                    "remove the references too, or remove those options first ('apicat security "
                    "remove')",
                    Input::force);
    }
    remove_references(editor, draft, {"security"}, name);
    for (const Operation& operation : list_operations(draft)) {
        Path path = operation.where;
        path.push_back("security");
        remove_references(editor, draft, path, name);
    }
    Path path = security_definitions_path(draft.version);
    path.push_back(name);
    editor.remove(path);
    if (places.empty()) {
        return fmt::format("removed security definition '{}'", name);
    }
    return fmt::format("removed security definition '{}' and its references ({})", name,
                       fmt::join(places, ", "));
}

std::string add_security_option(DocumentEditor& editor, const Draft& draft,
                                const SecurityOption& requested,
                                const std::optional<OperationRef>& operation)
{
    std::vector<std::string> defined = security_definition_names(draft);
    SecurityOption names;
    for (const std::string& name : requested) {
        if (std::find(defined.begin(), defined.end(), name) == defined.end()) {
            std::string hint = util::did_you_mean(name, defined);
            throw Error(fmt::format("{}: no security definition '{}'", draft.source.file, name),
                        !hint.empty() ? hint
                        : defined.empty()
                            ? "define it first with 'apicat security-definition add'"
                            : "defined: " + fmt::format("{}", fmt::join(defined, ", ")));
        }
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(name);
        }
    }
    Path path = security_path(draft, operation);
    const Json* list = value_at(draft.document, path);
    for (const SecurityOption& option : security_options(list ? *list : Json())) {
        if (same_names(option, names)) {
            return fmt::format("security option {} is already there {}", option_text(names),
                               where(operation));
        }
    }
    Json requirement = Json::object();
    for (const std::string& name : names) {
        requirement[name] = Json::array();
    }
    editor.append(path, requirement);
    return fmt::format("added security option {} {}", option_text(names), where(operation));
}

std::string remove_security_option(DocumentEditor& editor, const Draft& draft,
                                   const SecurityOption& names,
                                   const std::optional<OperationRef>& operation)
{
    Path path = security_path(draft, operation);
    const Json* list = value_at(draft.document, path);
    std::vector<SecurityOption> options = security_options(list ? *list : Json());
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (same_names(options[i], names)) {
            Path item = path;
            item.push_back(std::to_string(i));
            editor.remove(options.size() == 1 ? path : item);
            return fmt::format("removed security option {} {}", option_text(names),
                               where(operation));
        }
    }
    throw Error(fmt::format("{}: no security option {} {}", draft.source.file, option_text(names),
                            where(operation)),
                options.empty() ? "there are no options there"
                                : "the options there: " + describe_security(options));
}

std::string clear_security(DocumentEditor& editor, const Draft& draft,
                           const std::optional<OperationRef>& operation)
{
    Path path = security_path(draft, operation);
    const Json* list = value_at(draft.document, path);
    if (!operation) {
        if (list == nullptr) {
            return "the API has no security options";
        }
        editor.remove(path);
        return "removed all security options at API level";
    }
    if (list != nullptr && list->is_array() && list->empty()) {
        return fmt::format("{} is already public", operation->str());
    }
    editor.set(path, Json::array());
    return fmt::format("made {} public (security: [])", operation->str());
}

} // namespace apicat::openapi

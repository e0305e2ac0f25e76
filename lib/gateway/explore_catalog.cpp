#include "gateway/explore_catalog.hpp"

#include "gateway/credential_placement.hpp"
#include "gateway/credentials_endpoint.hpp"
#include "openapi/security_scheme.hpp"
#include "util/text.hpp"

namespace apicat::gateway {

namespace {

// A parameter's type: 2.0 gives it on the parameter, 3.x in its schema.
std::string parameter_type(const Json& parameter)
{
    std::string type = string_member(parameter, "type");
    const auto schema = parameter.find("schema");
    if (type.empty() && schema != parameter.end() && schema->is_object()) {
        type = string_member(*schema, "type");
    }
    return type;
}

Json parameter_json(const Json& parameter)
{
    const auto required = parameter.find("required");
    return {{"name", string_member(parameter, "name")},
            {"in", string_member(parameter, "in")},
            {"required",
             required != parameter.end() && required->is_boolean() && required->get<bool>()},
            {"description", string_member(parameter, "description")},
            {"type", parameter_type(parameter)}};
}

// The path's parameters, then the operation's: one the operation gives again (same name and
// place) replaces the path's.
Json parameters_json(const Json& path_item, const Json& operation, bool& has_body)
{
    Json listed = Json::array();
    std::vector<std::pair<std::string, std::string>> seen;
    for (const Json* level : {&operation, &path_item}) {
        const auto parameters = level->find("parameters");
        if (parameters == level->end() || !parameters->is_array()) {
            continue;
        }
        for (const Json& parameter : *parameters) {
            if (!parameter.is_object()) {
                continue;
            }
            std::pair<std::string, std::string> key{string_member(parameter, "name"),
                                                    string_member(parameter, "in")};
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
                continue;
            }
            seen.push_back(key);
            if (key.second == "body") {
                has_body = true;
            }
            listed.push_back(parameter_json(parameter));
        }
    }
    if (operation.contains("requestBody")) {
        has_body = true;
    }
    return listed;
}

Json operation_json(const catalog::ApiSnapshot& api, std::size_t index)
{
    const openapi::Operation& operation = api.operations[index];
    const Json& paths = api.draft.document.at("paths");
    const Json& path_item = paths.at(operation.ref.path);
    const Json& described = path_item.at(util::to_lower(operation.ref.method));
    bool has_body = false;
    Json parameters = parameters_json(path_item, described, has_body);

    Json security = Json::array();
    for (const openapi::SecurityOption& option : api.security[index]) {
        Json schemes = Json::array();
        for (const std::string& name : option) {
            const auto scheme = api.schemes.find(name);
            schemes.push_back(
                scheme == api.schemes.end()
                    ? Json{{"scheme", name}, {"kind", "unchecked"}, {"in", ""}, {"name", ""}}
                    : Json{{"scheme", name},
                           {"kind", openapi::kind_text(scheme->second.kind)},
                           {"in", openapi::in_text(scheme->second.in)},
                           {"name", scheme->second.name}});
        }
        security.push_back(std::move(schemes));
    }
    Json credentials =
        credential_slots_json(choose_credentials(api.security[index], api.schemes).slots);
    return {{"method", operation.ref.method},
            {"path", operation.ref.path},
            {"operation_id", operation.operation_id},
            {"summary", string_member(described, "summary")},
            {"description", string_member(described, "description")},
            {"parameters", std::move(parameters)},
            {"has_body", has_body},
            {"security", std::move(security)},
            {"credentials", std::move(credentials)}};
}

Json api_json(const catalog::ApiSnapshot& api)
{
    const Json& document = api.draft.document;
    const Json info = document.value("info", Json::object());
    Json operations = Json::array();
    for (std::size_t i = 0; i < api.operations.size(); ++i) {
        operations.push_back(operation_json(api, i));
    }
    return {{"name", api.name},
            {"title", info.is_object() ? string_member(info, "title") : ""},
            {"version", info.is_object() ? string_member(info, "version") : ""},
            {"base_path", api.base_path},
            {"operations", std::move(operations)}};
}

Json plans_json(const catalog::PublishedPlans& published)
{
    Json plans = Json::array();
    for (const product::Plan& plan : published.plans) {
        std::string limits;
        for (const product::PlanLimit& limit : plan.limits) {
            limits += (limits.empty() ? "" : ", ") + limit.rate.text;
        }
        plans.push_back({{"name", plan.name},
                         {"title", plan.title},
                         {"rate_limit", limits.empty() ? "unlimited" : limits}});
    }
    return plans;
}

} // namespace

Json explore_catalog_json(const catalog::PublishedProducts& products, const std::string& catalog,
                          const std::string& endpoint, const std::optional<ShownTestApp>& test_app)
{
    Json listed = Json::array();
    for (const auto& product : products) {
        Json apis = Json::array();
        for (const catalog::ApiSnapshot& api : product->apis) {
            apis.push_back(api_json(api));
        }
        listed.push_back({{"name", product->name},
                          {"version", product->version},
                          {"title", product->title},
                          {"plans", plans_json(product->plans)},
                          {"apis", std::move(apis)}});
    }
    Json shown = nullptr;
    if (test_app) {
        shown = {{"name", test_app->name},
                 {"client_id", test_app->credentials.client_id},
                 {"client_secret", test_app->credentials.client_secret}};
    }
    return {{"catalog", catalog},
            {"endpoint", endpoint},
            {"test_app", std::move(shown)},
            {"products", std::move(listed)}};
}

} // namespace apicat::gateway

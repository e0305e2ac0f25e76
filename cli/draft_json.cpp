#include "draft_json.hpp"

namespace apicat::cli {

using namespace openapi;

Json security_options_json(const std::vector<SecurityOption>& options)
{
    Json list = Json::array();
    for (const SecurityOption& option : options) {
        list.push_back(option);
    }
    return list;
}

Json security_definitions_json(const Draft& draft)
{
    Json list = Json::array();
    const Json definitions = security_definitions(draft);
    for (const auto& [name, definition] : definitions.items()) {
        std::string type = definition.value("type", "");
        if (type == "http" && definition.value("scheme", "") == "basic") {
            type = "basic"; // OpenAPI 3 spells it differently; apicat speaks of one kind
        }
        Json entry = {{"name", name},
                      {"type", type},
                      {"in", definition.value("in", "")},
                      {"key", definition.value("name", "")},
                      {"key_type", definition.value("x-key-type", "")}};
        if (definition.contains("description")) {
            entry["description"] = definition["description"];
        }
        list.push_back(entry);
    }
    return list;
}

Json operations_json(const Draft& draft)
{
    Json list = Json::array();
    for (const Operation& operation : list_operations(draft)) {
        EffectiveSecurity security = effective_security(draft, operation);
        list.push_back({{"method", operation.ref.method},
                        {"path", operation.ref.path},
                        {"operation_id", operation.operation_id},
                        {"security", security_options_json(security.options)}});
    }
    return list;
}

Json draft_summary_json(const Draft& draft)
{
    std::optional<std::string> target = upstream(draft);
    return {{"file", draft.source.file},
            {"openapi", openapi_version_text(draft)},
            {"title", api_title(draft)},
            {"version", api_version(draft)},
            {"base_path", base_path(draft)},
            {"upstream", target ? Json(*target) : Json()},
            {"security_definitions", security_definitions_json(draft)},
            {"security", security_options_json(
                             security_options(draft.document.value("security", Json::array())))},
            {"operations", operations_json(draft)}};
}

} // namespace apicat::cli

#include "openapi/yaml_to_json.hpp"

#include "errors.hpp"
#include "openapi/scalar_resolve.hpp"

#include <fmt/format.h>

#include <yaml-cpp/yaml.h>

namespace apicat::openapi {

namespace {

SourceLocation location_of(const YAML::Node& node, const std::string& file)
{
    YAML::Mark mark = node.Mark();
    if (mark.is_null()) {
        return SourceLocation{file};
    }
    return SourceLocation{file, mark.line + 1, mark.column + 1};
}

Json scalar_to_json(const YAML::Node& node)
{
    const std::string& tag = node.Tag();
    const std::string& text = node.Scalar();
    if (tag == "?") {
        return resolve_plain_scalar(text);
    }
    static const std::string core = "tag:yaml.org,2002:";
    if (tag == core + "int" || tag == core + "float" || tag == core + "bool" ||
        tag == core + "null") {
        return resolve_plain_scalar(text);
    }
    return text; // quoted ("!"), !!str, and tags apicat does not interpret
}

Json map_to_json(const YAML::Node& node, const std::string& file)
{
    Json object = Json::object();
    for (const auto& pair : node) {
        const YAML::Node& key = pair.first;
        if (!key.IsScalar()) {
            throw Error(fmt::format("{}: a mapping key must be a plain string",
                                    location_of(key, file).str()));
        }
        const std::string& name = key.Scalar();
        if (object.contains(name)) {
            throw Error(fmt::format("{}: duplicate key '{}'", location_of(key, file).str(), name),
                        "remove or rename one of the two; readers disagree about which one wins");
        }
        object[name] = yaml_to_json(pair.second, file);
    }
    return object;
}

} // namespace

Json yaml_to_json(const YAML::Node& node, const std::string& file)
{
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return nullptr;
    case YAML::NodeType::Scalar:
        return scalar_to_json(node);
    case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const auto& item : node) {
            array.push_back(yaml_to_json(item, file));
        }
        return array;
    }
    case YAML::NodeType::Map:
        return map_to_json(node, file);
    }
    return nullptr;
}

} // namespace apicat::openapi

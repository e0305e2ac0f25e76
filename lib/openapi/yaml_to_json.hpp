#pragma once

#include "openapi/json.hpp"

#include <string>

namespace YAML {
class Node;
}

namespace apicat::openapi {

// A yaml-cpp node as JSON: plain scalars resolved by the YAML 1.2 core schema, quoted ones
// kept as strings, key order kept. Duplicate and non-scalar keys are errors that name
// file:line:column.
Json yaml_to_json(const YAML::Node& node, const std::string& file);

} // namespace apicat::openapi

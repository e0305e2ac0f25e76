#pragma once

// Documents are held as JSON values that keep key order, so that re-parsing an edited
// file can be compared with the intended document order and all.

#include <nlohmann/json.hpp>

namespace apicat {

using Json = nlohmann::ordered_json;

} // namespace apicat

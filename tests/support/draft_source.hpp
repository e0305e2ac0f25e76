#pragma once

// A draft's text as the OpenAPI reader and editor take it, for their unit tests: named
// draft.yaml or draft.json, as if read from such a file.

#include "openapi/source.hpp"

#include <string>
#include <utility>

namespace apicat::test {

inline openapi::Source yaml_source(std::string text)
{
    return openapi::Source{"draft.yaml", std::move(text), openapi::Syntax::yaml};
}

inline openapi::Source json_source(std::string text)
{
    return openapi::Source{"draft.json", std::move(text), openapi::Syntax::json};
}

} // namespace apicat::test

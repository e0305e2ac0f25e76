#pragma once

// The JSON shapes of `api show` and `api operations`, documented in the README.

#include "json.hpp"
#include "openapi/draft.hpp"

namespace apicat::cli {

Json security_options_json(const std::vector<openapi::SecurityOption>& options);
Json security_definitions_json(const openapi::Draft& draft);
Json operations_json(const openapi::Draft& draft);
Json draft_summary_json(const openapi::Draft& draft);

} // namespace apicat::cli

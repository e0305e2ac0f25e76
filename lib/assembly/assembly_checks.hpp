#pragma once

// What publish (and `api validate`) say about a draft's assembly for one catalog: the
// policies apicat's gateway does not run, named with their place (warnings: a call goes on
// through the rest of the assembly), the variables the draft does not define (errors), and
// whether any operation reaches an upstream at all.

#include "openapi/draft.hpp"
#include "openapi/validation.hpp"

#include <string>
#include <vector>

namespace apicat::assembly {

// The policies apicat's gateway runs; any other is named as not run.
bool is_run_by_gateway(const std::string& policy);

std::vector<openapi::Finding> assembly_findings(const openapi::Draft& draft,
                                                const std::string& catalog);

} // namespace apicat::assembly

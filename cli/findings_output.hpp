#pragma once

// A draft's findings as `api validate`, `product validate` and `publish` show them.

#include "context.hpp"

#include "catalog/publish_checks.hpp"
#include "json.hpp"

#include <vector>

namespace apicat::cli {

// [{"line", "column", "message"}] of the findings of one severity.
Json findings_json(const std::vector<catalog::LocatedFinding>& findings,
                   openapi::Finding::Severity severity);

// "FILE:LINE:COLUMN: error: …" on stderr, one a line; warnings unless --quiet.
void print_findings(const GlobalOptions& global,
                    const std::vector<catalog::LocatedFinding>& findings);

} // namespace apicat::cli

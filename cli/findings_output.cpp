#include "findings_output.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace apicat::cli {

Json findings_json(const std::vector<catalog::LocatedFinding>& findings,
                   openapi::Finding::Severity severity)
{
    Json list = Json::array();
    for (const catalog::LocatedFinding& finding : findings) {
        if (finding.severity == severity) {
            list.push_back({{"line", finding.at.line},
                            {"column", finding.at.column},
                            {"message", finding.message}});
        }
    }
    return list;
}

void print_findings(const GlobalOptions& global,
                    const std::vector<catalog::LocatedFinding>& findings)
{
    for (const catalog::LocatedFinding& finding : findings) {
        bool is_error = finding.severity == openapi::Finding::Severity::error;
        if (is_error || !global.quiet) {
            fmt::print(stderr, "{}: {}: {}\n", finding.at.str(), is_error ? "error" : "warning",
                       finding.message);
        }
    }
}

} // namespace apicat::cli

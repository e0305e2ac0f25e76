// apicat product validate: every check publish makes of a product and its drafts, without a
// store, so that CI can tell whether publish would take it.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "findings_output.hpp"
#include "output.hpp"

#include "catalog/publish_checks.hpp"
#include "errors.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace apicat::cli {

namespace {

using openapi::Finding;

// {"name", "file", "valid", "errors", "warnings"}, the shape of `api validate`'s report.
Json api_report(const catalog::CheckedApi& checked,
                const std::vector<catalog::LocatedFinding>& located)
{
    Json errors = findings_json(located, Finding::Severity::error);
    if (checked.load_error) {
        errors.push_back({{"line", 0}, {"column", 0}, {"message", checked.load_error->what()}});
    }
    return {{"name", checked.api.name},
            {"file", checked.file},
            {"valid", errors.empty()},
            {"errors", errors},
            {"warnings", findings_json(located, Finding::Severity::warning)}};
}

struct ProductValidateOptions {
    std::string file;
};

int run_product_validate(const ProductValidateOptions& options, const GlobalOptions& global)
{
    const std::string& file = options.file;
    product::Product product = product::load_product(file);
    catalog::ProductChecks checks = catalog::check_product(product, "");
    bool text = global.format() == OutputFormat::text;
    bool valid = checks.problems.empty();
    Json apis = Json::array();
    std::size_t warnings = 0;
    for (const catalog::CheckedApi& checked : checks.apis) {
        std::vector<catalog::LocatedFinding> located = catalog::locate_findings(checked);
        Json report = api_report(checked, located);
        valid = valid && report["valid"].get<bool>();
        warnings += report["warnings"].size();
        if (text && checked.load_error) {
            print_error(*checked.load_error);
        }
        if (text) {
            print_findings(global, located);
        }
        apis.push_back(std::move(report));
    }
    Json problems = Json::array();
    for (const Error& problem : checks.problems) {
        problems.push_back(problem.what());
        if (text) {
            print_error(problem);
        }
    }
    if (!text) {
        print_json({{"file", file}, {"valid", valid}, {"errors", problems}, {"apis", apis}});
    } else {
        print_line(global, fmt::format("{}: {} ({} API{}, {} plan{}, {} warning{})", file,
                                       valid ? "valid" : "invalid", checks.apis.size(),
                                       checks.apis.size() == 1 ? "" : "s", product.plans.size(),
                                       product.plans.size() == 1 ? "" : "s", warnings,
                                       warnings == 1 ? "" : "s"));
    }
    return valid ? 0 : 1;
}

} // namespace

void setup_product_validate_command(CLI::App& product, CommandContext context)
{
    auto options = std::make_shared<ProductValidateOptions>();
    auto* validate = product.add_subcommand(
        "validate", "Check a product and every draft it references as publish does");
    takes(validate->add_option("FILE", options->file, "The product file"), ValueKind::product_file)
        ->required();
    validate->footer("Exit status 1 when publish would refuse the product; warnings do not fail.\n"
                     "Examples:\n  apicat product validate weather-product.yaml\n"
                     "  apicat product validate weather-product.yaml -o json");
    validate->callback([options, context] {
        context.exit_status = run_product_validate(*options, context.global);
    });
}

} // namespace apicat::cli

// apicat api validate | show | operations: reading drafts.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "draft_json.hpp"
#include "findings_output.hpp"
#include "output.hpp"

#include "catalog/publish_checks.hpp"
#include "errors.hpp"
#include "openapi/validation.hpp"

#include <fmt/format.h>

namespace apicat::cli {

using namespace openapi;

namespace {

struct ApiValidateOptions {
    std::vector<std::string> files;
    bool openapi_only = false;
};

struct ApiShowOptions {
    std::string file;
};

struct ApiOperationsOptions {
    std::string file;
};

Json load_failure_report(const std::string& file, const Error& e, const GlobalOptions& global)
{
    if (global.format() == OutputFormat::text) {
        print_error(e);
    }
    return {{"file", file},
            {"valid", false},
            {"errors", Json::array({{{"line", 0}, {"column", 0}, {"message", e.what()}}})},
            {"warnings", Json::array()}};
}

// Validates one file; returns its JSON report, and prints the text one as it goes.
Json validate_file(const std::string& file, bool openapi_only, const GlobalOptions& global)
{
    Draft draft;
    try {
        draft = load_draft(file);
    } catch (const Error& e) {
        return load_failure_report(file, e, global);
    }
    // Unless asked for OpenAPI alone, every check publish makes: valid means publishable.
    std::vector<Finding> findings =
        openapi_only ? validate_draft(draft) : catalog::publish_findings(draft, "");
    std::vector<catalog::LocatedFinding> located = catalog::locate_findings(draft, findings);
    Json report = {{"file", file},
                   {"valid", !has_errors(findings)},
                   {"errors", findings_json(located, Finding::Severity::error)},
                   {"warnings", findings_json(located, Finding::Severity::warning)}};
    if (global.format() == OutputFormat::text) {
        print_findings(global, located);
        std::size_t operations = list_operations(draft).size();
        print_line(global, fmt::format("{}: {} (OpenAPI {}, {} operation{})", file,
                                       report["valid"].get<bool>() ? "valid" : "invalid",
                                       openapi_version_text(draft), operations,
                                       operations == 1 ? "" : "s"));
    }
    return report;
}

int run_api_validate(const ApiValidateOptions& options, const GlobalOptions& global)
{
    Json reports = Json::array();
    bool all_valid = true;
    for (const std::string& file : options.files) {
        Json report = validate_file(file, options.openapi_only, global);
        all_valid = all_valid && report["valid"].get<bool>();
        reports.push_back(std::move(report));
    }
    if (global.format() == OutputFormat::json) {
        print_json(reports);
    }
    return all_valid ? 0 : 1;
}

void print_draft_summary(const Json& summary, const GlobalOptions& global)
{
    auto text = [](const Json& value) {
        return value.is_null() ? std::string("(none)") : value.get<std::string>();
    };
    print_line(global, fmt::format("{} (OpenAPI {})", summary["file"].get<std::string>(),
                                   summary["openapi"].get<std::string>()));
    print_line(global, fmt::format("  title:      {}", text(summary["title"])));
    print_line(global, fmt::format("  version:    {}", text(summary["version"])));
    print_line(global,
               fmt::format("  base path:  {}", summary["base_path"].get<std::string>().empty()
                                                   ? "/"
                                                   : summary["base_path"].get<std::string>()));
    print_line(global, fmt::format("  upstream:   {}", text(summary["upstream"])));
    print_line(global, "  security definitions:");
    if (summary["security_definitions"].empty()) {
        print_line(global, "    (none)");
    }
    for (const Json& definition : summary["security_definitions"]) {
        const std::string type = definition["type"].get<std::string>();
        std::string carries;
        if (type == "apiKey") {
            carries = fmt::format(" in {} {} ({})", definition["in"].get<std::string>(),
                                  definition["key"].get<std::string>(),
                                  definition["key_type"].get<std::string>());
        } else if (type == "basic") {
            carries = " in user = client ID, password = client secret";
        } else {
            // OAuth, OpenID Connect...: no app credentials to show (docs/gateway.md).
            carries = " (apicat's gateway cannot check it)";
        }
        print_line(global, fmt::format("    {}: {}{}", definition["name"].get<std::string>(), type,
                                       carries));
    }
    std::vector<SecurityOption> options;
    for (const Json& option : summary["security"]) {
        options.push_back(option.get<SecurityOption>());
    }
    print_line(global, fmt::format("  security:   {}", describe_security(options)));
    print_line(global, fmt::format("  operations: {}", summary["operations"].size()));
    for (const Json& operation : summary["operations"]) {
        print_line(global, fmt::format("    {} {}", operation["method"].get<std::string>(),
                                       operation["path"].get<std::string>()));
    }
}

int run_api_show(const ApiShowOptions& options, const GlobalOptions& global)
{
    Json summary = draft_summary_json(load_draft(options.file));
    if (global.format() == OutputFormat::json) {
        print_json(summary);
    } else {
        print_draft_summary(summary, global);
    }
    return 0;
}

int run_api_operations(const ApiOperationsOptions& options, const GlobalOptions& global)
{
    Draft draft = load_draft(options.file);
    if (global.format() == OutputFormat::json) {
        print_json(operations_json(draft));
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const Operation& operation : list_operations(draft)) {
        EffectiveSecurity security = effective_security(draft, operation);
        rows.push_back({operation.ref.method, operation.ref.path, operation.operation_id,
                        describe_security(security.options)});
    }
    print_table(global, {"METHOD", "PATH", "OPERATION-ID", "SECURITY"}, rows);
    return 0;
}

void setup_api_validate(CLI::App& api, CommandContext context)
{
    auto options = std::make_shared<ApiValidateOptions>();
    auto* validate = api.add_subcommand(
        "validate", "Check drafts as publish does: OpenAPI, the upstream, the security options");
    takes(validate->add_option("FILE", options->files, "Drafts to check"), ValueKind::draft_file)
        ->required();
    validate->add_flag("--openapi-only", options->openapi_only,
                       "Check only what OpenAPI requires, not what publish needs");
    validate->footer(
        "Exit status 1 when any draft has an error, that is when publish would refuse it;\n"
        "warnings (such as an option apicat's gateway cannot check) do not fail.\n"
        "Examples:\n  apicat api validate weather.yaml\n"
        "  apicat api validate specs/*.yaml -o json\n"
        "  apicat api validate --openapi-only imported.yaml");
    validate->callback(
        [options, context] { context.exit_status = run_api_validate(*options, context.global); });
}

void setup_api_show(CLI::App& api, CommandContext context)
{
    auto options = std::make_shared<ApiShowOptions>();
    auto* show =
        api.add_subcommand("show", "Title, version, base path, upstream, security, operations");
    takes(show->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)->required();
    show->footer("Example:\n  apicat api show weather.yaml -o json");
    show->callback(
        [options, context] { context.exit_status = run_api_show(*options, context.global); });
}

void setup_api_operations(CLI::App& api, CommandContext context)
{
    auto options = std::make_shared<ApiOperationsOptions>();
    auto* operations =
        api.add_subcommand("operations", "List operations and their effective security");
    takes(operations->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)
        ->required();
    operations->footer("Example:\n  apicat api operations weather.yaml");
    operations->callback(
        [options, context] { context.exit_status = run_api_operations(*options, context.global); });
}

} // namespace

void setup_api_inspect_commands(CLI::App& api, CommandContext context)
{
    setup_api_validate(api, context);
    setup_api_show(api, context);
    setup_api_operations(api, context);
}

} // namespace apicat::cli

// apicat security add | list | remove | clear: the options that say which schemes a call
// must present (all schemes of an option together; any one option).

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "draft_json.hpp"
#include "edit_command.hpp"
#include "output.hpp"

#include "openapi/security_edits.hpp"

#include <fmt/format.h>

#include <optional>

namespace apicat::cli {

using namespace openapi;

namespace {

struct SecurityOptions {
    std::string file;
    std::vector<std::string> names;
    std::string operation;
    EditOptions edit;

    std::optional<OperationRef> operation_ref() const
    {
        if (operation.empty()) {
            return std::nullopt;
        }
        return parse_operation_ref(operation);
    }
};

int run_security_list(const SecurityOptions& options, const GlobalOptions& global)
{
    Draft draft = load_draft(options.file);
    std::vector<SecurityOption> api_level =
        security_options(draft.document.value("security", Json::array()));
    Json overrides = Json::array();
    for (const Operation& operation : list_operations(draft)) {
        EffectiveSecurity security = effective_security(draft, operation);
        bool wanted = options.operation.empty()
                          ? security.from_operation
                          : operation.ref.str() == options.operation_ref()->str();
        if (wanted) {
            overrides.push_back({{"method", operation.ref.method},
                                 {"path", operation.ref.path},
                                 {"from_operation", security.from_operation},
                                 {"security", security_options_json(security.options)}});
        }
    }
    if (!options.operation.empty() && overrides.empty()) {
        find_operation(draft, *options.operation_ref()); // throws, naming the operations there are
    }
    if (global.format() == OutputFormat::json) {
        print_json({{"api", security_options_json(api_level)}, {"operations", overrides}});
        return 0;
    }
    if (options.operation.empty()) {
        print_line(global, fmt::format("API level: {}", describe_security(api_level)));
    }
    for (const Json& entry : overrides) {
        std::vector<SecurityOption> effective;
        for (const Json& option : entry["security"]) {
            effective.push_back(option.get<SecurityOption>());
        }
        print_line(global,
                   fmt::format("{} {}: {}{}", entry["method"].get<std::string>(),
                               entry["path"].get<std::string>(), describe_security(effective),
                               entry["from_operation"].get<bool>() ? "" : " (from API level)"));
    }
    return 0;
}

int run_security_add(const SecurityOptions& options, const GlobalOptions& global)
{
    auto operation = options.operation_ref();
    return run_draft_edit(global, options.edit, options.file,
                          [&](DocumentEditor& editor, const Draft& draft) {
                              return add_security_option(editor, draft, options.names, operation);
                          });
}

int run_security_remove(const SecurityOptions& options, const GlobalOptions& global)
{
    auto operation = options.operation_ref();
    return run_draft_edit(
        global, options.edit, options.file, [&](DocumentEditor& editor, const Draft& draft) {
            return remove_security_option(editor, draft, options.names, operation);
        });
}

int run_security_clear(const SecurityOptions& options, const GlobalOptions& global)
{
    auto operation = options.operation_ref();
    return run_draft_edit(global, options.edit, options.file,
                          [&](DocumentEditor& editor, const Draft& draft) {
                              return clear_security(editor, draft, operation);
                          });
}

// The subcommands share their options: the draft, the definitions an option names, and the
// operation instead of the API level.
CLI::App* add_security_command(CLI::App& group, const char* name, const char* description,
                               const std::shared_ptr<SecurityOptions>& options, bool takes_names,
                               bool edits)
{
    auto* command = group.add_subcommand(name, description);
    takes(command->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)
        ->required();
    if (takes_names) {
        takes(command->add_option("NAME", options->names, "Security definitions required together"),
              ValueKind::definition)
            ->required();
    }
    takes(command->add_option("--operation", options->operation,
                              "One operation instead of the API level: 'GET /current'"),
          ValueKind::operation);
    if (edits) {
        add_edit_flags(*command, options->edit);
    }
    return command;
}

void setup_security_add(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityOptions>();
    auto* add = add_security_command(group, "add", "Add an option that requires all NAMEs together",
                                     options, true, true);
    add->footer("Examples:\n"
                "  apicat security add weather.yaml client-id client-secret    # both required\n"
                "  apicat security add weather.yaml client-id --operation 'GET /current'");
    add->callback(
        [options, context] { context.exit_status = run_security_add(*options, context.global); });
}

void setup_security_list(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityOptions>();
    auto* list = add_security_command(group, "list",
                                      "List the options: API level and per-operation overrides",
                                      options, false, false);
    list->footer("Example:\n  apicat security list weather.yaml");
    list->callback(
        [options, context] { context.exit_status = run_security_list(*options, context.global); });
}

void setup_security_remove(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityOptions>();
    auto* remove = add_security_command(
        group, "remove", "Remove the option that requires exactly NAMEs", options, true, true);
    remove->footer("Example:\n  apicat security remove weather.yaml client-id client-secret");
    remove->callback([options, context] {
        context.exit_status = run_security_remove(*options, context.global);
    });
}

void setup_security_clear(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityOptions>();
    auto* clear = add_security_command(
        group, "clear", "Remove every option; with --operation, make it public (security: [])",
        options, false, true);
    clear->footer("Example:\n  apicat security clear weather.yaml --operation 'GET /health'");
    clear->callback(
        [options, context] { context.exit_status = run_security_clear(*options, context.global); });
}

} // namespace

void setup_security_commands(CLI::App& app, CommandContext context)
{
    auto* group =
        app.add_subcommand("security", "Require security definitions: API level or per operation");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat security add weather.yaml client-id client-secret\n"
                  "  apicat security list weather.yaml");
    setup_security_add(*group, context);
    setup_security_list(*group, context);
    setup_security_remove(*group, context);
    setup_security_clear(*group, context);
}

} // namespace apicat::cli

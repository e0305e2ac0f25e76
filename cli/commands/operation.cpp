// apicat operation add | remove: completing a draft without an editor.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "edit_command.hpp"

#include "openapi/operation_edits.hpp"

namespace apicat::cli {

using namespace openapi;

namespace {

struct OperationAddOptions {
    std::string file;
    std::string operation;
    std::vector<std::string> params;
    std::vector<std::string> responses;
    std::string example_file;
    bool force = false;
    EditOptions edit;
};

int run_operation_add(const OperationAddOptions& options, const GlobalOptions& global)
{
    OperationSpec spec;
    spec.ref = parse_operation_ref(options.operation);
    for (const std::string& param : options.params) {
        spec.parameters.push_back(parse_parameter_spec(param));
    }
    for (const std::string& response : options.responses) {
        spec.responses.push_back(parse_response_spec(response));
    }
    if (!options.example_file.empty()) {
        spec.example = parse_source(read_source(options.example_file));
    }
    return run_draft_edit(global, options.edit, options.file,
                          [&](DocumentEditor& editor, const Draft& draft) {
                              return add_operation(editor, draft, spec, options.force);
                          });
}

struct OperationRemoveOptions {
    std::string file;
    std::string operation;
    EditOptions edit;
};

int run_operation_remove(const OperationRemoveOptions& options, const GlobalOptions& global)
{
    OperationRef ref = parse_operation_ref(options.operation);
    return run_draft_edit(global, options.edit, options.file,
                          [&](DocumentEditor& editor, const Draft& draft) {
                              return remove_operation(editor, draft, ref);
                          });
}

void setup_operation_add(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<OperationAddOptions>();
    auto* add = group.add_subcommand("add", "Add an operation, with parameters and responses");
    takes(add->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)->required();
    add->add_option("OPERATION", options->operation, "Method and path, quoted: 'GET /current'")
        ->required();
    add->add_option("--param", options->params,
                    "NAME:IN[:TYPE][:required]; IN is query, header, path, formData (2.0) or "
                    "cookie (3.x); path template parameters are added by themselves");
    add->add_option("--response", options->responses,
                    "CODE[:DESCRIPTION] (default: 200:OK); the first gets the --example");
    takes(add->add_option("--example", options->example_file,
                          "A JSON or YAML file: the first response's example body"),
          ValueKind::any_file);
    add->add_flag("--force", options->force,
                  "Replace the operation if it exists with other content");
    add_edit_flags(*add, options->edit);
    add->footer("Examples:\n  apicat operation add weather.yaml 'GET /current' "
                "--param zipcode:query:string:required\n"
                "  apicat operation add weather.yaml 'GET /current' --response 200:OK "
                "--example current.json");
    add->callback(
        [options, context] { context.exit_status = run_operation_add(*options, context.global); });
}

void setup_operation_remove(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<OperationRemoveOptions>();
    auto* remove =
        group.add_subcommand("remove", "Remove an operation (and its path when it was the last)");
    takes(remove->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)
        ->required();
    takes(remove->add_option("OPERATION", options->operation,
                             "Method and path, quoted: 'GET /current'"),
          ValueKind::operation)
        ->required();
    add_edit_flags(*remove, options->edit);
    remove->footer("Example:\n  apicat operation remove weather.yaml 'GET /current'");
    remove->callback([options, context] {
        context.exit_status = run_operation_remove(*options, context.global);
    });
}

} // namespace

void setup_operation_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand("operation", "Add or remove a draft's operations");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat operation add weather.yaml 'GET /current' "
                  "--param zipcode:query:string:required\n"
                  "  apicat operation remove weather.yaml 'GET /current'");
    setup_operation_add(*group, context);
    setup_operation_remove(*group, context);
}

} // namespace apicat::cli

// apicat security-definition add | list | remove: the named schemes a draft can require.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "draft_json.hpp"
#include "edit_command.hpp"
#include "output.hpp"

#include "errors.hpp"
#include "openapi/security_edits.hpp"

#include <fmt/format.h>

namespace apicat::cli {

using namespace openapi;

namespace {

struct SecurityDefinitionAddOptions {
    std::string file;
    SecurityDefinitionSpec spec;
    bool force = false;
    EditOptions edit;
};

struct SecurityDefinitionRemoveOptions {
    std::string file;
    std::string name;
    bool force = false;
    EditOptions edit;
};

int run_security_definition_list(const std::string& file, const GlobalOptions& global)
{
    Draft draft = load_draft(file);
    Json definitions = security_definitions_json(draft);
    if (global.format() == OutputFormat::json) {
        print_json(definitions);
        return 0;
    }
    std::vector<std::vector<std::string>> rows;
    for (const Json& definition : definitions) {
        std::vector<std::string> places = security_references(draft, definition["name"]);
        rows.push_back({definition["name"], definition["type"], definition["in"], definition["key"],
                        definition["key_type"],
                        places.empty() ? "-" : fmt::format("{}", fmt::join(places, ", "))});
    }
    print_table(global, {"NAME", "TYPE", "IN", "KEY", "KEY-TYPE", "REQUIRED-BY"}, rows);
    return 0;
}

} // namespace

void setup_security_definition_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand(
        "security-definition", "Define the schemes a draft can require: client ID, secret, basic");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat security-definition add weather.yaml client-id --type "
                  "apiKey --key X-IBM-Client-Id\n  apicat security-definition list weather.yaml");

    auto add_options = std::make_shared<SecurityDefinitionAddOptions>();
    auto* add = group->add_subcommand("add", "Add a named apiKey or basic security definition");
    takes(add->add_option("FILE", add_options->file, "The draft"), ValueKind::draft_file)
        ->required();
    add->add_option("NAME", add_options->spec.name, "The definition's name, e.g. client-id")
        ->required();
    add->add_option("--type", add_options->spec.type, "apiKey or basic")
        ->required()
        ->check(CLI::IsMember({"apiKey", "basic"}));
    add->add_option("--in", add_options->spec.in, "apiKey: header or query (default: header)")
        ->check(CLI::IsMember({"header", "query"}));
    add->add_option("--key", add_options->spec.key, "apiKey: the header or query parameter name");
    add->add_option("--key-type", add_options->spec.key_type,
                    "apiKey: client_id or client_secret (default: client_secret when the key "
                    "ends in 'secret', else client_id)")
        ->check(CLI::IsMember({"client_id", "client_secret"}));
    add->add_option("--description", add_options->spec.description, "A description");
    add->add_flag("--force", add_options->force,
                  "Replace a definition of that name with other content");
    add_edit_flags(*add, add_options->edit);
    add->footer("Examples:\n"
                "  apicat security-definition add weather.yaml client-id --type apiKey --in header "
                "--key X-IBM-Client-Id\n"
                "  apicat security-definition add weather.yaml client-secret --type apiKey --in "
                "header --key X-IBM-Client-Secret");
    add->callback([add_options, context] {
        SecurityDefinitionSpec spec = add_options->spec;
        if (spec.type == "apiKey" && spec.in.empty()) {
            spec.in = "header";
        }
        if (spec.type == "basic" && !spec.in.empty()) {
            throw UsageError("--in goes with --type apiKey, not basic");
        }
        context.exit_status = run_draft_edit(context.global, add_options->edit, add_options->file,
                                             [&](DocumentEditor& editor, const Draft& draft) {
                                                 return add_security_definition(editor, draft, spec,
                                                                                add_options->force);
                                             });
    });

    auto list_file = std::make_shared<std::string>();
    auto* list =
        group->add_subcommand("list", "List the security definitions and where they are required");
    takes(list->add_option("FILE", *list_file, "The draft"), ValueKind::draft_file)->required();
    list->footer("Example:\n  apicat security-definition list weather.yaml -o json");
    list->callback([list_file, context] {
        context.exit_status = run_security_definition_list(*list_file, context.global);
    });

    auto remove_options = std::make_shared<SecurityDefinitionRemoveOptions>();
    auto* remove = group->add_subcommand("remove", "Remove a security definition");
    takes(remove->add_option("FILE", remove_options->file, "The draft"), ValueKind::draft_file)
        ->required();
    takes(remove->add_option("NAME", remove_options->name, "The definition's name"),
          ValueKind::definition)
        ->required();
    remove->add_flag("--force", remove_options->force,
                     "Also remove the security options' references to it");
    add_edit_flags(*remove, remove_options->edit);
    remove->footer(
        "Example:\n  apicat security-definition remove weather.yaml client-secret --force");
    remove->callback([remove_options, context] {
        context.exit_status =
            run_draft_edit(context.global, remove_options->edit, remove_options->file,
                           [&](DocumentEditor& editor, const Draft& draft) {
                               return remove_security_definition(
                                   editor, draft, remove_options->name, remove_options->force);
                           });
    });
}

} // namespace apicat::cli

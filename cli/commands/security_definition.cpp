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

// As given: CLI11 checks each against its choices, and run_security_definition_add reads them
// into the spec's enums.
struct SecurityDefinitionAddOptions {
    std::string file;
    std::string name;
    std::string type;
    std::string in;
    std::string key;
    std::string key_type;
    std::string description;
    bool force = false;
    EditOptions edit;
};

struct SecurityDefinitionRemoveOptions {
    std::string file;
    std::string name;
    bool force = false;
    EditOptions edit;
};

struct SecurityDefinitionListOptions {
    std::string file;
};

SecurityDefinitionSpec spec_of(const SecurityDefinitionAddOptions& options)
{
    using Spec = SecurityDefinitionSpec;
    Spec spec;
    spec.name = options.name;
    spec.type = options.type == "basic" ? Spec::Type::basic : Spec::Type::api_key;
    if (spec.type == Spec::Type::basic && !options.in.empty()) {
        throw UsageError("--in goes with --type apiKey, not basic");
    }
    spec.in = options.in == "query" ? Spec::Place::query : Spec::Place::header;
    spec.key = options.key;
    if (!options.key_type.empty()) {
        spec.key_type = options.key_type == "client_secret" ? Spec::KeyType::client_secret
                                                            : Spec::KeyType::client_id;
    }
    spec.description = options.description;
    return spec;
}

int run_security_definition_add(const SecurityDefinitionAddOptions& options,
                                const GlobalOptions& global)
{
    const SecurityDefinitionSpec spec = spec_of(options);
    return run_draft_edit(global, options.edit, options.file,
                          [&](DocumentEditor& editor, const Draft& draft) {
                              return add_security_definition(editor, draft, spec, options.force);
                          });
}

int run_security_definition_list(const SecurityDefinitionListOptions& options,
                                 const GlobalOptions& global)
{
    Draft draft = load_draft(options.file);
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

int run_security_definition_remove(const SecurityDefinitionRemoveOptions& options,
                                   const GlobalOptions& global)
{
    return run_draft_edit(
        global, options.edit, options.file, [&](DocumentEditor& editor, const Draft& draft) {
            return remove_security_definition(editor, draft, options.name, options.force);
        });
}

void setup_security_definition_add(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityDefinitionAddOptions>();
    auto* add = group.add_subcommand("add", "Add a named apiKey or basic security definition");
    takes(add->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)->required();
    add->add_option("NAME", options->name, "The definition's name, e.g. client-id")->required();
    add->add_option("--type", options->type, "apiKey or basic")
        ->required()
        ->check(CLI::IsMember({"apiKey", "basic"}));
    add->add_option("--in", options->in, "apiKey: header or query (default: header)")
        ->check(CLI::IsMember({"header", "query"}));
    add->add_option("--key", options->key, "apiKey: the header or query parameter name");
    add->add_option("--key-type", options->key_type,
                    "apiKey: client_id or client_secret (default: client_secret when the key "
                    "ends in 'secret', else client_id)")
        ->check(CLI::IsMember({"client_id", "client_secret"}));
    add->add_option("--description", options->description, "A description");
    add->add_flag("--force", options->force,
                  "Replace a definition of that name with other content");
    add_edit_flags(*add, options->edit);
    add->footer("Examples:\n"
                "  apicat security-definition add weather.yaml client-id --type apiKey --in header "
                "--key X-IBM-Client-Id\n"
                "  apicat security-definition add weather.yaml client-secret --type apiKey --in "
                "header --key X-IBM-Client-Secret");
    add->callback([options, context] {
        context.exit_status = run_security_definition_add(*options, context.global);
    });
}

void setup_security_definition_list(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityDefinitionListOptions>();
    auto* list =
        group.add_subcommand("list", "List the security definitions and where they are required");
    takes(list->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)->required();
    list->footer("Example:\n  apicat security-definition list weather.yaml -o json");
    list->callback([options, context] {
        context.exit_status = run_security_definition_list(*options, context.global);
    });
}

void setup_security_definition_remove(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<SecurityDefinitionRemoveOptions>();
    auto* remove = group.add_subcommand("remove", "Remove a security definition");
    takes(remove->add_option("FILE", options->file, "The draft"), ValueKind::draft_file)
        ->required();
    takes(remove->add_option("NAME", options->name, "The definition's name"), ValueKind::definition)
        ->required();
    remove->add_flag("--force", options->force,
                     "Also remove the security options' references to it");
    add_edit_flags(*remove, options->edit);
    remove->footer(
        "Example:\n  apicat security-definition remove weather.yaml client-secret --force");
    remove->callback([options, context] {
        context.exit_status = run_security_definition_remove(*options, context.global);
    });
}

} // namespace

void setup_security_definition_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand(
        "security-definition", "Define the schemes a draft can require: client ID, secret, basic");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat security-definition add weather.yaml client-id --type "
                  "apiKey --key X-IBM-Client-Id\n  apicat security-definition list weather.yaml");
    setup_security_definition_add(*group, context);
    setup_security_definition_list(*group, context);
    setup_security_definition_remove(*group, context);
}

} // namespace apicat::cli

#include "command_line.hpp"

#include "completion/value_kind.hpp"
#include "version.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

using Setup = void (*)(CLI::App&, CommandContext);

struct StoryStep {
    const char* heading;
    std::vector<Setup> groups;
};

// The user's story, in order: each step's commands appear under its heading in --help.
const std::vector<StoryStep>& story()
{
    static const std::vector<StoryStep> steps{
        {"1. Write and secure a draft",
         {setup_api_commands, setup_operation_commands, setup_security_definition_commands,
          setup_security_commands}},
        {"2. Bundle and publish it",
         {setup_product_commands, setup_publish_command, setup_catalog_commands}},
        {"3. Register consumer apps", {setup_app_commands}},
        {"4. Call it, serve it, explore it",
         {setup_invoke_command, setup_gateway_commands, setup_explore_command,
          setup_analytics_command}},
        {"5. Share it with a team", {setup_store_commands}},
        {"Set up your shell", {setup_completion_command}},
    };
    return steps;
}

} // namespace

std::string version_text()
{
    std::string text = fmt::format("apicat {}\n", apicat_version());
    for (const LibraryVersion& library : linked_library_versions()) {
        text += fmt::format("  {:<8} {}\n", library.name, library.version);
    }
    return text;
}

void define_command_line(CLI::App& app, CommandContext context)
{
    GlobalOptions& global = context.global;
    app.name("apicat");
    app.description("apicat: secure an API with a Client ID and Secret, publish it to a local "
                    "catalog, and prove from a terminal that the right calls get in.");
    app.set_version_flag(
        "--version", [] { return version_text(); }, "Print apicat's version and its libraries'");
    takes(app.add_option("--home", global.home,
                         "The local store's folder (default: $APICAT_HOME, "
                         "$XDG_DATA_HOME/apicat, ~/.local/share/apicat)"),
          ValueKind::directory)
        ->envname("APICAT_HOME");
    // Read from APICAT_STORE by store::resolve_store, not by CLI11: an empty variable counts as
    // unset there, and a URL in the environment must never show up in --help.
    app.add_option("--store", global.store,
                   "The store: a PostgreSQL URL (postgresql://user@host/db) shared by a team, or "
                   "a home folder (default: $APICAT_STORE, else the SQLite store in the home)");
    app.add_option("-o,--output", global.output, "Output format: text for people, json for scripts")
        ->envname("APICAT_OUTPUT")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("-q,--quiet", global.quiet, "Print only errors");
    app.add_flag("-v,--verbose", global.verbose, "Say more about what happens");
    app.add_flag("--no-color", global.no_color, "No colors (also NO_COLOR)");
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand

    const auto every = [](CLI::App*) { return true; };
    for (const StoryStep& step : story()) {
        for (Setup setup : step.groups) {
            const std::size_t before = app.get_subcommands(every).size();
            setup(app, context);
            auto added = app.get_subcommands(every);
            for (std::size_t i = before; i < added.size(); ++i) {
                added[i]->group(step.heading);
            }
        }
    }
    app.footer("Start with: apicat api create weather.yaml --title \"Weather Provider API\" "
               "--target-url 'mock:'\nEach command has --help with examples; "
               "'apicat COMMAND --help' for a group's commands.");
}

} // namespace apicat::cli

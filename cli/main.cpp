// apicat: the only code that sees argv. It parses the global options, registers the command
// groups in the order of the user's story, and turns every error into one line on stderr.

#include "command_words.hpp"
#include "commands/commands.hpp"
#include "context.hpp"

#include "errors.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace apicat;

void print_error(const std::string& message, const std::string& hint)
{
    fmt::print(stderr, "apicat: error: {}\n", message);
    if (!hint.empty()) {
        fmt::print(stderr, "apicat: hint: {}\n", hint);
    }
}

// CLI11's messages start with a capital letter; apicat's are lowercase (but "FILE is
// required" keeps its argument's name).
std::string lowercase_first(std::string message)
{
    bool word_in_capitals =
        message.size() > 1 && std::isupper(static_cast<unsigned char>(message[1]));
    if (!message.empty() && !word_in_capitals) {
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    }
    return message;
}

// The deepest subcommand that was named on the command line, for the usage hint.
const CLI::App* deepest_command(const CLI::App& app)
{
    const CLI::App* at = &app;
    while (true) {
        auto chosen = at->get_subcommands();
        if (chosen.empty()) {
            return at;
        }
        at = chosen.front();
    }
}

int run(int argc, char** argv)
{
    cli::GlobalOptions global;
    int exit_status = 0;
    cli::CommandContext context{global, exit_status};

    CLI::App app("apicat: secure an API with a Client ID and Secret, publish it to a local "
                 "catalog, and prove from a terminal that the right calls get in.",
                 "apicat");
    app.set_version_flag("--version", std::string("apicat ") + APICAT_VERSION);
    app.add_option("--home", global.home,
                   "The local store's folder (default: $APICAT_HOME, "
                   "$XDG_DATA_HOME/apicat, ~/.local/share/apicat)")
        ->envname("APICAT_HOME");
    app.add_option("-o,--output", global.output, "Output format: text for people, json for scripts")
        ->envname("APICAT_OUTPUT")
        ->check(CLI::IsMember({"text", "json"}));
    app.add_flag("-q,--quiet", global.quiet, "Print only errors");
    app.add_flag("-v,--verbose", global.verbose, "Say more about what happens");
    app.add_flag("--no-color", global.no_color, "No colors (also NO_COLOR)");
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand

    cli::setup_api_commands(app, context);
    cli::setup_operation_commands(app, context);
    cli::setup_security_definition_commands(app, context);
    cli::setup_security_commands(app, context);
    cli::setup_product_commands(app, context);
    cli::setup_publish_command(app, context);
    cli::setup_catalog_commands(app, context);
    cli::setup_app_commands(app, context);
    cli::setup_invoke_command(app, context);
    cli::setup_gateway_commands(app, context);
    cli::setup_explore_command(app, context);
    app.footer("Start with: apicat api create weather.yaml --title \"Weather Provider API\" "
               "--target-url 'mock:'\nEach command has --help with examples.");

    if (argc == 1) {
        fmt::print("{}", app.help());
        return 0;
    }
    cli::check_command_words(app, argc, argv);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        fmt::print("{}", deepest_command(app)->help());
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        fmt::print("{}", app.help("", CLI::AppFormatMode::All));
        return 0;
    } catch (const CLI::CallForVersion& e) {
        fmt::print("{}\n", e.what());
        return 0;
    } catch (const CLI::ParseError& e) {
        const CLI::App* command = deepest_command(app);
        std::string where = cli::command_words(command);
        print_error(lowercase_first(e.what()),
                    fmt::format("see 'apicat {}{}--help'", where, where.empty() ? "" : " "));
        return 2;
    }
    return exit_status;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        return run(argc, argv);
    } catch (const UsageError& e) {
        print_error(e.what(), e.hint());
        return 2;
    } catch (const Error& e) {
        print_error(e.what(), e.hint());
        return EXIT_FAILURE;
    } catch (const std::exception& e) {
        print_error(fmt::format("internal error: {}", e.what()),
                    "this is a bug in apicat; please report it with the command that caused it");
        return EXIT_FAILURE;
    }
}

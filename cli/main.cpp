// apicat: the only code that sees argv. It builds the command line (command_line.cpp),
// parses it, and turns every error into one line on stderr.

#include "command_line.hpp"
#include "command_words.hpp"
#include "completion/dynamic_values.hpp"
#include "context.hpp"
#include "man_page.hpp"
#include "output.hpp"

#include "errors.hpp"
#include "util/text.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace {

using namespace apicat;

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

// "apicat app" for `register`: what its help's usage line puts before its name.
std::string words_above(const CLI::App& command)
{
    std::string words = "apicat";
    const std::string path = cli::command_words(command.get_parent());
    return path.empty() ? words : words + " " + path;
}

std::string help_of(const CLI::App& command)
{
    std::string help =
        command.get_parent() == nullptr ? command.help() : command.help(words_above(command));
    return help.ends_with('\n') ? help : help + "\n"; // CLI11 ends a footer without one
}

int run(int argc, char** argv)
{
    cli::GlobalOptions global;
    int exit_status = 0;
    cli::CommandContext context{global, exit_status};

    CLI::App app;
    cli::define_command_line(app, context);

    // The build and the completion scripts ask the command tree itself; neither is for
    // people, so neither is listed.
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "__complete") {
        return cli::complete_values(cli::describe_commands(app), {argv + 2, argv + argc});
    }
    if (first == "__man") {
        fmt::print("{}", cli::man_page(cli::describe_commands(app), APICAT_VERSION));
        return 0;
    }
    if (argc == 1) {
        fmt::print("{}", help_of(app));
        return 0;
    }
    cli::check_command_words(app, argc, argv);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        fmt::print("{}", help_of(*deepest_command(app)));
        return 0;
    } catch (const CLI::CallForAllHelp&) {
        fmt::print("{}", app.help("", CLI::AppFormatMode::All));
        return 0;
    } catch (const CLI::CallForVersion& e) {
        fmt::print("{}", e.what());
        return 0;
    } catch (const CLI::ParseError& e) {
        const CLI::App* command = deepest_command(app);
        std::string where = cli::command_words(command);
        cli::print_error(util::lowercase_first(e.what()),
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
        cli::print_error(e);
        return 2;
    } catch (const Error& e) {
        cli::print_error(e);
        return EXIT_FAILURE;
    } catch (const std::exception& e) {
        cli::print_error(
            fmt::format("internal error: {}", e.what()),
            "this is a bug in apicat; please report it with the command that caused it");
        return EXIT_FAILURE;
    }
}

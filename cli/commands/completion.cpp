// apicat completion bash|zsh|fish: the shell completion script, generated from the command
// tree this very binary parses.

#include "commands.hpp"

#include "completion/command_tree.hpp"
#include "completion/shell_scripts.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

struct CompletionOptions {
    std::string shell;
};

// Takes the whole command line rather than the global options: the script describes it.
int run_completion(const CompletionOptions& options, const CLI::App& root)
{
    const CommandSpec tree = describe_commands(root);
    if (options.shell == "bash") {
        fmt::print("{}", bash_script(tree));
    } else if (options.shell == "zsh") {
        fmt::print("{}", zsh_script(tree));
    } else {
        fmt::print("{}", fish_script(tree));
    }
    return 0;
}

} // namespace

void setup_completion_command(CLI::App& app, CommandContext context)
{
    auto options = std::make_shared<CompletionOptions>();
    auto* completion =
        app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
    completion->add_option("SHELL", options->shell, "The shell")
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    completion->footer(
        "Packages install the scripts where each shell finds them. To enable them by hand:\n"
        "Examples:\n"
        "  apicat completion bash > ~/.local/share/bash-completion/completions/apicat\n"
        "  apicat completion zsh > ~/.zfunc/_apicat    # ~/.zshrc: fpath=(~/.zfunc $fpath) "
        "before compinit\n"
        "  apicat completion fish > ~/.config/fish/completions/apicat.fish\n"
        "  source <(apicat completion bash)            # this bash session only");
    const CLI::App* root = &app;
    completion->callback(
        [options, root, context] { context.exit_status = run_completion(*options, *root); });
}

} // namespace apicat::cli

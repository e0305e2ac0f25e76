#include "man_page.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

// Text as roff reads it: backslashes and hyphens escaped, and no line starting with a dot
// or quote, which roff would take for a request.
std::string roff(std::string_view text)
{
    std::string escaped;
    bool line_start = true;
    for (char c : text) {
        if (line_start && (c == '.' || c == '\'')) {
            escaped += "\\&";
        }
        if (c == '\\') {
            escaped += "\\e";
        } else if (c == '-') {
            escaped += "\\-";
        } else {
            escaped += c;
        }
        line_start = c == '\n';
    }
    return escaped;
}

std::string synopsis(const CommandSpec& command)
{
    std::string line = command.command_line() + " [OPTIONS]";
    for (const ArgumentSpec& argument : command.arguments) {
        std::string word = argument.name + (argument.repeats ? "..." : "");
        line += " " + (argument.required ? word : "[" + word + "]");
    }
    return line;
}

std::string option_entry(const OptionSpec& option)
{
    std::string flags;
    for (const std::string& flag : option.flags) {
        flags += (flags.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff(flag));
    }
    if (option.takes_value) {
        flags += fmt::format(" \\fI{}\\fR", roff(option.placeholder));
    }
    std::string description = option.description;
    if (!option.default_value.empty()) {
        description += fmt::format(" (default: {})", option.default_value);
    }
    if (!option.environment.empty()) {
        description += fmt::format(" (also ${})", option.environment);
    }
    return fmt::format(".TP\n{}\n{}\n", flags, roff(description));
}

std::string argument_entry(const ArgumentSpec& argument)
{
    return fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(argument.name), roff(argument.description));
}

// The footer's examples, kept as they are laid out in --help.
std::string footer(const std::string& text)
{
    if (text.empty()) {
        return {};
    }
    return fmt::format(".PP\n.nf\n{}\n.fi\n", roff(text));
}

std::string command_section(const CommandSpec& command)
{
    std::string text =
        fmt::format(".SS \"{}\"\n{}\n", roff(synopsis(command)), roff(command.description));
    for (const ArgumentSpec& argument : command.arguments) {
        text += argument_entry(argument);
    }
    for (const OptionSpec& option : command.options) {
        if (option.flags.back() != "--help") {
            text += option_entry(option);
        }
    }
    return text + footer(command.footer);
}

std::string commands_below(const CommandSpec& command)
{
    if (command.subcommands.empty()) {
        return command_section(command);
    }
    std::string text;
    for (const CommandSpec& subcommand : command.subcommands) {
        text += commands_below(subcommand);
    }
    return text;
}

constexpr const char* closing_sections = R"(.SH ENVIRONMENT
.TP
.B APICAT_HOME
The folder of the local store; see \fB\-\-home\fR.
.TP
.B XDG_DATA_HOME
The store is in \fI$XDG_DATA_HOME/apicat\fR when neither \fB\-\-home\fR nor APICAT_HOME is set,
else in \fI~/.local/share/apicat\fR.
.TP
.B APICAT_OUTPUT
\fBtext\fR or \fBjson\fR; see \fB\-\-output\fR.
.TP
.B NO_COLOR
When set, no colors.
.SH FILES
.TP
.I $APICAT_HOME/apicat.db
The store: catalogs, published products, apps and subscriptions, in SQLite. The folder is
made 0700 and the file 0600; client secrets are kept only as SHA\-256 digests.
.SH EXIT STATUS
0 on success; 1 when a command fails (or \fBinvoke \-\-expect\fR sees another status, or
\fBapi validate\fR finds an error); 2 for a mistake on the command line.
.SH SHELL COMPLETION
\fBapicat completion bash|zsh|fish\fR prints a completion script; packages install them
where each shell looks.
)";

} // namespace

std::string man_page(const CommandSpec& root, const std::string& version)
{
    std::string text =
        fmt::format(".TH APICAT 1 \"\" \"apicat {}\" \"User Commands\"\n", roff(version));
    text += fmt::format(".SH NAME\napicat \\- {}\n",
                        roff(root.description.substr(root.description.find(':') + 2)));
    text += ".SH SYNOPSIS\n.B apicat\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n";
    text += ".SH DESCRIPTION\n" + roff(root.description) + "\n.PP\n" + roff(root.footer) + "\n";
    text += ".SH OPTIONS\nThese may be given before or after the command.\n";
    for (const OptionSpec& option : root.options) {
        text += option_entry(option);
    }
    std::string group;
    for (const CommandSpec& command : root.subcommands) {
        if (command.group != group) {
            group = command.group;
            text += fmt::format(".SH \"{}\"\n", roff(util::to_upper(group)));
        }
        text += commands_below(command);
    }
    return text + closing_sections;
}

} // namespace apicat::cli

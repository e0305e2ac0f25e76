#pragma once

// The command tree as the completion scripts and the man page need it: every command with
// its options and arguments, read from the CLI11 definitions that parse the real command
// line, so they cannot drift apart.

#include "completion/value_kind.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace apicat::cli {

struct OptionSpec {
    std::vector<std::string> flags; // "-o", "--output"
    std::string description;
    bool takes_value = false;
    ValueKind kind = ValueKind::text;
    std::vector<std::string> choices;
    std::string placeholder; // "CATALOG", as --help shows it
    std::string default_value;
    std::string environment; // the variable it also reads, if any
};

struct ArgumentSpec {
    std::string name; // "FILE"
    std::string description;
    ValueKind kind = ValueKind::text;
    std::vector<std::string> choices;
    bool required = false;
    bool repeats = false; // takes every remaining word
};

struct CommandSpec {
    std::vector<std::string> words; // after "apicat": {"app", "register"}
    std::string description;
    std::string group; // the story step it belongs to, for the top level
    std::string footer;
    std::vector<OptionSpec> options;
    std::vector<ArgumentSpec> arguments;
    std::vector<CommandSpec> subcommands;

    std::string name() const { return words.empty() ? "apicat" : words.back(); }
    // "apicat app register"
    std::string command_line() const;
};

// Reads the tree below `app`; hidden commands (no group, or a name starting with "__") are
// left out.
CommandSpec describe_commands(const CLI::App& app);

// `root` and every command below it, parents before their subcommands.
std::vector<const CommandSpec*> all_commands(const CommandSpec& root);

} // namespace apicat::cli

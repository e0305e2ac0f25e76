#pragma once

// Checks the command words of a command line before CLI11 parses it, so that a mistyped
// command reads "unknown command 'api frobnicate'; did you mean …" rather than CLI11's
// "a subcommand is required".

#include <CLI/CLI.hpp>

namespace apicat::cli {

// "api create" for the `create` command of the `api` group; "" for apicat itself.
std::string command_words(const CLI::App* command);

// Throws UsageError naming the first word that is not a command where one is expected.
void check_command_words(const CLI::App& app, int argc, const char* const* argv);

} // namespace apicat::cli

#pragma once

// Checks the command words and option names of a command line before CLI11 parses it, so
// that a mistyped one reads "unknown command 'api frobnicate'" or "unknown option
// '--catalgo'" with the closest real one, rather than CLI11's "a subcommand is required" or
// "the following arguments were not expected".

#include <CLI/CLI.hpp>

namespace apicat::cli {

// "api create" for the `create` command of the `api` group; "" for apicat itself.
std::string command_words(const CLI::App* command);

// Throws UsageError naming the first word that is not a command where one is expected, or
// the first option that neither the command nor a command above it has.
void check_command_words(const CLI::App& app, int argc, const char* const* argv);

} // namespace apicat::cli

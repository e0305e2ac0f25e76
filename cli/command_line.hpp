#pragma once

// The whole command line apicat understands: its global options, then the command groups
// under the steps of the user's story, which is how `apicat` with no arguments lists them.

#include "commands/commands.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace apicat::cli {

void define_command_line(CLI::App& app, CommandContext context);

// What `apicat --version` prints: apicat's version and the libraries it runs with.
std::string version_text();

} // namespace apicat::cli

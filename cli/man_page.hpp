#pragma once

// apicat.1, the man page, written from the same command tree as --help and the completion
// scripts: the build runs `apicat __man` to make it.

#include "completion/command_tree.hpp"

#include <string>

namespace apicat::cli {

std::string man_page(const CommandSpec& root, const std::string& version);

} // namespace apicat::cli

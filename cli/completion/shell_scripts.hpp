#pragma once

// `apicat completion bash|zsh|fish`: completion scripts generated from the command tree.
// Each holds the tree as tables (commands, options, what their values are) and asks
// `apicat __complete KIND WORDS...` only for names that live in the store or in a draft.

#include "completion/command_tree.hpp"

#include <string>

namespace apicat::cli {

std::string bash_script(const CommandSpec& root);
std::string zsh_script(const CommandSpec& root);
std::string fish_script(const CommandSpec& root);

} // namespace apicat::cli

#pragma once

// `apicat __complete KIND -- WORDS...`, the hidden command the completion scripts call: the
// names to offer for a value of KIND (catalogs, apps, published products and plans, or the
// security definitions and operations of the draft among WORDS), one per line.
//
// WORDS are what was typed before the value, after "apicat"; they say which catalog
// (--catalog), which store (--home) and which draft. It reads the store without creating or
// changing it, and never touches the network. Its output lands in the user's prompt, so when
// anything fails it prints nothing there: the error goes to stderr, which the scripts discard.

#include "completion/command_tree.hpp"

#include <string>
#include <vector>

namespace apicat::cli {

// Returns the exit status: 0, even when there is nothing to offer. Throws what reading the
// store or the draft throws.
int complete_values(const CommandSpec& root, const std::vector<std::string>& args);

} // namespace apicat::cli

#pragma once

// How the completion scripts name what a command takes, shared by the three shells so that
// their tables read alike.

#include "completion/command_tree.hpp"

#include <string>
#include <string_view>

namespace apicat::cli {

// "catalog", "draft-file", or "choice:apiKey,basic".
std::string value_word(ValueKind kind, const std::vector<std::string>& choices);
// The kinds of a command's arguments in order, a repeating last one marked with "*":
// "draft-file definition*".
std::string argument_words(const CommandSpec& command);
// 'text' for bash and zsh: a single-quoted word, with ' written as '\''.
std::string posix_quote(std::string_view text);

} // namespace apicat::cli

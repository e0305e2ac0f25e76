#pragma once

// "Did you mean ...?" hints for names that were mistyped.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::util {

// The candidate `word` was most likely meant to be, ignoring case: the one with the fewest
// edits (insertions, deletions, substitutions, swaps of neighbours; optimal string alignment),
// provided those are at most max(2, word size / 3) and fewer than the word has characters, or
// one of the two starts with the other and that shorter one has at least 3 characters. Ties go
// to the earlier candidate. None when no candidate is that close.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// "did you mean 'X'?" for the closest match, or "" when no candidate is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace apicat::util

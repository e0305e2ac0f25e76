#pragma once

// Unified diffs of two texts, as `diff -u` prints them, for showing what a rewrite changes.

#include <string>
#include <string_view>

namespace apicat::util {

// The unified diff turning `before` into `after`, or "" when they are equal. The header lines
// are `--- <label_before>` and `+++ <label_after>`, taken as given (pass "a/x", "b/x" for the
// git look). Lines are split on "\n" only, so a "\r" stays part of a line; a last line without
// "\n" is followed by `\ No newline at end of file`. Hunks carry `context` lines around each
// change and merge when their context would touch, like GNU diff. Inputs of many megabytes
// with small changes are cheap: only the lines between the common head and tail are compared.
// Where those differ a lot, the diff may come out longer than the shortest so that the time
// stays bounded; past a work limit, the lines not compared yet are shown as one replacement.
// Either way it is a correct diff.
std::string unified_diff(std::string_view before, std::string_view after,
                         const std::string& label_before, const std::string& label_after,
                         int context = 3);

} // namespace apicat::util

#pragma once

// Small ASCII text helpers. Names, methods and keys apicat compares are ASCII; other bytes
// pass through unchanged.

#include <string>
#include <string_view>

namespace apicat::util {

std::string to_lower(std::string text);
std::string to_upper(std::string text);

// Whether `a` and `b` are the same text but for the case of ASCII letters (header names), without
// copying either: the gateway compares header names several times on every call.
bool equal_ignoring_case(std::string_view a, std::string_view b);

} // namespace apicat::util

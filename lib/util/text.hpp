#pragma once

// Small ASCII text helpers. Names, methods and keys apicat compares are ASCII; other bytes
// pass through unchanged.

#include <string>
#include <string_view>

namespace apicat::util {

std::string to_lower(std::string text);
std::string to_upper(std::string text);

// The value of one hex digit ('0'-'9', 'a'-'f', 'A'-'F'), or -1 for any other character.
int hex_digit_value(char c);

// The text with its first letter in upper case ("current" → "Current").
std::string capitalized(std::string text);

// The text with its first letter in lower case, as apicat's messages start, unless its first
// word is in capitals ("FILE is required", "TLS handshake failed"): for messages that others
// wrote (CLI11's, the system's) when apicat's own words come before them.
std::string lowercase_first(std::string text);

// Whether `a` and `b` are the same text but for the case of ASCII letters (header names), without
// copying either: the gateway compares header names several times on every call.
bool equal_ignoring_case(std::string_view a, std::string_view b);

// The text without the spaces and tabs around it: HTTP's optional whitespace around a header
// value or a list item.
std::string_view trimmed(std::string_view text);

} // namespace apicat::util

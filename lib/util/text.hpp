#pragma once

// Small ASCII text helpers. Names, methods and keys apicat compares are ASCII; other bytes
// pass through unchanged.

#include <string>

namespace apicat::util {

std::string to_lower(std::string text);
std::string to_upper(std::string text);

} // namespace apicat::util

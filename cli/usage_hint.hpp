#pragma once

// The library names what an error is about in its own words (an Input); the command line
// knows which of its options carries each, and names it in the hint.

#include "errors.hpp"

#include <string>

namespace apicat::cli {

// The error's hint, led by the option it is about: "--title: the title needs at least one
// letter or digit"; "pass --force to replace it, or choose another name".
std::string hint_naming_option(const Error& error);

} // namespace apicat::cli

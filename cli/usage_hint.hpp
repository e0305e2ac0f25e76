#pragma once

// The library names what a UsageError is about in its own words (an Input); the command line
// knows which of its options carries each, and names it in the hint.

#include "errors.hpp"

#include <string>

namespace apicat::cli {

// The option that carries `input` ("--target-url"), or "" when no option does.
std::string option_for(Input input);

// The error's hint, led by the option it is about: "--title: the title needs at least one
// letter or digit".
std::string hint_naming_option(const UsageError& error);

} // namespace apicat::cli

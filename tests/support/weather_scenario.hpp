#pragma once

// The user's story, as the end-to-end tests set it up through the real binary.

#include "support/scratch_dir.hpp"

#include <string>
#include <vector>

namespace apicat::test {

// Runs apicat in `dir`; the test fails unless it exits 0. Returns its standard output.
std::string apicat_ok(const ScratchDir& dir, const std::vector<std::string>& args);

// The weather draft secured by client ID and secret, its GET /current with a response
// example, in weather-product.yaml (plan default, 100/1hour), published to sandbox. `global`
// goes after each command's words (--store URL, say).
void publish_weather(const ScratchDir& dir, const std::string& target_url,
                     const std::string& title = "Weather Provider API",
                     const std::vector<std::string>& global = {});

} // namespace apicat::test

#pragma once

// The user's story, as the end-to-end tests set it up through the real binary.

#include "support/scratch_dir.hpp"

#include <string>
#include <vector>

namespace apicat::test {

// The weather draft secured by client ID and secret, its GET /current with a response
// example, in weather-product.yaml (plan default, 100/1hour), published to sandbox. `global`
// goes after each command's words (--store URL, say).
void publish_weather(const ScratchDir& dir, const std::string& target_url,
                     const std::string& title = "Weather Provider API",
                     const std::vector<std::string>& global = {});

// The published weather API's GET /current with its required zip code, as `apicat invoke`
// takes it.
inline const std::string weather_current_query = "/weather/current?zipcode=90210";

} // namespace apicat::test

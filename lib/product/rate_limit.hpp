#pragma once

// Plan rate limits: "100/1hour", "10/second", "5000/1day", "unlimited".

#include <cstdint>
#include <string>

namespace apicat::product {

struct RateLimit {
    std::string text; // as written
    bool unlimited = false;
    std::uint64_t count = 0; // calls allowed per window
    std::uint64_t window_seconds = 0;
};

// N/[K]UNIT with UNIT second, minute, hour, day or week (a plural 's' allowed), or
// "unlimited". Throws apicat::Error with a hint for anything else.
RateLimit parse_rate_limit(const std::string& text);

} // namespace apicat::product

#pragma once

// How the engine counts calls against a plan's limits: a RateLimiter, in memory for one
// `gateway serve` process (memory_rate_limiter.cpp) or in the store for in-process
// `apicat invoke` (store_rate_limiter.cpp), both over the same fixed windows (rate_window.hpp).

#include "product/rate_limit.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace apicat::gateway {

struct RateVerdict {
    bool allowed = true; // the call was within the limit
    std::uint64_t limit = 0;
    std::uint64_t remaining = 0;
    std::int64_t retry_after_seconds = 0;
};

// One limit a call counts against. Keys are "catalog/app/product/plan/rate|burst/NAME".
struct RateCount {
    std::string key;
    product::RateLimit limit;
    bool hard = true; // false: a call past the limit is let through, and counted
};

// Counts calls per key in fixed windows.
class RateLimiter {
public:
    virtual ~RateLimiter() = default;

    // Counts one call against every limit in `counts` at once, or against none of them when a
    // hard one is used up: a call one limit refuses takes nothing from the others. The
    // verdicts are in the order of `counts`.
    virtual std::vector<RateVerdict> take(const std::vector<RateCount>& counts,
                                          std::int64_t now_seconds) = 0;

    // One hard limit.
    RateVerdict take(const std::string& key, const product::RateLimit& limit,
                     std::int64_t now_seconds);
};

// In memory, for one gateway process; thread-safe.
std::unique_ptr<RateLimiter> make_memory_rate_limiter();

// In the store, for in-process `apicat invoke`, where every call is a new process.
std::unique_ptr<RateLimiter> make_store_rate_limiter(store::Store& store);

} // namespace apicat::gateway

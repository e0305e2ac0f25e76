#pragma once

// How the engine counts calls against a plan's limits: a RateLimiter, in memory for one
// `gateway serve` process (memory_rate_limiter.cpp), in the store for in-process
// `apicat invoke` (store_rate_limiter.cpp), or in a store several gateways share
// (shared_rate_limiter.cpp), all over the same fixed windows (rate_window.hpp).

#include "product/rate_limit.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace apicat::gateway {

struct RateVerdict {
    bool allowed = true; // the call was within the limit
    std::uint64_t limit = 0;
    std::uint64_t remaining = 0;
    std::int64_t retry_after_seconds = 0;
};

// One limit a call counts against, for the time of the call: the key and the limit are the
// caller's. Keys are "catalog/app/product/plan/rate|burst/NAME".
struct RateCount {
    std::string_view key;
    const product::RateLimit* limit = nullptr;
    bool hard = true; // false: a call past the limit is let through, and counted
};

// Counts calls per key in fixed windows.
class RateLimiter {
public:
    virtual ~RateLimiter() = default;

    // Counts one call against every limit in `counts` at once, or against none of them when a
    // hard one is used up: a call one limit refuses takes nothing from the others. Writes the
    // verdict for counts[i] to verdicts[i] (as many as counts). The gateway calls this on
    // every limited call, so it allocates nothing for the usual few limits.
    virtual void take(std::span<const RateCount> counts, std::int64_t now_seconds,
                      std::span<RateVerdict> verdicts) = 0;

    // The same, with the verdicts returned.
    std::vector<RateVerdict> take(const std::vector<RateCount>& counts, std::int64_t now_seconds);

    // One hard limit.
    RateVerdict take(std::string_view key, const product::RateLimit& limit,
                     std::int64_t now_seconds);
};

// In memory, for one gateway process; thread-safe.
std::unique_ptr<RateLimiter> make_memory_rate_limiter();

// In the store, for in-process `apicat invoke`, where every call is a new process.
std::unique_ptr<RateLimiter> make_store_rate_limiter(store::Store& store);

// RateLimiter::take, counted in one Store::count_calls transaction of `store`. Throws what the
// store throws.
void count_in_store(store::Store& store, std::span<const RateCount> counts,
                    std::int64_t now_seconds, std::span<RateVerdict> verdicts);

} // namespace apicat::gateway

#pragma once

// The rate limiter of a gateway that shares its store with other gateways (PostgreSQL): a
// plan's limit is one budget for all of them, counted in the store (docs/gateway.md,
// "Several gateways").

#include "gateway/rate_limiter.hpp"
#include "store/store.hpp"

#include <exception>
#include <functional>
#include <memory>

namespace apicat::gateway {

struct SharedRateLimiterEvents {
    // Once, when counting in the store first fails: calls are counted in memory from then on.
    std::function<void(const std::exception&)> unavailable;
    // Once, when counting in the store works again.
    std::function<void()> restored;
};

// Counts each call in one short transaction of the store (Store::count_calls), so that it is
// exact for calls made one after another through any gateways. Threads that count at once use
// connections of their own, each opened with `open` when first needed and kept for the next
// call.
//
// While the store cannot be reached, the gateway keeps serving: calls are counted in its own
// memory, as a gateway alone would count them, so each gateway then admits up to a plan's
// limit on its own (fail open, bounded per gateway). The store is tried again a second later.
std::unique_ptr<RateLimiter>
make_shared_rate_limiter(std::function<std::unique_ptr<store::Store>()> open,
                         SharedRateLimiterEvents events = {});

} // namespace apicat::gateway

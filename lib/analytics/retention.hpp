#pragma once

// How long calls are kept for analytics, and recording them within those bounds
// (docs/analytics.md). Both front ends record through record_calls, so that the store never
// holds more than the bounds say, whoever wrote last.

#include "store/store.hpp"

#include <chrono>
#include <cstdint>
#include <span>

namespace apicat::analytics {

// A month of calls answers "what happened lately" without the store growing with every call
// for ever; a million calls of about 115 bytes each (index included) keep the table near 115 MB
// even on a busy gateway.
inline constexpr std::chrono::days calls_kept_for{30};
inline constexpr std::uint64_t calls_kept_at_most = 1'000'000;

// Appends `calls` and prunes those past the bounds at `now_ms` (milliseconds since the epoch),
// in one write transaction: pruning at every write keeps each prune small. Nothing to append
// writes nothing.
// The time calls are stamped with and pruned against: milliseconds since the epoch, by the
// machine's clock.
std::int64_t now_ms();

void record_calls(store::Store& store, std::span<const store::CallRecord> calls,
                  std::int64_t now_ms);

} // namespace apicat::analytics

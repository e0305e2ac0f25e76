#pragma once

// Fixed rate-limit windows, shared by the in-memory limiter of `gateway serve` and the store's
// limiter of in-process `apicat invoke`, and what they do when the clock jumps.
//
// A window is a stretch of the plan's length, aligned to the epoch ("2/1minute": each clock
// minute). A call counts in the window the clock is in. When the clock moves forward into a
// later window, the count starts again from zero. When it goes back (an NTP step, a
// hand-set clock), the count is kept, so stepping the clock back never grants extra calls; the
// window is moved to the one the clock is in now, so a refused caller never waits more than
// one window length.

#include "gateway/rate_limiter.hpp"
#include "product/rate_limit.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace apicat::gateway {

// Counts one call at `now_seconds` against `window` (none yet: the key's first call), which
// it updates, and says whether the call is allowed. A refused call is not counted.
RateVerdict take_call(std::optional<store::RateWindow>& window, const product::RateLimit& limit,
                      std::int64_t now_seconds);

// Counts one call against several windows (windows[i] for counts[i]) as RateLimiter::take
// does: against all of them, soft limits past their count too, or against none when a hard
// limit is used up. The verdict for counts[i] goes to verdicts[i].
void take_calls(std::span<std::optional<store::RateWindow>> windows,
                std::span<const RateCount> counts, std::int64_t now_seconds,
                std::span<RateVerdict> verdicts);

} // namespace apicat::gateway

#include "gateway/rate_window.hpp"

namespace apicat::gateway {

namespace {

// The start of the window `now` is in. Rounded down, also before 1970, where `%` would round
// towards zero.
std::int64_t window_start(std::int64_t now, std::int64_t length)
{
    const std::int64_t remainder = now % length;
    return now - (remainder < 0 ? remainder + length : remainder);
}

// Moves `window` to the one the clock is in, and says whether one more call fits, without
// counting it.
RateVerdict look(std::optional<store::RateWindow>& window, const product::RateLimit& limit,
                 std::int64_t now_seconds)
{
    const auto length = static_cast<std::int64_t>(limit.window_seconds);
    const std::int64_t start = window_start(now_seconds, length);
    if (!window || start > window->start) {
        window = store::RateWindow{start, 0};
    }
    // The clock went back: the count carries over into the window the clock is in now.
    window->start = start;
    RateVerdict verdict;
    verdict.limit = limit.count;
    verdict.allowed = window->count < limit.count;
    verdict.retry_after_seconds = verdict.allowed ? 0 : start + length - now_seconds;
    return verdict;
}

// A republish may lower the limit below what the window has counted already.
std::uint64_t remaining(const store::RateWindow& window, const product::RateLimit& limit)
{
    return window.count < limit.count ? limit.count - window.count : 0;
}

} // namespace

RateVerdict take_call(std::optional<store::RateWindow>& window, const product::RateLimit& limit,
                      std::int64_t now_seconds)
{
    const RateCount count{"", &limit, true};
    RateVerdict verdict;
    take_calls({&window, 1}, {&count, 1}, now_seconds, {&verdict, 1});
    return verdict;
}

void take_calls(std::span<std::optional<store::RateWindow>> windows,
                std::span<const RateCount> counts, std::int64_t now_seconds,
                std::span<RateVerdict> verdicts)
{
    bool refused = false;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        verdicts[i] = RateVerdict{};
        if (!counts[i].limit->unlimited) {
            verdicts[i] = look(windows[i], *counts[i].limit, now_seconds);
            refused = refused || (counts[i].hard && !verdicts[i].allowed);
        }
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i].limit->unlimited) {
            continue;
        }
        if (!refused) {
            ++windows[i]->count;
        }
        verdicts[i].remaining = remaining(*windows[i], *counts[i].limit);
    }
}

std::vector<RateVerdict> RateLimiter::take(const std::vector<RateCount>& counts,
                                           std::int64_t now_seconds)
{
    std::vector<RateVerdict> verdicts(counts.size());
    take(counts, now_seconds, verdicts);
    return verdicts;
}

RateVerdict RateLimiter::take(std::string_view key, const product::RateLimit& limit,
                              std::int64_t now_seconds)
{
    const RateCount count{key, &limit, true};
    RateVerdict verdict;
    take({&count, 1}, now_seconds, {&verdict, 1});
    return verdict;
}

} // namespace apicat::gateway

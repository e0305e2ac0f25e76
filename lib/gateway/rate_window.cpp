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

} // namespace

RateVerdict take_call(std::optional<store::RateWindow>& window, const product::RateLimit& limit,
                      std::int64_t now_seconds)
{
    if (limit.unlimited) {
        return RateVerdict{};
    }
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
    if (verdict.allowed) {
        ++window->count;
    }
    // A republish may lower the limit below what the window has counted already.
    verdict.remaining = window->count < limit.count ? limit.count - window->count : 0;
    verdict.retry_after_seconds = verdict.allowed ? 0 : start + length - now_seconds;
    return verdict;
}

} // namespace apicat::gateway

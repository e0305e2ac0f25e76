#include "gateway/engine.hpp"

#include <mutex>
#include <unordered_map>

namespace apicat::gateway {

namespace {

// Fixed windows: the count resets when the clock enters the next window of the plan's
// length, counted from the epoch.
class MemoryRateLimiter : public RateLimiter {
public:
    RateVerdict take(const std::string& key, const product::RateLimit& limit,
                     std::int64_t now_seconds) override
    {
        if (limit.unlimited) {
            return RateVerdict{};
        }
        auto window = static_cast<std::int64_t>(limit.window_seconds);
        std::int64_t start = now_seconds - now_seconds % window;
        std::lock_guard lock(mutex_);
        Window& counted = windows_[key];
        if (counted.start != start) {
            counted = Window{start, 0};
        }
        RateVerdict verdict;
        verdict.limit = limit.count;
        verdict.allowed = counted.count < limit.count;
        if (verdict.allowed) {
            ++counted.count;
        }
        verdict.remaining = limit.count - counted.count;
        verdict.retry_after_seconds = verdict.allowed ? 0 : start + window - now_seconds;
        return verdict;
    }

private:
    struct Window {
        std::int64_t start = -1;
        std::uint64_t count = 0;
    };
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
};

} // namespace

std::unique_ptr<RateLimiter> make_memory_rate_limiter()
{
    return std::make_unique<MemoryRateLimiter>();
}

} // namespace apicat::gateway

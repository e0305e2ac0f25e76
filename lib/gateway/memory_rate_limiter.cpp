#include "gateway/engine.hpp"
#include "gateway/rate_window.hpp"

#include <mutex>
#include <unordered_map>

namespace apicat::gateway {

namespace {

// The windows of one gateway process (see rate_window.hpp for what a window is).
class MemoryRateLimiter : public RateLimiter {
public:
    RateVerdict take(const std::string& key, const product::RateLimit& limit,
                     std::int64_t now_seconds) override
    {
        if (limit.unlimited) {
            return RateVerdict{};
        }
        std::lock_guard lock(mutex_);
        return take_call(windows_[key], limit, now_seconds);
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::string, std::optional<store::RateWindow>> windows_;
};

} // namespace

std::unique_ptr<RateLimiter> make_memory_rate_limiter()
{
    return std::make_unique<MemoryRateLimiter>();
}

} // namespace apicat::gateway

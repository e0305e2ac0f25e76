#include "gateway/engine.hpp"
#include "gateway/rate_window.hpp"

#include <mutex>
#include <unordered_map>

namespace apicat::gateway {

namespace {

// The windows of one gateway process (see rate_window.hpp for what a window is).
class MemoryRateLimiter : public RateLimiter {
public:
    std::vector<RateVerdict> take(const std::vector<RateCount>& counts,
                                  std::int64_t now_seconds) override
    {
        std::lock_guard lock(mutex_);
        std::vector<std::optional<store::RateWindow>> windows;
        for (const RateCount& count : counts) {
            windows.push_back(windows_[count.key]);
        }
        std::vector<RateVerdict> verdicts = take_calls(windows, counts, now_seconds);
        for (std::size_t i = 0; i < counts.size(); ++i) {
            windows_[counts[i].key] = windows[i];
        }
        return verdicts;
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

#include "gateway/rate_limiter.hpp"
#include "gateway/rate_window.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::gateway {

namespace {

// Counts in the store, so that each `apicat invoke` process — a new one for every call —
// sees the calls of the ones before it. One small write transaction per limited call, for
// all the plan's limits together.
class StoreRateLimiter : public RateLimiter {
public:
    explicit StoreRateLimiter(store::Store& store)
        : store_(store)
    {
    }

    void take(std::span<const RateCount> counts, std::int64_t now_seconds,
              std::span<RateVerdict> verdicts) override
    {
        count_in_store(store_, counts, now_seconds, verdicts);
    }

private:
    store::Store& store_;
};

} // namespace

void count_in_store(store::Store& store, std::span<const RateCount> counts,
                    std::int64_t now_seconds, std::span<RateVerdict> verdicts)
{
    store.count_calls([&](store::Transaction& transaction) {
        std::vector<std::string> keys;
        std::vector<std::optional<store::RateWindow>> windows;
        for (const RateCount& count : counts) {
            keys.emplace_back(count.key);
            windows.push_back(transaction.rate_window(keys.back()));
        }
        take_calls(windows, counts, now_seconds, verdicts);
        for (std::size_t i = 0; i < counts.size(); ++i) {
            // Also when refused: a clock that went back moves the window.
            if (windows[i]) {
                transaction.put_rate_window(keys[i], *windows[i]);
            }
        }
    });
}

std::unique_ptr<RateLimiter> make_store_rate_limiter(store::Store& store)
{
    return std::make_unique<StoreRateLimiter>(store);
}

} // namespace apicat::gateway

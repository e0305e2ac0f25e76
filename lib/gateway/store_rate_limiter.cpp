#include "gateway/engine.hpp"

namespace apicat::gateway {

namespace {

// Counts in the store, so that each `apicat invoke` process — a new one for every call —
// sees the calls of the ones before it. One small write transaction per limited call.
class StoreRateLimiter : public RateLimiter {
public:
    explicit StoreRateLimiter(store::Store& store)
        : store_(store)
    {
    }

    RateVerdict take(const std::string& key, const product::RateLimit& limit,
                     std::int64_t now_seconds) override
    {
        if (limit.unlimited) {
            return RateVerdict{};
        }
        auto window = static_cast<std::int64_t>(limit.window_seconds);
        std::int64_t start = now_seconds - now_seconds % window;
        RateVerdict verdict;
        store_.write([&](store::Transaction& transaction) {
            std::uint64_t count = transaction.rate_window_count(key, start);
            verdict = RateVerdict{count < limit.count, limit.count, 0, 0};
            if (verdict.allowed) {
                transaction.set_rate_window_count(key, start, ++count);
            }
            verdict.remaining = limit.count - count;
            verdict.retry_after_seconds = verdict.allowed ? 0 : start + window - now_seconds;
        });
        return verdict;
    }

private:
    store::Store& store_;
};

} // namespace

std::unique_ptr<RateLimiter> make_store_rate_limiter(store::Store& store)
{
    return std::make_unique<StoreRateLimiter>(store);
}

} // namespace apicat::gateway

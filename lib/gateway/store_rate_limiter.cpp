#include "gateway/engine.hpp"
#include "gateway/rate_window.hpp"

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
        RateVerdict verdict;
        store_.write([&](store::Transaction& transaction) {
            std::optional<store::RateWindow> window = transaction.rate_window(key);
            verdict = take_call(window, limit, now_seconds);
            // Also when refused: a clock that went back moves the window.
            transaction.put_rate_window(key, *window);
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

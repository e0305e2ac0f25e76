#include "gateway/shared_rate_limiter.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <utility>
#include <vector>

namespace apicat::gateway {

namespace {

using Clock = std::chrono::steady_clock;

// How long a gateway counts in memory after the store failed before it tries the store again.
constexpr auto retry_after = std::chrono::seconds(1);

class SharedRateLimiter : public RateLimiter {
public:
    SharedRateLimiter(std::function<std::unique_ptr<store::Store>()> open,
                      SharedRateLimiterEvents events)
        : open_(std::move(open))
        , events_(std::move(events))
        , local_(make_memory_rate_limiter())
    {
    }

    void take(std::span<const RateCount> counts, std::int64_t now_seconds,
              std::span<RateVerdict> verdicts) override
    {
        if (Clock::now().time_since_epoch().count() < retry_at_.load(std::memory_order_relaxed)) {
            local_->take(counts, now_seconds, verdicts);
            return;
        }
        std::unique_ptr<store::Store> store = idle_connection();
        try {
            if (!store) {
                store = open_();
            }
            count_in_store(*store, counts, now_seconds, verdicts);
        } catch (const std::exception& error) {
            // The connection may be broken: it is dropped, and a new one opened next time.
            went_away(error);
            local_->take(counts, now_seconds, verdicts);
            return;
        }
        keep_idle(std::move(store));
        if (unavailable_.exchange(false) && events_.restored) {
            events_.restored();
        }
    }

private:
    std::unique_ptr<store::Store> idle_connection()
    {
        const std::lock_guard lock(mutex_);
        if (idle_.empty()) {
            return nullptr;
        }
        std::unique_ptr<store::Store> store = std::move(idle_.back());
        idle_.pop_back();
        return store;
    }

    void keep_idle(std::unique_ptr<store::Store> store)
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(store));
    }

    void went_away(const std::exception& error)
    {
        retry_at_.store((Clock::now() + retry_after).time_since_epoch().count(),
                        std::memory_order_relaxed);
        if (!unavailable_.exchange(true) && events_.unavailable) {
            events_.unavailable(error);
        }
    }

    std::function<std::unique_ptr<store::Store>()> open_;
    SharedRateLimiterEvents events_;
    std::unique_ptr<RateLimiter> local_; // while the store is away
    std::mutex mutex_;
    std::vector<std::unique_ptr<store::Store>> idle_;
    std::atomic<Clock::rep> retry_at_{0};
    std::atomic<bool> unavailable_{false};
};

} // namespace

std::unique_ptr<RateLimiter>
make_shared_rate_limiter(std::function<std::unique_ptr<store::Store>()> open,
                         SharedRateLimiterEvents events)
{
    return std::make_unique<SharedRateLimiter>(std::move(open), std::move(events));
}

} // namespace apicat::gateway

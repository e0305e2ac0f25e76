#include "analytics/retention.hpp"

#include <chrono>

namespace apicat::analytics {

void record_calls(store::Store& store, std::span<const store::CallRecord> calls,
                  std::int64_t now_ms)
{
    if (calls.empty()) {
        return;
    }
    const std::int64_t kept_for_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(calls_kept_for).count();
    store.write([&](store::Transaction& transaction) {
        transaction.append_calls(calls);
        transaction.prune_calls(now_ms - kept_for_ms, calls_kept_at_most);
    });
}

std::int64_t now_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace apicat::analytics

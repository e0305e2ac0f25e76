#include "analytics/retention.hpp"

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

} // namespace apicat::analytics

#include "gateway/call_recorder.hpp"

#include <algorithm>
#include <atomic>

namespace apicat::gateway {

CallRecorder::CallRecorder(std::size_t limit)
    : shard_limit_(std::max<std::size_t>(limit / shard_count, 1))
{
}

CallRecorder::Shard& CallRecorder::shard_of_this_thread()
{
    // Threads get shards in turn as they first record: the server's few threads each have
    // one to themselves.
    static std::atomic<std::size_t> next{0};
    thread_local const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
    return shards_[index % shard_count];
}

void CallRecorder::record(RecordedCall call)
{
    Shard& shard = shard_of_this_thread();
    std::lock_guard lock(shard.mutex);
    if (shard.calls.size() >= shard_limit_) {
        ++shard.dropped;
        return;
    }
    shard.calls.push_back(std::move(call));
}

void CallRecorder::take(const std::function<void(std::vector<RecordedCall>& calls)>& use)
{
    for (Shard& shard : shards_) {
        {
            std::lock_guard lock(shard.mutex);
            shard.calls.swap(shard.spare);
        }
        if (shard.spare.empty()) {
            continue;
        }
        use(shard.spare);
        shard.spare.clear(); // its capacity serves the shard's next batch
    }
}

std::size_t CallRecorder::dropped() const
{
    std::size_t total = 0;
    for (const Shard& shard : shards_) {
        std::lock_guard lock(shard.mutex);
        total += shard.dropped;
    }
    return total;
}

} // namespace apicat::gateway

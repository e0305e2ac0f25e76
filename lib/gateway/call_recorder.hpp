#pragma once

// The calls a gateway answered, gathered from its threads until the telemetry thread takes
// them for metrics and analytics (gateway/telemetry.hpp). Recording is on every request's path,
// so it must cost next to nothing there: each thread appends to a shard of its own, under a
// lock that only the taker ever contends for, five times a second.

#include "store/store.hpp"

#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <vector>

namespace apicat::gateway {

struct RecordedCall {
    store::CallRecord call;
    bool rate_limited = false; // the gateway refused it by a plan's hard rate limit
};

class CallRecorder {
public:
    // How many calls may wait to be taken before more are dropped, by default: a taker that fell
    // behind (a store that stays busy) must not let the gateway's memory grow without bound.
    // Dropped calls are counted (dropped()).
    static constexpr std::size_t default_waiting_limit = 1 << 18;

    explicit CallRecorder(std::size_t limit = default_waiting_limit);

    // At most this many calls wait, all threads together.
    std::size_t waiting_limit() const { return shard_limit_ * shard_count; }

    // From any thread.
    void record(RecordedCall call);

    // Hands what each thread recorded since the last take to `use`, a batch at a time, in no
    // particular order across threads. The batches' memory is kept for the calls to come:
    // taking a batch five times a second must not allocate (and fault in) megabytes anew.
    // One taker at a time.
    void take(const std::function<void(std::vector<RecordedCall>& calls)>& use);

    // Calls not recorded because too many were waiting, since the start.
    std::size_t dropped() const;

private:
    static constexpr std::size_t shard_count = 16;
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::vector<RecordedCall> calls; // where the thread records, under the mutex
        std::vector<RecordedCall> spare; // the taker's, with the memory of an earlier batch
        std::size_t dropped = 0;
    };
    Shard& shard_of_this_thread();

    std::size_t shard_limit_;
    std::array<Shard, shard_count> shards_;
};

} // namespace apicat::gateway

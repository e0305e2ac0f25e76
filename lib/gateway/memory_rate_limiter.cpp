#include "gateway/rate_limiter.hpp"
#include "gateway/rate_window.hpp"
#include "util/flat_string_map.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <memory_resource>
#include <mutex>
#include <string_view>
#include <vector>

namespace apicat::gateway {

namespace {

// The windows of one gateway process (see rate_window.hpp for what a window is), in shards
// with a mutex each, so that calls of different apps do not wait for each other. A call's
// limits are all of one app, and keys begin with "catalog/app/": the shard is chosen by that
// beginning, so a call takes one shard's lock and its limits still count all or nothing.
class MemoryRateLimiter : public RateLimiter {
public:
    void take(std::span<const RateCount> counts, std::int64_t now_seconds,
              std::span<RateVerdict> verdicts) override
    {
        // A call counts against a few limits: what this needs of them fits on the stack, and
        // counting allocates nothing (docs/gateway.md, "Speed").
        std::array<std::byte, 512> stack;
        std::pmr::monotonic_buffer_resource arena(stack.data(), stack.size());
        std::pmr::vector<std::size_t> shards(&arena);
        shards.reserve(counts.size());
        for (const RateCount& count : counts) {
            shards.push_back(shard_of(count.key));
        }
        // The keys of a call share one shard, as said above; should they ever span several,
        // those are locked in index order, so that no two calls wait on each other in a cycle.
        if (std::all_of(shards.begin(), shards.end(),
                        [&shards](std::size_t shard) { return shard == shards.front(); })) {
            const std::lock_guard lock(shards_[shards.front()].mutex);
            take_locked(counts, shards, now_seconds, verdicts, arena);
            return;
        }
        std::pmr::vector<std::size_t> locked(shards, &arena);
        std::sort(locked.begin(), locked.end());
        locked.erase(std::unique(locked.begin(), locked.end()), locked.end());
        std::pmr::vector<std::unique_lock<std::mutex>> locks(&arena);
        for (std::size_t shard : locked) {
            locks.emplace_back(shards_[shard].mutex);
        }
        take_locked(counts, shards, now_seconds, verdicts, arena);
    }

private:
    static constexpr std::size_t shard_count = 64;

    // With the locks of `shards` held.
    void take_locked(std::span<const RateCount> counts, std::span<const std::size_t> shards,
                     std::int64_t now_seconds, std::span<RateVerdict> verdicts,
                     std::pmr::memory_resource& arena)
    {
        // Each key is looked up once: a FlatStringMap's values stay where they are while others
        // are inserted, so the windows are written back through these.
        std::pmr::vector<std::optional<store::RateWindow>*> held(&arena);
        std::pmr::vector<std::optional<store::RateWindow>> windows(&arena);
        held.reserve(counts.size());
        windows.reserve(counts.size());
        for (std::size_t i = 0; i < counts.size(); ++i) {
            held.push_back(&shards_[shards[i]].windows[counts[i].key]);
            windows.push_back(*held.back());
        }
        take_calls(windows, counts, now_seconds, verdicts);
        for (std::size_t i = 0; i < counts.size(); ++i) {
            *held[i] = windows[i];
        }
    }

    struct Shard {
        std::mutex mutex;
        util::FlatStringMap<std::optional<store::RateWindow>> windows;
    };

    // By "catalog/app/", the key's first two parts (names hold no '/').
    static std::size_t shard_of(std::string_view key)
    {
        const std::size_t first = key.find('/');
        const std::size_t second =
            first == std::string_view::npos ? first : key.find('/', first + 1);
        return std::hash<std::string_view>{}(key.substr(0, second)) % shard_count;
    }

    std::array<Shard, shard_count> shards_;
};

} // namespace

std::unique_ptr<RateLimiter> make_memory_rate_limiter()
{
    return std::make_unique<MemoryRateLimiter>();
}

} // namespace apicat::gateway

#include "gateway/app_cache.hpp"

#include <algorithm>

namespace apicat::gateway {

AppCache::AppCache(Lookup lookup, std::size_t capacity)
    : lookup_(std::move(lookup))
    , shard_capacity_(std::max<std::size_t>(1, capacity / shard_count))
    , shards_(std::make_unique<Shard[]>(shard_count))
{
}

AppCache::Shard& AppCache::shard_of(std::string_view client_id) const
{
    return shards_[std::hash<std::string_view>{}(client_id) % shard_count];
}

AppEntry AppCache::find(std::string_view client_id) const
{
    Shard& shard = shard_of(client_id);
    std::uint64_t forgets = 0;
    {
        std::lock_guard lock(shard.mutex);
        if (const AppEntry* found = shard.held.find(client_id)) {
            return *found;
        }
        forgets = shard.forgets;
    }
    // Outside the lock: the store may take a while.
    AppEntry entry = lookup_(std::string(client_id));
    std::lock_guard lock(shard.mutex);
    if (shard.forgets != forgets) {
        return entry; // a change came meanwhile: what was read may predate it, so hold nothing
    }
    if (shard.held.size() >= shard_capacity_) {
        // A random victim: cheap, and fair enough when the calling apps outnumber the bound.
        shard.held.erase_one(shard.evictions++ * 2654435761U);
    }
    shard.held[client_id] = entry;
    return entry;
}

void AppCache::forget(const std::string& client_id)
{
    Shard& shard = shard_of(client_id);
    std::lock_guard lock(shard.mutex);
    ++shard.forgets;
    shard.held.erase(client_id);
}

void AppCache::forget_all()
{
    for (std::size_t i = 0; i < shard_count; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        ++shards_[i].forgets;
        shards_[i].held.clear();
    }
}

std::size_t AppCache::size() const
{
    std::size_t total = 0;
    for (std::size_t i = 0; i < shard_count; ++i) {
        std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].held.size();
    }
    return total;
}

} // namespace apicat::gateway

#pragma once

// The gateway's apps: each looked up in the store the first time its client ID calls, then
// held, up to a bound, until the change sequence names it (docs/gateway.md, "Following the
// store"). A client ID the catalog does not have is held too, as absent, so that calls with
// made-up IDs do not each cost a store query.
//
// Sharded by client ID, each shard with its own mutex held only to find or insert: calls of
// different apps do not wait for each other, and none waits for the store while another looks
// an app up.

#include "gateway/app_directory.hpp"
#include "util/flat_string_map.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace apicat::gateway {

class AppCache final : public AppDirectory {
public:
    // Looks one client ID up in the store: nullptr when the catalog has no such app.
    using Lookup = std::function<AppEntry(const std::string& client_id)>;

    // At most `capacity` client IDs are held; past it, a random one makes room.
    AppCache(Lookup lookup, std::size_t capacity);

    AppEntry find(std::string_view client_id) const override;

    // A change named the client ID: its next call looks it up again.
    void forget(const std::string& client_id);
    // Every app changed, or what changed is not known.
    void forget_all();

    // Client IDs held, absent ones included.
    std::size_t size() const;

private:
    struct Shard {
        std::mutex mutex;
        util::FlatStringMap<AppEntry> held; // an entry of nullptr: the catalog has no such app
        // Counts forgets, so that a lookup that started before one does not put back what
        // it read before the change.
        std::uint64_t forgets = 0;
        std::uint64_t evictions = 0; // picks the entry a full shard drops
    };
    static constexpr std::size_t shard_count = 16;

    Shard& shard_of(std::string_view client_id) const;

    Lookup lookup_;
    std::size_t shard_capacity_;
    mutable std::unique_ptr<Shard[]> shards_;
};

} // namespace apicat::gateway

#pragma once

// What `gateway serve` serves of one catalog, kept in step with the store while it runs: a
// republish, a new app, a suspension or a reset secret is in force without a restart.
//
// Requests never wait for the store or for each other here. The published products become a
// route table once, replaced whole when they change; apps are looked up by client ID when they
// first call and held in a bounded cache (app_cache.hpp). A follower thread polls the store
// (SQLite's data_version, a few microseconds) every few milliseconds and, when it changed,
// reads the change sequence (store.hpp) and refreshes only what it names: a change committed
// by any process is in force within the poll interval plus the time to apply it
// (docs/gateway.md, "Following the store").

#include "gateway/app_cache.hpp"
#include "gateway/engine.hpp"
#include "store/store.hpp"
#include "util/outage.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace apicat::gateway {

struct ServedCatalogEvents {
    // After the route table was rebuilt for a change of the catalog's products.
    std::function<void()> reloaded;
    // When reading the changed store failed; what is held keeps serving. Once for a failure
    // that lasts, not at every poll.
    std::function<void(const std::exception&)> reload_failed;
    // When reading the store works again after reload_failed, and what changed meanwhile is
    // applied.
    std::function<void()> reload_recovered;
};

// How many client IDs the gateway holds (absent ones included): about 1 KB each.
inline constexpr std::size_t default_apps_held = 32768;

class ServedCatalog {
public:
    // Reads the catalog's products now. Throws apicat::Error when there is no such catalog.
    // Calls are counted by `limiter`, or in this process's memory when it is null.
    ServedCatalog(std::unique_ptr<store::Store> store, std::string catalog,
                  ServedCatalogEvents events = {}, std::size_t apps_held = default_apps_held,
                  std::unique_ptr<RateLimiter> limiter = nullptr);
    // Stops following the store.
    ~ServedCatalog();
    ServedCatalog(const ServedCatalog&) = delete;
    ServedCatalog& operator=(const ServedCatalog&) = delete;

    // From any thread. Asks the store only for an app not held yet, and throws what reading
    // the store throws then.
    Decision decide(const Request& request) const;

    // Applies what changed in the store since it was last read, on a thread of its own, every
    // `interval`, until destroyed; failures are reported through the events.
    void follow(std::chrono::milliseconds interval);

    // Applies what changed in the store now: true when something of this catalog changed.
    // Throws what reading the store throws. From any thread.
    bool refresh();

    // Client IDs held by the app cache.
    std::size_t apps_held() const;

    // The products served now, as the Explore page lists them. From any thread.
    catalog::PublishedProducts products() const;

    // Runs `work` in a read transaction of the store followed, between the follower's reads:
    // for what the gateway shows besides calls (the test app, analytics). From any thread.
    void read_store(const std::function<void(store::Transaction&)>& work) const;

private:
    bool refresh_locked();
    void load_products();
    AppEntry look_up(const std::string& client_id);
    const Engine& current_engine() const;
    void poll(std::chrono::milliseconds interval);

    // The store's one connection serves one thread at a time: store_mutex_ guards it, with
    // what the follower has seen of it.
    mutable std::mutex store_mutex_;
    std::unique_ptr<store::Store> store_;
    std::uint64_t version_ = 0;      // the store's data_version when last read
    std::int64_t last_sequence_ = 0; // the last change applied
    util::Outage reload_outage_;     // reported once, not at every poll

    std::string catalog_;
    ServedCatalogEvents events_;
    // Shared by every engine built, so that counts and held apps carry over a reload.
    std::unique_ptr<RateLimiter> limiter_;
    AppCache apps_;

    // Requests in flight keep the engine they started with while a new one takes its place.
    // Each thread holds on to the engine it used last, and takes engine_ again (under
    // engine_mutex_) only when generation_ moved: the usual request reads one atomic counter
    // and takes no lock.
    const std::uint64_t id_; // tells ServedCatalogs apart in what a thread holds
    mutable std::mutex engine_mutex_;
    std::shared_ptr<const Engine> engine_;
    std::shared_ptr<const PublishedCatalog> published_; // what engine_ routes to
    std::atomic<std::uint64_t> generation_{0};

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread follower_;
};

} // namespace apicat::gateway

#pragma once

// The engine `gateway serve` runs for one catalog, built from a snapshot of the store and built
// again whenever the store changes (a republish, a new app, a suspension, a reset secret): a
// running gateway follows the catalog without a restart. Per request it asks the store only
// whether anything changed (SQLite's data_version, a few microseconds), so that a change is in
// force from the first request after the command that made it.

#include "gateway/engine.hpp"
#include "store/store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace apicat::gateway {

struct ServedCatalogEvents {
    // After the engine was rebuilt for a change in the store.
    std::function<void()> reloaded;
    // When reading the changed store failed; the previous engine keeps serving.
    std::function<void(const std::exception&)> reload_failed;
};

class ServedCatalog {
public:
    // Reads the catalog now. Throws apicat::Error when there is no such catalog.
    ServedCatalog(std::unique_ptr<store::Store> store, std::string catalog,
                  ServedCatalogEvents events = {});
    // Stops following the store.
    ~ServedCatalog();
    ServedCatalog(const ServedCatalog&) = delete;
    ServedCatalog& operator=(const ServedCatalog&) = delete;

    // With an engine built from the store as it is now, rebuilt first if it changed; from any
    // thread. When the store cannot be read, the engine it last built decides.
    Decision decide(const Request& request);

    // Checks the store for changes every `interval` too, on a thread of its own, until
    // destroyed, so that a change is reported (events.reloaded) when no request comes.
    void follow(std::chrono::milliseconds interval);

    // Rebuilds the engine when the store changed since it was last read; true when it did.
    // Throws what reading the store throws. From any thread.
    bool refresh();

private:
    // refresh(), with the events instead of exceptions.
    void catch_up();
    bool refresh_locked();
    void load();
    void poll(std::chrono::milliseconds interval);

    // The store's one connection serves one thread at a time: store_mutex_ guards it, with
    // version_ and the last failure reported.
    std::mutex store_mutex_;
    std::unique_ptr<store::Store> store_;
    std::string catalog_;
    ServedCatalogEvents events_;
    // Shared by every engine built, so that counts carry over a reload.
    std::unique_ptr<RateLimiter> limiter_;
    std::uint64_t version_ = 0;
    std::string last_failure_; // reported once, not at every request
    // Requests in flight keep the engine they started with while a new one takes its place.
    std::atomic<std::shared_ptr<const Engine>> engine_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread follower_;
};

} // namespace apicat::gateway

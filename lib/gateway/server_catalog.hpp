#pragma once

// The engine `gateway serve` runs for one catalog, built from a snapshot of the store and built
// again whenever the store changes (a republish, a new app, a suspension): a running gateway
// follows the catalog without a restart, and reads nothing from the store per request.

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

    // With the latest engine; from any thread.
    Decision decide(const Request& request) const;

    // Checks the store for changes every `interval`, on a thread of its own, until destroyed.
    void follow(std::chrono::milliseconds interval);

    // Rebuilds the engine when the store changed since it was last read; true when it did.
    // Throws what reading the store throws. Not for use while following.
    bool refresh();

private:
    void load();
    void poll(std::chrono::milliseconds interval);

    std::unique_ptr<store::Store> store_;
    std::string catalog_;
    ServedCatalogEvents events_;
    // Shared by every engine built, so that counts carry over a reload.
    std::unique_ptr<RateLimiter> limiter_;
    std::uint64_t version_ = 0;
    // Requests in flight keep the engine they started with while a new one takes its place.
    std::atomic<std::shared_ptr<const Engine>> engine_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread follower_;
};

} // namespace apicat::gateway

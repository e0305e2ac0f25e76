#include "gateway/server_catalog.hpp"

#include "catalog/catalogs.hpp"

#include <ctime>
#include <utility>

namespace apicat::gateway {

ServedCatalog::ServedCatalog(std::unique_ptr<store::Store> store, std::string catalog,
                             ServedCatalogEvents events)
    : store_(std::move(store))
    , catalog_(std::move(catalog))
    , events_(std::move(events))
    , limiter_(make_memory_rate_limiter())
{
    // Before the read: a change that lands during it is then seen by the next refresh.
    version_ = store_->data_version();
    load();
}

ServedCatalog::~ServedCatalog()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (follower_.joinable()) {
        follower_.join();
    }
}

Decision ServedCatalog::decide(const Request& request)
{
    catch_up();
    return engine_.load()->decide(request);
}

void ServedCatalog::follow(std::chrono::milliseconds interval)
{
    follower_ = std::thread([this, interval] { poll(interval); });
}

bool ServedCatalog::refresh()
{
    std::lock_guard lock(store_mutex_);
    return refresh_locked();
}

bool ServedCatalog::refresh_locked()
{
    const std::uint64_t version = store_->data_version();
    if (version == version_) {
        return false;
    }
    // Taken before loading, so that a store that cannot be read is reported once per change,
    // not at every request.
    version_ = version;
    load();
    return true;
}

void ServedCatalog::load()
{
    CatalogSnapshot snapshot;
    store_->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, catalog_);
        snapshot = load_catalog_snapshot(transaction, catalog_);
    });
    auto clock = [] { return static_cast<std::int64_t>(std::time(nullptr)); };
    engine_.store(std::make_shared<const Engine>(std::move(snapshot), *limiter_, clock));
}

void ServedCatalog::catch_up()
{
    std::unique_lock lock(store_mutex_);
    bool reloaded = false;
    try {
        reloaded = refresh_locked();
        last_failure_.clear();
    } catch (const std::exception& error) {
        if (error.what() == last_failure_) {
            return;
        }
        last_failure_ = error.what();
        lock.unlock();
        if (events_.reload_failed) {
            events_.reload_failed(error);
        }
        return;
    }
    lock.unlock();
    if (reloaded && events_.reloaded) {
        events_.reloaded();
    }
}

void ServedCatalog::poll(std::chrono::milliseconds interval)
{
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
        catch_up();
    }
}

} // namespace apicat::gateway

#include "gateway/server_catalog.hpp"

#include "catalog/catalogs.hpp"
#include "gateway/published_catalog.hpp"

#include <ctime>
#include <utility>

namespace apicat::gateway {

namespace {

std::uint64_t next_id()
{
    static std::atomic<std::uint64_t> count{0};
    return ++count;
}

std::int64_t now_seconds()
{
    return static_cast<std::int64_t>(std::time(nullptr));
}

} // namespace

ServedCatalog::ServedCatalog(std::unique_ptr<store::Store> store, std::string catalog,
                             ServedCatalogEvents events, std::size_t apps_held,
                             std::unique_ptr<RateLimiter> limiter)
    : store_(std::move(store))
    , catalog_(std::move(catalog))
    , events_(std::move(events))
    , limiter_(limiter ? std::move(limiter) : make_memory_rate_limiter())
    , apps_([this](const std::string& client_id) { return look_up(client_id); }, apps_held)
    , id_(next_id())
{
    std::lock_guard lock(store_mutex_);
    // Before the reads: a change that lands during them is then seen by the next refresh.
    version_ = store_->data_version();
    store_->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, catalog_);
        last_sequence_ = transaction.last_change();
    });
    load_products();
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

const Engine& ServedCatalog::current_engine() const
{
    struct Held {
        std::uint64_t owner = 0;
        std::uint64_t generation = 0;
        std::shared_ptr<const Engine> engine;
    };
    thread_local Held held;
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    if (held.owner != id_ || held.generation != generation || !held.engine) {
        std::lock_guard lock(engine_mutex_);
        held = Held{id_, generation, engine_};
    }
    // Valid until this thread asks again: its request is decided before then.
    return *held.engine;
}

Decision ServedCatalog::decide(const Request& request) const
{
    return current_engine().decide(request);
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
    store::ChangesSince since;
    std::int64_t last = 0;
    store_->read([&](store::Transaction& transaction) {
        since = transaction.changes_since(last_sequence_);
        last = transaction.last_change();
    });
    bool products = false;
    bool changed = false;
    if (!since.complete) {
        // Fell behind the kept changes: everything may have changed.
        apps_.forget_all();
        products = true;
    }
    for (const store::Change& change : since.changes) {
        if (change.catalog != catalog_) {
            continue;
        }
        changed = true;
        switch (change.kind) {
        case store::ChangeKind::app:
            apps_.forget(change.client_id);
            break;
        case store::ChangeKind::all_apps:
            apps_.forget_all();
            break;
        case store::ChangeKind::products:
            products = true;
            break;
        }
    }
    if (products) {
        load_products(); // may throw: version_ is then left as it was, to try again
    }
    version_ = version;
    last_sequence_ = since.complete && !since.changes.empty() ? since.changes.back().sequence
                                                              : std::max(last_sequence_, last);
    if (products && events_.reloaded) {
        events_.reloaded();
    }
    return changed || products;
}

void ServedCatalog::load_products()
{
    CatalogSnapshot snapshot;
    store_->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, catalog_);
        snapshot = load_catalog_snapshot(transaction, catalog_);
    });
    auto published =
        std::make_shared<const PublishedCatalog>(std::move(snapshot.products), catalog_);
    auto engine =
        std::make_shared<const Engine>(catalog_, published, apps_, *limiter_, now_seconds);
    {
        std::lock_guard lock(engine_mutex_);
        engine_ = std::move(engine);
        published_ = std::move(published);
    }
    generation_.fetch_add(1, std::memory_order_release);
}

AppEntry ServedCatalog::look_up(const std::string& client_id)
{
    std::lock_guard lock(store_mutex_);
    AppEntry found;
    store_->read([&](store::Transaction& transaction) {
        found = read_app_access(transaction, catalog_, client_id);
    });
    return found;
}

std::size_t ServedCatalog::apps_held() const
{
    return apps_.size();
}

catalog::PublishedProducts ServedCatalog::products() const
{
    std::lock_guard lock(engine_mutex_);
    return published_->products;
}

void ServedCatalog::read_store(const std::function<void(store::Transaction&)>& work) const
{
    std::lock_guard lock(store_mutex_);
    store_->read(work);
}

void ServedCatalog::poll(std::chrono::milliseconds interval)
{
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
        lock.unlock();
        try {
            refresh();
            if (reload_outage_.succeeded() && events_.reload_recovered) {
                events_.reload_recovered();
            }
        } catch (const std::exception& error) {
            if (reload_outage_.failed() && events_.reload_failed) {
                events_.reload_failed(error);
            }
        }
        lock.lock();
    }
}

} // namespace apicat::gateway

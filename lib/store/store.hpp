#pragma once

// The local store: catalogs, their published product snapshots, apps and subscriptions.
//
// Everything goes through a Transaction, and each command runs in exactly one: all it
// writes lands, or none of it does. The interface keeps the engine and the commands free of
// SQL, so that a store for several machines (PostgreSQL) can be added beside the embedded
// SQLite one.

#include "json.hpp"
#include "store/states.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace apicat::store {

struct Catalog {
    std::string name;
    std::string created_at; // RFC 3339, UTC
};

struct PublishedProduct {
    std::string catalog;
    std::string name;
    std::string version;
    std::string title;
    Json snapshot; // the product document and its fully resolved drafts, as published
    std::string published_at;
};

struct App {
    std::string catalog;
    std::string name;
    std::string client_id;     // 32 lowercase hex digits, unique in the whole store
    std::string secret_digest; // SHA-256 of the client secret, hex; empty: no secret
    std::string test_secret;   // the catalog's test app only: its secret, kept retrievable
    AppState state = AppState::active;
    bool test_app = false;
    std::string created_at;
};

struct Subscription {
    std::string catalog;
    std::string app;
    std::string product; // a product name: the subscription holds across its versions
    std::string plan;
    SubscriptionState state = SubscriptionState::active;
};

// What a write changed that a running gateway holds (docs/store.md, "The change sequence"): it
// follows these in order and refreshes only what they name.
enum class ChangeKind {
    app,      // one app: its row or its subscriptions; `client_id` names it
    all_apps, // every app of the catalog (a bulk import, a product's last version deleted)
    products, // the catalog's published products: its routes and plans
};

struct Change {
    std::int64_t sequence = 0; // increasing, one per change, across the whole store
    std::string catalog;
    ChangeKind kind = ChangeKind::app;
    std::string client_id; // ChangeKind::app: the client ID, as it was or as it is now
};

struct ChangesSince {
    std::vector<Change> changes; // in order
    // False when changes after the sequence asked for were pruned: the reader cannot know
    // what changed, and must read everything again.
    bool complete = true;
};

// The calls counted in one rate-limit window (gateway/rate_window.hpp says what a window is).
struct RateWindow {
    std::int64_t start = 0; // seconds since the epoch
    std::uint64_t count = 0;
};

// One call through a gateway front end, for analytics (docs/analytics.md). Never a credential.
struct CallRecord {
    std::int64_t at_ms = 0; // when the response was sent, milliseconds since the epoch
    std::string catalog;
    std::string app;     // "" when no app was identified
    std::string product; // "" when the call reached none (a 404), as for api and operation
    std::string plan;    // "" when no subscription was reached (a 401, a public operation)
    std::string api;
    std::string operation; // "GET /current"
    int status = 0;
    std::int64_t latency_us = 0;   // in the gateway: request read to response ready
    std::int64_t upstream_us = -1; // the upstream's part; -1 when nothing was forwarded
};

// Marks an error thrown because the store cannot be reached (its server stopped, the network
// went away): a gateway answers what it cannot decide without the store with 503, not 500.
class Unreachable {
public:
    virtual ~Unreachable() = default;
};

class Transaction {
public:
    virtual ~Transaction() = default;

    virtual std::vector<Catalog> catalogs() = 0;
    virtual std::optional<Catalog> find_catalog(const std::string& name) = 0;
    virtual void insert_catalog(const Catalog& catalog) = 0;
    // Removes the catalog with its products, apps and subscriptions.
    virtual void delete_catalog(const std::string& name) = 0;

    // Ordered by name, then version.
    virtual std::vector<PublishedProduct> products(const std::string& catalog) = 0;
    virtual std::optional<PublishedProduct> find_product(const std::string& catalog,
                                                         const std::string& name,
                                                         const std::string& version) = 0;
    // Inserts, or replaces the product of the same catalog, name and version.
    virtual void put_product(const PublishedProduct& product) = 0;
    virtual void delete_product(const std::string& catalog, const std::string& name,
                                const std::string& version) = 0;

    // Ordered by name.
    virtual std::vector<App> apps(const std::string& catalog) = 0;
    virtual std::optional<App> find_app(const std::string& catalog, const std::string& name) = 0;
    virtual std::optional<App> find_app_by_client_id(const std::string& client_id) = 0;
    // Inserts the app. False, changing nothing, when its catalog has an app of that name or
    // the store one with that client ID: callers need not look first.
    [[nodiscard]] virtual bool insert_app(const App& app) = 0;
    // insert_app of each, in one go where the store can: for imports. False, changing
    // nothing, when any of them would not be inserted, even for a name or client ID that
    // another of `apps` has.
    [[nodiscard]] virtual bool insert_apps(std::span<const App> apps) = 0;
    // Updates client_id, secret_digest, test_secret and state of the app of that catalog and name.
    virtual void update_app(const App& app) = 0;
    // Removes the app with its subscriptions.
    virtual void delete_app(const std::string& catalog, const std::string& name) = 0;

    // Ordered by app, then product.
    virtual std::vector<Subscription> subscriptions(const std::string& catalog) = 0;
    // One app's, ordered by product.
    virtual std::vector<Subscription> app_subscriptions(const std::string& catalog,
                                                        const std::string& app) = 0;
    // Inserts, or replaces the subscription of the same catalog, app and product.
    virtual void put_subscription(const Subscription& subscription) = 0;
    // put_subscription of each, in one go where the store can; no two of them are for the same
    // catalog, app and product.
    virtual void put_subscriptions(std::span<const Subscription> subscriptions) = 0;
    virtual void delete_subscription(const std::string& catalog, const std::string& app,
                                     const std::string& product) = 0;

    // Rate-limit windows: the one window kept per key (none before its first call), and
    // recording it.
    virtual std::optional<RateWindow> rate_window(const std::string& key) = 0;
    virtual void put_rate_window(const std::string& key, const RateWindow& window) = 0;

    // Calls for analytics (docs/analytics.md). They are not in the change sequence: a
    // gateway holds nothing that a call changes. Appending is one prepared statement for the
    // whole batch.
    virtual void append_calls(std::span<const CallRecord> calls) = 0;
    // Deletes the calls recorded before `older_than_ms`, then all but the newest
    // `keep_at_most` (newest as recorded, not by at_ms). Cheap when nothing is to go.
    virtual void prune_calls(std::int64_t older_than_ms, std::uint64_t keep_at_most) = 0;
    // The catalog's calls at or after `since_ms`, oldest first.
    virtual std::vector<CallRecord> calls(const std::string& catalog, std::int64_t since_ms) = 0;

    // The change sequence: each write transaction that changes apps, subscriptions or
    // products appends what it changed when it commits. The last sequence number (0: none
    // yet), and what came after `sequence`.
    virtual std::int64_t last_change() = 0;
    virtual ChangesSince changes_since(std::int64_t sequence) = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // Runs `work` in one read transaction: it sees one consistent state.
    //
    // For read and write alike: when the store stays busy, the whole transaction is rolled
    // back and run again, so `work` may run more than once. It must have no effect outside
    // the transaction (no printing, no files, no counters it does not reset) before it returns.
    virtual void read(const std::function<void(Transaction&)>& work) = 0;
    // Runs `work` in one write transaction: all of it lands or none does. Waits (and
    // retries) while another process writes; an exception from `work` rolls back and
    // propagates.
    virtual void write(const std::function<void(Transaction&)>& work) = 0;
    // Runs `work`, which only counts calls (rate_window, put_rate_window), in a write
    // transaction of its own: rate_window() holds the key's window until it ends, so that
    // processes counting against one key take turns and each sees the others' calls. A store
    // shared by several gateways makes this lighter than write(); on SQLite, where one writer
    // runs at a time, it is write().
    virtual void count_calls(const std::function<void(Transaction&)>& work) { write(work); }

    // A number that changes whenever a write that changes the change sequence commits, in
    // this process or in any other (SQLite's changes at every write): a long-running reader
    // (the gateway) polls it to know when what it read is stale, without reading it all
    // again. Only compared for equality; cheap enough to call several times a second.
    virtual std::uint64_t data_version() = 0;
};

// The store's folder: `option` (--home), else $APICAT_HOME, else $XDG_DATA_HOME/apicat, else
// ~/.local/share/apicat.
std::filesystem::path resolve_home(const std::string& option);

} // namespace apicat::store

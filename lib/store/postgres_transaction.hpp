#pragma once

// store::Transaction over one PostgreSQL connection. It runs statements only: beginning,
// committing and retrying the transaction is the PostgresStore's business.

#include "store/change_notes.hpp"
#include "store/postgres_connection.hpp"
#include "store/store.hpp"

#include <span>
#include <string>

namespace apicat::store {

// The channel a committed change is announced on: gateways LISTEN to it (postgres_store.cpp).
inline constexpr const char* changes_channel = "apicat_changes";

class PostgresTransaction final : public Transaction {
public:
    explicit PostgresTransaction(PgConnection& db)
        : db_(db)
    {
    }

    std::vector<Catalog> catalogs() override;
    std::optional<Catalog> find_catalog(const std::string& name) override;
    void insert_catalog(const Catalog& catalog) override;
    void delete_catalog(const std::string& name) override;

    std::vector<PublishedProduct> products(const std::string& catalog) override;
    std::optional<PublishedProduct> find_product(const std::string& catalog,
                                                 const std::string& name,
                                                 const std::string& version) override;
    void put_product(const PublishedProduct& product) override;
    void delete_product(const std::string& catalog, const std::string& name,
                        const std::string& version) override;

    std::vector<App> apps(const std::string& catalog) override;
    std::optional<App> find_app(const std::string& catalog, const std::string& name) override;
    std::optional<App> find_app_by_client_id(const std::string& client_id) override;
    bool insert_app(const App& app) override;
    bool insert_apps(std::span<const App> apps) override;
    void update_app(const App& app) override;
    void delete_app(const std::string& catalog, const std::string& name) override;

    std::vector<Subscription> subscriptions(const std::string& catalog) override;
    std::vector<Subscription> app_subscriptions(const std::string& catalog,
                                                const std::string& app) override;
    void put_subscription(const Subscription& subscription) override;
    void put_subscriptions(std::span<const Subscription> subscriptions) override;
    void delete_subscription(const std::string& catalog, const std::string& app,
                             const std::string& product) override;
    // Takes the key's advisory lock first, held until the transaction ends: in a READ
    // COMMITTED transaction (Store::count_calls) the read then sees every count committed
    // before, and no other counter of the key reads until this one commits.
    std::optional<RateWindow> rate_window(const std::string& key) override;
    void put_rate_window(const std::string& key, const RateWindow& window) override;

    void append_calls(std::span<const CallRecord> calls) override;
    void prune_calls(std::int64_t older_than_ms, std::uint64_t keep_at_most) override;
    std::vector<CallRecord> calls(const std::string& catalog, std::int64_t since_ms) override;

    std::int64_t last_change() override;
    ChangesSince changes_since(std::int64_t sequence) override;

    // Appends what the transaction changed to the change sequence, announces it on
    // changes_channel (delivered when the transaction commits), and prunes the oldest entries:
    // the store calls it just before committing.
    void record_changes();

private:
    PublishedProduct product_from(const PgResult& rows, int row) const;
    // The app's client ID, to name it in the change sequence; empty when there is no such app.
    std::string client_id_of(const std::string& catalog, const std::string& app);
    void note_app_named(const std::string& catalog, const std::string& app);

    PgConnection& db_;
    ChangeNotes notes_;
};

} // namespace apicat::store

#pragma once

// store::Transaction over one SQLite connection. It runs statements only: beginning,
// committing and retrying the transaction is the SqliteStore's business.

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

namespace apicat::store {

class SqliteTransaction final : public Transaction {
public:
    explicit SqliteTransaction(Connection& db)
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
    void insert_app(const App& app) override;
    void update_app(const App& app) override;
    void delete_app(const std::string& catalog, const std::string& name) override;

    std::vector<Subscription> subscriptions(const std::string& catalog) override;
    void put_subscription(const Subscription& subscription) override;
    void delete_subscription(const std::string& catalog, const std::string& app,
                             const std::string& product) override;
    std::optional<RateWindow> rate_window(const std::string& key) override;
    void put_rate_window(const std::string& key, const RateWindow& window) override;

private:
    PublishedProduct product_from(const Statement& row) const;

    Connection& db_;
};

} // namespace apicat::store

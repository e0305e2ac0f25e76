#pragma once

// store::Transaction over one SQLite connection. It runs statements only: beginning,
// committing and retrying the transaction is the SqliteStore's business.

#include "store/change_notes.hpp"
#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

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
    std::optional<RateWindow> rate_window(const std::string& key) override;
    void put_rate_window(const std::string& key, const RateWindow& window) override;

    void append_calls(std::span<const CallRecord> calls) override;
    void prune_calls(std::int64_t older_than_ms, std::uint64_t keep_at_most) override;
    std::vector<CallRecord> calls(const std::string& catalog, std::int64_t since_ms) override;

    std::int64_t last_change() override;
    ChangesSince changes_since(std::int64_t sequence) override;

    // Appends what the transaction changed to the change sequence, and prunes the oldest
    // entries: the store calls it just before committing.
    void record_changes();

private:
    friend class SqliteCallBatches;

    PublishedProduct product_from(const Statement& row) const;
    void note_app(const std::string& catalog, const std::string& client_id);
    // The app's client ID, to name it in the change sequence; empty when there is no such app.
    std::string client_id_of(const std::string& catalog, const std::string& app);
    // note_app of the app of that name, skipping the look-up of its client ID once the
    // catalog's apps are noted all at once.
    void note_app_named(const std::string& catalog, const std::string& app);
    // The statement of `sql`, prepared once per transaction and reset, ready to bind: for the
    // per-app statements, which an import of 100,000 apps runs 100,000 times each (preparing
    // them each time was most of its time). `sql` is a string literal: its address is the key.
    // Each caller resets it after use, so that no read stays open.
    Statement& prepared(const char* sql);
    // prepared() of `head` followed by `rows` times `row` ("(?, ?)"), and then `tail`: the
    // multi-row statements of an import, one statement per batch rather than per row. `head`
    // is a string literal: its address and `rows` are the key.
    Statement& prepared_rows(const char* head, const char* row, std::size_t rows,
                             const char* tail = "");

    Connection& db_;
    ChangeNotes notes_;
    std::unordered_map<const char*, std::unique_ptr<Statement>> prepared_;
    std::map<std::pair<const char*, std::size_t>, std::unique_ptr<Statement>> prepared_rows_;
};

} // namespace apicat::store

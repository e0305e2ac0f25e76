#pragma once

// store::Transaction over one SQLite connection. It runs statements only: beginning,
// committing and retrying the transaction is the SqliteStore's business.

#include "store/sqlite_connection.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>

namespace apicat::store {

// What one transaction changed, gathered until it commits. Many changes to one catalog's apps
// (a bulk import) become one ChangeKind::all_apps: a gateway then drops its cached apps of
// that catalog at once rather than read thousands of entries of the change sequence.
struct ChangeNotes {
    static constexpr std::size_t apps_noted_one_by_one = 1000;

    std::set<std::pair<std::string, std::string>> apps; // (catalog, client_id)
    std::set<std::string> all_apps;                     // catalogs
    std::set<std::string> products;                     // catalogs
};

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
    // A batch of calls (store/call_batch.hpp) as a row, and one rewritten with only the calls
    // `keep` says: what pruning does to a batch with calls on both sides of a bound.
    void put_call_batch(std::int64_t first_ms, std::int64_t last_ms, std::int64_t first_number,
                        std::int64_t last_number, const std::string& batch);
    void thin_call_batch(const struct StoredCallBatch& stored,
                         const std::function<bool(const struct NumberedCall&)>& keep);
    // thin_call_batch() of each batch `select` finds with its ?1 bound to `bound`; a large
    // batch is kept or removed whole instead.
    enum class LargeBatch { keep, remove };
    void thin_call_batches(Statement& select, std::int64_t bound, LargeBatch large_batch,
                           const std::function<bool(const struct NumberedCall&)>& keep);
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

#include "store/sqlite_transaction.hpp"

#include "store/call_batch_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace apicat::store {

namespace {

// Rows of one SELECT, each turned into a value by `from_row`.
template <typename Value, typename FromRow>
std::vector<Value> all_rows(Statement& statement, FromRow from_row)
{
    std::vector<Value> values;
    while (statement.step()) {
        values.push_back(from_row(statement));
    }
    return values;
}

template <typename Value, typename FromRow>
std::optional<Value> first_row(Statement& statement, FromRow from_row)
{
    if (!statement.step()) {
        return std::nullopt;
    }
    return from_row(statement);
}

// An app's columns, in the order app_from reads them and app rows are written. A macro, so
// that each query using it stays one string literal: prepared() keeps its statements by the
// literal's address.
#define APICAT_APP_COLUMNS                                                                         \
    "catalog, name, client_id, secret_digest, test_secret, state, test_app, created_at"

// The statements that write apps and subscriptions, in pieces (prepared_rows): one row and
// a batch of them run the same SQL.
const char* const insert_apps_head = "INSERT OR IGNORE INTO apps (" APICAT_APP_COLUMNS ") VALUES ";
const char* const app_row = "(?, ?, ?, ?, ?, ?, ?, ?)";
const char* const put_subscriptions_head =
    "INSERT INTO subscriptions (catalog, app, product, plan, state) VALUES ";
const char* const subscription_row = "(?, ?, ?, ?, ?)";
const char* const put_subscriptions_tail = " ON CONFLICT (catalog, app, product) DO UPDATE SET "
                                           "plan = excluded.plan, state = excluded.state";

Catalog catalog_from(const Statement& row)
{
    return Catalog{.name = row.text(0), .created_at = row.text(1)};
}

App app_from(const Statement& row)
{
    return App{.catalog = row.text(0),
               .name = row.text(1),
               .client_id = row.text(2),
               .secret_digest = row.text(3),
               .test_secret = row.text(4),
               .state = app_state_from_text(row.text(5)),
               .test_app = row.integer(6) != 0,
               .created_at = row.text(7)};
}

Subscription subscription_from(const Statement& row)
{
    return Subscription{.catalog = row.text(0),
                        .app = row.text(1),
                        .product = row.text(2),
                        .plan = row.text(3),
                        .state = subscription_state_from_text(row.text(4))};
}

} // namespace

std::vector<Catalog> SqliteTransaction::catalogs()
{
    Statement select(db_, "SELECT name, created_at FROM catalogs ORDER BY name");
    return all_rows<Catalog>(select, catalog_from);
}

std::optional<Catalog> SqliteTransaction::find_catalog(const std::string& name)
{
    Statement select(db_, "SELECT name, created_at FROM catalogs WHERE name = ?1");
    select.bind(1, name);
    return first_row<Catalog>(select, catalog_from);
}

void SqliteTransaction::insert_catalog(const Catalog& catalog)
{
    Statement insert(db_, "INSERT INTO catalogs (name, created_at) VALUES (?1, ?2)");
    insert.bind(1, catalog.name).bind(2, catalog.created_at).run();
}

void SqliteTransaction::delete_catalog(const std::string& name)
{
    // Its products, apps and subscriptions go with it: ON DELETE CASCADE.
    Statement remove(db_, "DELETE FROM catalogs WHERE name = ?1");
    remove.bind(1, name).run();
    notes_.products(name);
    notes_.all_apps(name);
}

// A snapshot that does not parse was not written by apicat: the file is damaged.
PublishedProduct SqliteTransaction::product_from(const Statement& row) const
{
    PublishedProduct product{.catalog = row.text(0),
                             .name = row.text(1),
                             .version = row.text(2),
                             .title = row.text(3),
                             .snapshot = Json::parse(row.text(4), nullptr, false),
                             .published_at = row.text(5)};
    if (product.snapshot.is_discarded()) {
        throw_not_a_store(db_.path(),
                          fmt::format("the snapshot of product '{}' {} in catalog '{}' is not JSON",
                                      product.name, product.version, product.catalog));
    }
    return product;
}

std::vector<PublishedProduct> SqliteTransaction::products(const std::string& catalog)
{
    Statement select(db_, "SELECT catalog, name, version, title, snapshot, published_at "
                          "FROM products WHERE catalog = ?1 ORDER BY name, version");
    select.bind(1, catalog);
    return all_rows<PublishedProduct>(select,
                                      [this](const Statement& row) { return product_from(row); });
}

std::optional<PublishedProduct> SqliteTransaction::find_product(const std::string& catalog,
                                                                const std::string& name,
                                                                const std::string& version)
{
    Statement select(db_, "SELECT catalog, name, version, title, snapshot, published_at "
                          "FROM products WHERE catalog = ?1 AND name = ?2 AND version = ?3");
    select.bind(1, catalog).bind(2, name).bind(3, version);
    return first_row<PublishedProduct>(select,
                                       [this](const Statement& row) { return product_from(row); });
}

void SqliteTransaction::put_product(const PublishedProduct& product)
{
    // An upsert, not INSERT OR REPLACE: that deletes the old row first, which would fire the
    // ON DELETE cascades of anything that comes to refer to products.
    Statement upsert(db_, "INSERT INTO products "
                          "(catalog, name, version, title, snapshot, published_at) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                          "ON CONFLICT (catalog, name, version) DO UPDATE SET "
                          "title = excluded.title, snapshot = excluded.snapshot, "
                          "published_at = excluded.published_at");
    upsert.bind(1, product.catalog)
        .bind(2, product.name)
        .bind(3, product.version)
        .bind(4, product.title)
        .bind(5, product.snapshot.dump())
        .bind(6, product.published_at)
        .run();
    notes_.products(product.catalog);
}

// Subscriptions hold across a product's versions, so they go only with its last version.
void SqliteTransaction::delete_product(const std::string& catalog, const std::string& name,
                                       const std::string& version)
{
    Statement remove(db_, "DELETE FROM products WHERE catalog = ?1 AND name = ?2 AND version = ?3");
    remove.bind(1, catalog).bind(2, name).bind(3, version).run();
    if (db_.changes() == 0) {
        return;
    }
    notes_.products(catalog);
    Statement unsubscribe(db_, "DELETE FROM subscriptions WHERE catalog = ?1 AND product = ?2 "
                               "AND NOT EXISTS (SELECT 1 FROM products "
                               "WHERE catalog = ?1 AND name = ?2)");
    unsubscribe.bind(1, catalog).bind(2, name).run();
    if (db_.changes() != 0) {
        notes_.all_apps(catalog);
    }
}

std::vector<App> SqliteTransaction::apps(const std::string& catalog)
{
    Statement select(db_,
                     "SELECT " APICAT_APP_COLUMNS " FROM apps WHERE catalog = ?1 ORDER BY name");
    select.bind(1, catalog);
    return all_rows<App>(select, app_from);
}

std::optional<App> SqliteTransaction::find_app(const std::string& catalog, const std::string& name)
{
    Statement& select =
        prepared("SELECT " APICAT_APP_COLUMNS " FROM apps WHERE catalog = ?1 AND name = ?2");
    select.bind(1, catalog).bind(2, name);
    std::optional<App> app = first_row<App>(select, app_from);
    select.reset();
    return app;
}

std::optional<App> SqliteTransaction::find_app_by_client_id(const std::string& client_id)
{
    Statement& select = prepared("SELECT " APICAT_APP_COLUMNS " FROM apps WHERE client_id = ?1");
    select.bind(1, client_id);
    std::optional<App> app = first_row<App>(select, app_from);
    select.reset();
    return app;
}

// OR IGNORE skips a row on a UNIQUE or PRIMARY KEY conflict, which changes() then tells,
// without an error to unwind. A missing catalog still fails: foreign keys are not ignored. A
// batch with a row skipped goes back to its savepoint, so that none of it stays.
bool SqliteTransaction::insert_app(const App& app)
{
    return insert_apps(std::span<const App>(&app, 1));
}

bool SqliteTransaction::insert_apps(std::span<const App> apps)
{
    if (apps.empty()) {
        return true;
    }
    const bool batch = apps.size() > 1;
    if (batch) {
        db_.execute("SAVEPOINT insert_apps");
    }
    bool all_inserted = false;
    try {
        Statement& insert = prepared_rows(insert_apps_head, app_row, apps.size());
        int before = 0; // parameters of the rows before this one
        for (const App& app : apps) {
            insert.bind_unowned(before + 1, app.catalog)
                .bind_unowned(before + 2, app.name)
                .bind_unowned(before + 3, app.client_id)
                .bind_unowned(before + 4, app.secret_digest)
                .bind_unowned(before + 5, app.test_secret)
                .bind_unowned(before + 6, to_text(app.state))
                .bind(before + 7, std::int64_t{app.test_app ? 1 : 0})
                .bind_unowned(before + 8, app.created_at);
            before += 8;
        }
        insert.run();
        insert.reset();
        all_inserted = db_.changes() == static_cast<std::int64_t>(apps.size());
    } catch (...) {
        if (batch) {
            db_.execute("ROLLBACK TO insert_apps");
            db_.execute("RELEASE insert_apps");
        }
        throw;
    }
    if (batch) {
        if (!all_inserted) {
            db_.execute("ROLLBACK TO insert_apps");
        }
        db_.execute("RELEASE insert_apps");
    }
    if (!all_inserted) {
        return false;
    }
    for (const App& app : apps) {
        note_app(app.catalog, app.client_id);
    }
    return true;
}

// An update that finds no app is a caller's mistake worth hearing about, not a no-op.
void SqliteTransaction::update_app(const App& app)
{
    // Under the old client ID too: a gateway may hold the app under it.
    note_app_named(app.catalog, app.name);
    note_app(app.catalog, app.client_id);
    Statement update(db_, "UPDATE apps SET client_id = ?3, secret_digest = ?4, "
                          "test_secret = ?5, state = ?6 WHERE catalog = ?1 AND name = ?2");
    update.bind(1, app.catalog)
        .bind(2, app.name)
        .bind(3, app.client_id)
        .bind(4, app.secret_digest)
        .bind(5, app.test_secret)
        .bind(6, to_text(app.state))
        .run();
    if (db_.changes() == 0) {
        throw Error(fmt::format("no app '{}' in catalog '{}'", app.name, app.catalog));
    }
}

void SqliteTransaction::delete_app(const std::string& catalog, const std::string& name)
{
    note_app_named(catalog, name);
    // Its subscriptions go with it: ON DELETE CASCADE.
    Statement remove(db_, "DELETE FROM apps WHERE catalog = ?1 AND name = ?2");
    remove.bind(1, catalog).bind(2, name).run();
}

std::vector<Subscription> SqliteTransaction::subscriptions(const std::string& catalog)
{
    Statement select(db_, "SELECT catalog, app, product, plan, state FROM subscriptions "
                          "WHERE catalog = ?1 ORDER BY app, product");
    select.bind(1, catalog);
    return all_rows<Subscription>(select, subscription_from);
}

std::vector<Subscription> SqliteTransaction::app_subscriptions(const std::string& catalog,
                                                               const std::string& app)
{
    Statement select(db_, "SELECT catalog, app, product, plan, state FROM subscriptions "
                          "WHERE catalog = ?1 AND app = ?2 ORDER BY product");
    select.bind(1, catalog).bind(2, app);
    return all_rows<Subscription>(select, subscription_from);
}

void SqliteTransaction::put_subscription(const Subscription& subscription)
{
    put_subscriptions(std::span<const Subscription>(&subscription, 1));
}

void SqliteTransaction::put_subscriptions(std::span<const Subscription> subscriptions)
{
    if (subscriptions.empty()) {
        return;
    }
    for (const Subscription& subscription : subscriptions) {
        note_app_named(subscription.catalog, subscription.app);
    }
    Statement& upsert = prepared_rows(put_subscriptions_head, subscription_row,
                                      subscriptions.size(), put_subscriptions_tail);
    int before = 0; // parameters of the rows before this one
    for (const Subscription& subscription : subscriptions) {
        upsert.bind_unowned(before + 1, subscription.catalog)
            .bind_unowned(before + 2, subscription.app)
            .bind_unowned(before + 3, subscription.product)
            .bind_unowned(before + 4, subscription.plan)
            .bind_unowned(before + 5, to_text(subscription.state));
        before += 5;
    }
    upsert.run();
    upsert.reset();
}

void SqliteTransaction::delete_subscription(const std::string& catalog, const std::string& app,
                                            const std::string& product)
{
    Statement remove(db_,
                     "DELETE FROM subscriptions WHERE catalog = ?1 AND app = ?2 AND product = ?3");
    note_app_named(catalog, app);
    remove.bind(1, catalog).bind(2, app).bind(3, product).run();
}

std::optional<RateWindow> SqliteTransaction::rate_window(const std::string& key)
{
    Statement select(db_, "SELECT window_start, count FROM rate_windows WHERE key = ?1");
    select.bind(1, key);
    if (!select.step()) {
        return std::nullopt;
    }
    return RateWindow{select.integer(0), static_cast<std::uint64_t>(select.integer(1))};
}

void SqliteTransaction::put_rate_window(const std::string& key, const RateWindow& window)
{
    Statement upsert(db_, "INSERT INTO rate_windows (key, window_start, count) VALUES (?1, ?2, ?3) "
                          "ON CONFLICT (key) DO UPDATE SET window_start = ?2, count = ?3");
    upsert.bind(1, key)
        .bind(2, window.start)
        .bind(3, static_cast<std::int64_t>(window.count))
        .run();
}

// A batch's columns, in the order batch_from reads them.
#define APICAT_CALL_BATCH_COLUMNS "id, first_ms, last_ms, first_number, last_number, batch"

// The calls table's statements, prepared once per transaction like the per-app ones.
class SqliteCallBatches final : public CallBatchRows {
public:
    explicit SqliteCallBatches(SqliteTransaction& transaction)
        : transaction_(transaction)
    {
    }

    std::optional<std::int64_t> last_number() override
    {
        Statement& last = prepared("SELECT last_number FROM calls ORDER BY id DESC LIMIT 1");
        std::optional<std::int64_t> number =
            last.step() ? std::optional(last.integer(0)) : std::nullopt;
        last.reset();
        return number;
    }

    // A new batch gets the next id; a rewritten one keeps its own, and so its place in the order.
    void insert(const StoredCallBatch& stored) override
    {
        Statement& insert =
            stored.id == 0 ? prepared("INSERT INTO calls (first_ms, last_ms, first_number, "
                                      "last_number, batch) VALUES (?2, ?3, ?4, ?5, ?6)")
                           : prepared("INSERT INTO calls (id, first_ms, last_ms, first_number, "
                                      "last_number, batch) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (stored.id != 0) {
            insert.bind(1, stored.id);
        }
        insert.bind(2, stored.first_ms).bind(3, stored.last_ms);
        insert.bind(4, stored.first_number).bind(5, stored.last_number);
        insert.bind_blob(6, stored.batch).run();
        insert.reset();
    }

    void remove(std::int64_t id) override { run("DELETE FROM calls WHERE id = ?1", id); }

    void remove_ending_before(std::int64_t ms) override
    {
        run("DELETE FROM calls WHERE last_ms < ?1", ms);
    }

    void remove_numbered_up_to(std::int64_t number) override
    {
        run("DELETE FROM calls WHERE last_number <= ?1", number);
    }

    std::vector<StoredCallBatch> starting_before(std::int64_t ms) override
    {
        return select(
            "SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls WHERE first_ms < ?1 ORDER BY id", ms);
    }

    std::vector<StoredCallBatch> oldest_starting_at_or_before(std::int64_t number) override
    {
        return select("SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls "
                      "WHERE id = (SELECT min(id) FROM calls) AND first_number <= ?1",
                      number);
    }

    std::vector<StoredCallBatch> ending_at_or_after(std::int64_t ms) override
    {
        return select(
            "SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls WHERE last_ms >= ?1 ORDER BY id", ms);
    }

private:
    Statement& prepared(const char* sql) { return transaction_.prepared(sql); }

    void run(const char* sql, std::int64_t value)
    {
        Statement& statement = prepared(sql);
        statement.bind(1, value).run();
        statement.reset();
    }

    std::vector<StoredCallBatch> select(const char* sql, std::int64_t value)
    {
        Statement& statement = prepared(sql);
        statement.bind(1, value);
        std::vector<StoredCallBatch> batches =
            all_rows<StoredCallBatch>(statement, [](const Statement& row) {
                return StoredCallBatch{row.integer(0), row.integer(1), row.integer(2),
                                       row.integer(3), row.integer(4), row.blob(5)};
            });
        statement.reset();
        return batches;
    }

    SqliteTransaction& transaction_;
};

// Not noted for the change sequence: calls change nothing a gateway holds.
void SqliteTransaction::append_calls(std::span<const CallRecord> calls)
{
    SqliteCallBatches rows(*this);
    append_call_batch(rows, calls);
}

void SqliteTransaction::prune_calls(std::int64_t older_than_ms, std::uint64_t keep_at_most)
{
    SqliteCallBatches rows(*this);
    prune_call_batches(rows, older_than_ms, keep_at_most);
}

std::vector<CallRecord> SqliteTransaction::calls(const std::string& catalog, std::int64_t since_ms)
{
    SqliteCallBatches rows(*this);
    return read_call_batches(rows, catalog, since_ms);
}

void SqliteTransaction::note_app(const std::string& catalog, const std::string& client_id)
{
    notes_.app(catalog, client_id);
}

std::string SqliteTransaction::client_id_of(const std::string& catalog, const std::string& app)
{
    Statement& select = prepared("SELECT client_id FROM apps WHERE catalog = ?1 AND name = ?2");
    select.bind(1, catalog).bind(2, app);
    std::string client_id = select.step() ? select.text(0) : std::string();
    select.reset();
    return client_id;
}

void SqliteTransaction::note_app_named(const std::string& catalog, const std::string& app)
{
    if (!notes_.has_all_apps(catalog)) {
        note_app(catalog, client_id_of(catalog, app));
    }
}

Statement& SqliteTransaction::prepared_rows(const char* head, const char* row, std::size_t rows,
                                            const char* tail)
{
    std::unique_ptr<Statement>& statement = prepared_rows_[{head, rows}];
    if (!statement) {
        std::string sql = head;
        for (std::size_t each = 0; each < rows; ++each) {
            sql += each == 0 ? "" : ", ";
            sql += row;
        }
        sql += tail;
        statement = std::make_unique<Statement>(db_, sql);
    } else {
        statement->reset(); // in case a step threw before its caller could reset it
    }
    return *statement;
}

Statement& SqliteTransaction::prepared(const char* sql)
{
    std::unique_ptr<Statement>& statement = prepared_[sql];
    if (!statement) {
        statement = std::make_unique<Statement>(db_, sql);
    } else {
        statement->reset(); // in case a step threw before its caller could reset it
    }
    return *statement;
}

void SqliteTransaction::record_changes()
{
    if (notes_.empty()) {
        return;
    }
    Statement insert(db_, "INSERT INTO changes (catalog, kind, client_id) VALUES (?1, ?2, ?3)");
    for (const Change& change : notes_.take()) {
        insert.bind(1, change.catalog)
            .bind(2, change_kind_name(change.kind))
            .bind(3, change.client_id)
            .run();
        insert.reset();
    }
    Statement prune(db_, "DELETE FROM changes WHERE sequence <= last_insert_rowid() - ?1");
    prune.bind(1, changes_kept).run();
}

std::int64_t SqliteTransaction::last_change()
{
    Statement select(db_, "SELECT coalesce(max(sequence), 0) FROM changes");
    select.step();
    return select.integer(0);
}

ChangesSince SqliteTransaction::changes_since(std::int64_t sequence)
{
    ChangesSince result;
    Statement oldest(db_, "SELECT min(sequence) FROM changes");
    oldest.step();
    // Sequence numbers of committed changes have no gaps but the pruned ones.
    result.complete = oldest.is_null(0) || oldest.integer(0) <= sequence + 1;
    if (!result.complete) {
        return result;
    }
    Statement select(db_, "SELECT sequence, catalog, kind, client_id FROM changes "
                          "WHERE sequence > ?1 ORDER BY sequence");
    select.bind(1, sequence);
    result.changes = all_rows<Change>(select, [](const Statement& row) {
        return Change{row.integer(0), row.text(1), change_kind_named(row.text(2)), row.text(3)};
    });
    return result;
}

} // namespace apicat::store

#undef APICAT_APP_COLUMNS
#undef APICAT_CALL_BATCH_COLUMNS

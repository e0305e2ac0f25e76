#include "store/postgres_transaction.hpp"

#include "store/call_batch_rows.hpp"
#include "store/postgres_schema.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <type_traits>

namespace apicat::store {

namespace {

// An app's columns, in the order app_from_result reads them and app rows are written.
#define APICAT_APP_COLUMNS                                                                         \
    "catalog, name, client_id, secret_digest, test_secret, state, test_app, created_at"
#define APICAT_PRODUCT_COLUMNS "catalog, name, version, title, snapshot, published_at"
#define APICAT_SUBSCRIPTION_COLUMNS "catalog, app, product, plan, state"
// Names are listed in byte order, as the SQLite store lists them (its BINARY collation), so that
// a command prints the same on either store. Without it the order would be the database's
// collation, which is often a language's ("alpha" before "Beta"): the tests' server sorts bytes
// (locale C), a team's database may not.
#define APICAT_BYTE_ORDER "COLLATE \"C\""

Catalog catalog_from_result(const PgResult& rows, int row)
{
    return Catalog{.name = rows.text(row, 0), .created_at = rows.text(row, 1)};
}

App app_from_result(const PgResult& rows, int row)
{
    return App{.catalog = rows.text(row, 0),
               .name = rows.text(row, 1),
               .client_id = rows.text(row, 2),
               .secret_digest = rows.text(row, 3),
               .test_secret = rows.text(row, 4),
               .state = app_state_from_text(rows.text(row, 5)),
               .test_app = rows.boolean(row, 6),
               .created_at = rows.text(row, 7)};
}

Subscription subscription_from_result(const PgResult& rows, int row)
{
    return Subscription{.catalog = rows.text(row, 0),
                        .app = rows.text(row, 1),
                        .product = rows.text(row, 2),
                        .plan = rows.text(row, 3),
                        .state = subscription_state_from_text(rows.text(row, 4))};
}

template <typename Value, typename FromRow>
std::vector<Value> all_rows(const PgResult& rows, FromRow from_row)
{
    std::vector<Value> values;
    values.reserve(static_cast<std::size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        values.push_back(from_row(rows, row));
    }
    return values;
}

template <typename Value, typename FromRow>
std::optional<Value> first_row(const PgResult& rows, FromRow from_row)
{
    if (rows.rows() == 0) {
        return std::nullopt;
    }
    return from_row(rows, 0);
}

// One column of many rows, as one parameter: a PostgreSQL array literal, {"a","b\"c"}, which
// unnest() turns back into rows. A statement then has a parameter per column whatever its
// number of rows, and PostgreSQL parses and plans it in microseconds: with a VALUES list of a
// parameter per value, 1,000 apps (8,000 parameters) took it some 30 ms before inserting
// anything, most of the time of copying 100,000 apps into PostgreSQL.
template <typename Row, typename Value>
std::string column_array(std::span<const Row> rows, Value Row::*column)
{
    std::string literal = "{";
    for (const Row& row : rows) {
        if (literal.size() > 1) {
            literal += ',';
        }
        if constexpr (std::is_same_v<Value, bool>) {
            literal += row.*column ? 't' : 'f';
        } else if constexpr (std::is_enum_v<Value>) {
            literal += '"'; // a state's text (store/states.hpp) holds no quote or backslash
            literal += to_text(row.*column);
            literal += '"';
        } else {
            literal += '"';
            for (const char each : row.*column) {
                if (each == '"' || each == '\\') {
                    literal += '\\';
                }
                literal += each;
            }
            literal += '"';
        }
    }
    literal += '}';
    return literal;
}

// "($1, $2, ...), ($9, ...)": `rows` rows of `columns` parameters each.
std::string value_rows(std::size_t rows, std::size_t columns)
{
    std::string sql;
    std::size_t parameter = 0;
    for (std::size_t row = 0; row < rows; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (std::size_t column = 0; column < columns; ++column) {
            sql += column == 0 ? "$" : ", $";
            sql += std::to_string(++parameter);
        }
        sql += ")";
    }
    return sql;
}

// PostgreSQL's text holds UTF-8 without NUL bytes, and refuses a statement whose parameter is
// not, where SQLite compares any bytes. No row holds such a name, since none could be written:
// a lookup by one (a client ID a gateway was sent, a catalog a command was given) finds nothing
// without asking, as on SQLite, rather than failing.
bool could_be_stored(std::initializer_list<std::string_view> keys)
{
    return std::all_of(keys.begin(), keys.end(), [](std::string_view key) {
        return !util::find_binary_content(key).has_value();
    });
}

} // namespace

std::vector<Catalog> PostgresTransaction::catalogs()
{
    return all_rows<Catalog>(
        db_.run("SELECT name, created_at FROM catalogs ORDER BY name " APICAT_BYTE_ORDER),
        catalog_from_result);
}

std::optional<Catalog> PostgresTransaction::find_catalog(const std::string& name)
{
    if (!could_be_stored({name})) {
        return std::nullopt;
    }
    return first_row<Catalog>(
        db_.run("SELECT name, created_at FROM catalogs WHERE name = $1", PgParams().text(name)),
        catalog_from_result);
}

void PostgresTransaction::insert_catalog(const Catalog& catalog)
{
    db_.run("INSERT INTO catalogs (name, created_at) VALUES ($1, $2)",
            PgParams().text(catalog.name).text(catalog.created_at));
}

void PostgresTransaction::delete_catalog(const std::string& name)
{
    if (!could_be_stored({name})) {
        return;
    }
    // Its products, apps and subscriptions go with it: ON DELETE CASCADE.
    db_.run("DELETE FROM catalogs WHERE name = $1", PgParams().text(name));
    notes_.products(name);
    notes_.all_apps(name);
}

// A snapshot that does not parse was not written by apicat: the store is damaged.
PublishedProduct PostgresTransaction::product_from(const PgResult& rows, int row) const
{
    PublishedProduct product{.catalog = rows.text(row, 0),
                             .name = rows.text(row, 1),
                             .version = rows.text(row, 2),
                             .title = rows.text(row, 3),
                             .snapshot = Json::parse(rows.text(row, 4), nullptr, false),
                             .published_at = rows.text(row, 5)};
    if (product.snapshot.is_discarded()) {
        throw Error(fmt::format("{}: the snapshot of product '{}' {} in catalog '{}' is not JSON",
                                db_.shown_url(), product.name, product.version, product.catalog),
                    "publish the product again");
    }
    return product;
}

std::vector<PublishedProduct> PostgresTransaction::products(const std::string& catalog)
{
    if (!could_be_stored({catalog})) {
        return {};
    }
    const PgResult rows = db_.run("SELECT " APICAT_PRODUCT_COLUMNS " FROM products "
                                  "WHERE catalog = $1 ORDER BY name " APICAT_BYTE_ORDER
                                  ", version " APICAT_BYTE_ORDER,
                                  PgParams().text(catalog));
    return all_rows<PublishedProduct>(
        rows, [this](const PgResult& all, int row) { return product_from(all, row); });
}

std::optional<PublishedProduct> PostgresTransaction::find_product(const std::string& catalog,
                                                                  const std::string& name,
                                                                  const std::string& version)
{
    if (!could_be_stored({catalog, name, version})) {
        return std::nullopt;
    }
    const PgResult rows = db_.run("SELECT " APICAT_PRODUCT_COLUMNS " FROM products "
                                  "WHERE catalog = $1 AND name = $2 AND version = $3",
                                  PgParams().text(catalog).text(name).text(version));
    return first_row<PublishedProduct>(
        rows, [this](const PgResult& all, int row) { return product_from(all, row); });
}

void PostgresTransaction::put_product(const PublishedProduct& product)
{
    db_.run("INSERT INTO products (" APICAT_PRODUCT_COLUMNS ") VALUES ($1, $2, $3, $4, $5, $6) "
            "ON CONFLICT (catalog, name, version) DO UPDATE SET title = excluded.title, "
            "snapshot = excluded.snapshot, published_at = excluded.published_at",
            PgParams()
                .text(product.catalog)
                .text(product.name)
                .text(product.version)
                .text(product.title)
                .text(product.snapshot.dump())
                .text(product.published_at));
    notes_.products(product.catalog);
}

// Subscriptions hold across a product's versions, so they go only with its last version.
void PostgresTransaction::delete_product(const std::string& catalog, const std::string& name,
                                         const std::string& version)
{
    if (!could_be_stored({catalog, name, version})) {
        return;
    }
    const PgResult removed =
        db_.run("DELETE FROM products WHERE catalog = $1 AND name = $2 AND version = $3",
                PgParams().text(catalog).text(name).text(version));
    if (removed.changed() == 0) {
        return;
    }
    notes_.products(catalog);
    const PgResult unsubscribed =
        db_.run("DELETE FROM subscriptions WHERE catalog = $1 AND product = $2 "
                "AND NOT EXISTS (SELECT 1 FROM products WHERE catalog = $1 AND name = $2)",
                PgParams().text(catalog).text(name));
    if (unsubscribed.changed() != 0) {
        notes_.all_apps(catalog);
    }
}

std::vector<App> PostgresTransaction::apps(const std::string& catalog)
{
    if (!could_be_stored({catalog})) {
        return {};
    }
    return all_rows<App>(db_.run("SELECT " APICAT_APP_COLUMNS
                                 " FROM apps WHERE catalog = $1 ORDER BY name " APICAT_BYTE_ORDER,
                                 PgParams().text(catalog)),
                         app_from_result);
}

std::optional<App> PostgresTransaction::find_app(const std::string& catalog,
                                                 const std::string& name)
{
    if (!could_be_stored({catalog, name})) {
        return std::nullopt;
    }
    return first_row<App>(db_.run("SELECT " APICAT_APP_COLUMNS
                                  " FROM apps WHERE catalog = $1 AND name = $2",
                                  PgParams().text(catalog).text(name)),
                          app_from_result);
}

std::optional<App> PostgresTransaction::find_app_by_client_id(const std::string& client_id)
{
    if (!could_be_stored({client_id})) {
        return std::nullopt;
    }
    return first_row<App>(db_.run("SELECT " APICAT_APP_COLUMNS " FROM apps WHERE client_id = $1",
                                  PgParams().text(client_id)),
                          app_from_result);
}

bool PostgresTransaction::insert_app(const App& app)
{
    return insert_apps(std::span<const App>(&app, 1));
}

// ON CONFLICT DO NOTHING skips a row that has a name or client ID taken, which the count of
// rows inserted then tells, without an error that would abort the transaction. A missing
// catalog still fails: foreign keys are not skipped. A batch with a row skipped goes back to
// its savepoint, so that none of it stays.
bool PostgresTransaction::insert_apps(std::span<const App> apps)
{
    if (apps.empty()) {
        return true;
    }
    const bool batch = apps.size() > 1;
    if (batch) {
        db_.execute("SAVEPOINT insert_apps");
    }
    std::size_t inserted = 0;
    try {
        inserted = static_cast<std::size_t>(
            db_.run("INSERT INTO apps (" APICAT_APP_COLUMNS ") SELECT * FROM unnest("
                    "$1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], "
                    "$7::boolean[], $8::text[]) ON CONFLICT DO NOTHING",
                    PgParams()
                        .text(column_array(apps, &App::catalog))
                        .text(column_array(apps, &App::name))
                        .text(column_array(apps, &App::client_id))
                        .text(column_array(apps, &App::secret_digest))
                        .text(column_array(apps, &App::test_secret))
                        .text(column_array(apps, &App::state))
                        .text(column_array(apps, &App::test_app))
                        .text(column_array(apps, &App::created_at)))
                .changed());
    } catch (...) {
        if (batch) {
            db_.rollback_to_quietly("insert_apps");
        }
        throw;
    }
    const bool all_inserted = inserted == apps.size();
    if (batch) {
        db_.execute(all_inserted ? "RELEASE insert_apps"
                                 : "ROLLBACK TO insert_apps; RELEASE insert_apps");
    }
    if (!all_inserted) {
        return false;
    }
    for (const App& app : apps) {
        notes_.app(app.catalog, app.client_id);
    }
    return true;
}

void PostgresTransaction::update_app(const App& app)
{
    // Under the old client ID too: a gateway may hold the app under it.
    note_app_named(app.catalog, app.name);
    notes_.app(app.catalog, app.client_id);
    const PgResult updated =
        db_.run("UPDATE apps SET client_id = $3, secret_digest = $4, test_secret = $5, "
                "state = $6 WHERE catalog = $1 AND name = $2",
                PgParams()
                    .text(app.catalog)
                    .text(app.name)
                    .text(app.client_id)
                    .text(app.secret_digest)
                    .text(app.test_secret)
                    .text(to_text(app.state)));
    if (updated.changed() == 0) {
        throw Error(fmt::format("no app '{}' in catalog '{}'", app.name, app.catalog));
    }
}

void PostgresTransaction::delete_app(const std::string& catalog, const std::string& name)
{
    if (!could_be_stored({catalog, name})) {
        return;
    }
    note_app_named(catalog, name);
    // Its subscriptions go with it: ON DELETE CASCADE.
    db_.run("DELETE FROM apps WHERE catalog = $1 AND name = $2",
            PgParams().text(catalog).text(name));
}

std::vector<Subscription> PostgresTransaction::subscriptions(const std::string& catalog)
{
    if (!could_be_stored({catalog})) {
        return {};
    }
    return all_rows<Subscription>(
        db_.run("SELECT " APICAT_SUBSCRIPTION_COLUMNS " FROM subscriptions WHERE catalog = $1 "
                "ORDER BY app " APICAT_BYTE_ORDER ", product " APICAT_BYTE_ORDER,
                PgParams().text(catalog)),
        subscription_from_result);
}

std::vector<Subscription> PostgresTransaction::app_subscriptions(const std::string& catalog,
                                                                 const std::string& app)
{
    if (!could_be_stored({catalog, app})) {
        return {};
    }
    return all_rows<Subscription>(db_.run("SELECT " APICAT_SUBSCRIPTION_COLUMNS
                                          " FROM subscriptions WHERE catalog = $1 AND app = $2 "
                                          "ORDER BY product " APICAT_BYTE_ORDER,
                                          PgParams().text(catalog).text(app)),
                                  subscription_from_result);
}

void PostgresTransaction::put_subscription(const Subscription& subscription)
{
    put_subscriptions(std::span<const Subscription>(&subscription, 1));
}

void PostgresTransaction::put_subscriptions(std::span<const Subscription> subscriptions)
{
    for (const Subscription& subscription : subscriptions) {
        note_app_named(subscription.catalog, subscription.app);
    }
    if (subscriptions.empty()) {
        return;
    }
    db_.run("INSERT INTO subscriptions (" APICAT_SUBSCRIPTION_COLUMNS ") SELECT * FROM unnest("
            "$1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) "
            "ON CONFLICT (catalog, app, product) DO UPDATE SET plan = excluded.plan, "
            "state = excluded.state",
            PgParams()
                .text(column_array(subscriptions, &Subscription::catalog))
                .text(column_array(subscriptions, &Subscription::app))
                .text(column_array(subscriptions, &Subscription::product))
                .text(column_array(subscriptions, &Subscription::plan))
                .text(column_array(subscriptions, &Subscription::state)));
}

void PostgresTransaction::delete_subscription(const std::string& catalog, const std::string& app,
                                              const std::string& product)
{
    if (!could_be_stored({catalog, app, product})) {
        return;
    }
    note_app_named(catalog, app);
    db_.run("DELETE FROM subscriptions WHERE catalog = $1 AND app = $2 AND product = $3",
            PgParams().text(catalog).text(app).text(product));
}

std::optional<RateWindow> PostgresTransaction::rate_window(const std::string& key)
{
    db_.run("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", PgParams().text(key));
    const PgResult found = db_.run("SELECT window_start, count FROM rate_windows WHERE key = $1",
                                   PgParams().text(key));
    if (found.rows() == 0) {
        return std::nullopt;
    }
    return RateWindow{found.integer(0, 0), static_cast<std::uint64_t>(found.integer(0, 1))};
}

void PostgresTransaction::put_rate_window(const std::string& key, const RateWindow& window)
{
    db_.run("INSERT INTO rate_windows (key, window_start, count) VALUES ($1, $2, $3) "
            "ON CONFLICT (key) DO UPDATE SET window_start = $2, count = $3",
            PgParams()
                .text(key)
                .integer(window.start)
                .integer(static_cast<std::int64_t>(window.count)));
}

namespace {

#define APICAT_CALL_BATCH_COLUMNS "id, first_ms, last_ms, first_number, last_number, batch"

// The calls table's statements (call_batch_rows.hpp).
class PostgresCallBatches final : public CallBatchRows {
public:
    explicit PostgresCallBatches(PgConnection& db)
        : db_(db)
    {
    }

    std::optional<std::int64_t> last_number() override
    {
        const PgResult last = db_.run("SELECT last_number FROM calls ORDER BY id DESC LIMIT 1");
        return last.rows() == 0 ? std::nullopt : std::optional(last.integer(0, 0));
    }

    // A new batch gets the next id; a rewritten one keeps its own, and so its place in the order.
    void insert(const StoredCallBatch& stored) override
    {
        PgParams params;
        params.integer(stored.first_ms)
            .integer(stored.last_ms)
            .integer(stored.first_number)
            .integer(stored.last_number)
            .bytes(stored.batch);
        if (stored.id == 0) {
            db_.run("INSERT INTO calls (first_ms, last_ms, first_number, last_number, batch) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    params);
            return;
        }
        db_.run("INSERT INTO calls (first_ms, last_ms, first_number, last_number, batch, id) "
                "VALUES ($1, $2, $3, $4, $5, $6)",
                params.integer(stored.id));
    }

    void remove(std::int64_t id) override
    {
        db_.run("DELETE FROM calls WHERE id = $1", PgParams().integer(id));
    }

    void remove_ending_before(std::int64_t ms) override
    {
        db_.run("DELETE FROM calls WHERE last_ms < $1", PgParams().integer(ms));
    }

    void remove_numbered_up_to(std::int64_t number) override
    {
        db_.run("DELETE FROM calls WHERE last_number <= $1", PgParams().integer(number));
    }

    std::vector<StoredCallBatch> starting_before(std::int64_t ms) override
    {
        return select(
            "SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls WHERE first_ms < $1 ORDER BY id", ms);
    }

    std::vector<StoredCallBatch> oldest_starting_at_or_before(std::int64_t number) override
    {
        return select("SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls "
                      "WHERE id = (SELECT min(id) FROM calls) AND first_number <= $1",
                      number);
    }

    std::vector<StoredCallBatch> ending_at_or_after(std::int64_t ms) override
    {
        return select(
            "SELECT " APICAT_CALL_BATCH_COLUMNS " FROM calls WHERE last_ms >= $1 ORDER BY id", ms);
    }

private:
    std::vector<StoredCallBatch> select(const char* sql, std::int64_t value)
    {
        return all_rows<StoredCallBatch>(
            db_.run(sql, PgParams().integer(value)), [](const PgResult& rows, int row) {
                return StoredCallBatch{rows.integer(row, 0), rows.integer(row, 1),
                                       rows.integer(row, 2), rows.integer(row, 3),
                                       rows.integer(row, 4), rows.bytes(row, 5)};
            });
    }

    PgConnection& db_;
};

} // namespace

// Not noted for the change sequence: calls change nothing a gateway holds.
void PostgresTransaction::append_calls(std::span<const CallRecord> calls)
{
    PostgresCallBatches rows(db_);
    append_call_batch(rows, calls);
}

void PostgresTransaction::prune_calls(std::int64_t older_than_ms, std::uint64_t keep_at_most)
{
    PostgresCallBatches rows(db_);
    prune_call_batches(rows, older_than_ms, keep_at_most);
}

std::vector<CallRecord> PostgresTransaction::calls(const std::string& catalog,
                                                   std::int64_t since_ms)
{
    PostgresCallBatches rows(db_);
    return read_call_batches(rows, catalog, since_ms);
}

std::string PostgresTransaction::client_id_of(const std::string& catalog, const std::string& app)
{
    const PgResult found = db_.run("SELECT client_id FROM apps WHERE catalog = $1 AND name = $2",
                                   PgParams().text(catalog).text(app));
    return found.rows() == 0 ? std::string() : found.text(0, 0);
}

void PostgresTransaction::note_app_named(const std::string& catalog, const std::string& app)
{
    if (!notes_.has_all_apps(catalog)) {
        notes_.app(catalog, client_id_of(catalog, app));
    }
}

// Writers take a lock before they take sequence numbers, held until they commit: numbers are
// then taken in commit order, so a gateway that has read up to N never later finds a change
// numbered below N committed after its read. SQLite has one writer at a time and needs no such
// lock.
void PostgresTransaction::record_changes()
{
    if (notes_.empty()) {
        return;
    }
    db_.run("SELECT pg_advisory_xact_lock($1)", PgParams().integer(change_sequence_lock));
    const std::vector<Change> changes = notes_.take();
    PgParams params;
    for (const Change& change : changes) {
        params.text(change.catalog).text(change_kind_name(change.kind)).text(change.client_id);
    }
    db_.run("INSERT INTO changes (catalog, kind, client_id) VALUES " +
                value_rows(changes.size(), 3),
            params);
    db_.run(fmt::format("NOTIFY {}", changes_channel));
    db_.run("DELETE FROM changes WHERE sequence <= currval('changes_sequence_seq') - $1",
            PgParams().integer(changes_kept));
}

std::int64_t PostgresTransaction::last_change()
{
    return db_.run("SELECT coalesce(max(sequence), 0) FROM changes").integer(0, 0);
}

ChangesSince PostgresTransaction::changes_since(std::int64_t sequence)
{
    ChangesSince result;
    const PgResult oldest = db_.run("SELECT min(sequence) FROM changes");
    // A rolled-back writer leaves a gap in the numbers; only the oldest number kept tells
    // whether changes after `sequence` were pruned.
    result.complete = oldest.is_null(0, 0) || oldest.integer(0, 0) <= sequence + 1;
    if (!result.complete) {
        return result;
    }
    const PgResult rows = db_.run("SELECT sequence, catalog, kind, client_id FROM changes "
                                  "WHERE sequence > $1 ORDER BY sequence",
                                  PgParams().integer(sequence));
    result.changes = all_rows<Change>(rows, [](const PgResult& all, int row) {
        return Change{all.integer(row, 0), all.text(row, 1), change_kind_named(all.text(row, 2)),
                      all.text(row, 3)};
    });
    return result;
}

} // namespace apicat::store

#undef APICAT_APP_COLUMNS
#undef APICAT_PRODUCT_COLUMNS
#undef APICAT_SUBSCRIPTION_COLUMNS
#undef APICAT_BYTE_ORDER
#undef APICAT_CALL_BATCH_COLUMNS

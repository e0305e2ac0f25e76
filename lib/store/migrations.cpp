#include "store/migrations.hpp"

#include "store/sqlite_store.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string>

namespace apicat::store {

namespace {

// Entry N takes the schema from version N to N + 1. A released entry is never edited, since
// stores out there already ran it: changes come as a new entry.
constexpr const char* sqlite_migrations[] = {
    // 1: catalogs, their published products, apps and subscriptions. A subscription names a
    // product, not one version, so it has no foreign key to products: delete_product drops
    // it with the product's last version, with the help of the index.
    R"sql(
CREATE TABLE catalogs (
    name TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE products (
    catalog TEXT NOT NULL REFERENCES catalogs (name) ON DELETE CASCADE,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    title TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (catalog, name, version)
);
CREATE TABLE apps (
    catalog TEXT NOT NULL REFERENCES catalogs (name) ON DELETE CASCADE,
    name TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    secret_digest TEXT NOT NULL,
    test_secret TEXT NOT NULL,
    state TEXT NOT NULL,
    test_app INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (catalog, name)
);
CREATE TABLE subscriptions (
    catalog TEXT NOT NULL REFERENCES catalogs (name) ON DELETE CASCADE,
    app TEXT NOT NULL,
    product TEXT NOT NULL,
    plan TEXT NOT NULL,
    state TEXT NOT NULL,
    PRIMARY KEY (catalog, app, product),
    FOREIGN KEY (catalog, app) REFERENCES apps (catalog, name) ON DELETE CASCADE
);
CREATE INDEX subscriptions_by_product ON subscriptions (catalog, product);
)sql",
    // 2: rate-limit windows, so that separate `apicat invoke` processes count together.
    R"sql(
CREATE TABLE rate_windows (
    key TEXT NOT NULL PRIMARY KEY,
    window_start INTEGER NOT NULL,
    count INTEGER NOT NULL
);
)sql",
    // 3: the change sequence, which running gateways follow to refresh only what changed
    // (docs/store.md). AUTOINCREMENT: a sequence number is never used twice, even after the
    // rows before it are pruned.
    R"sql(
CREATE TABLE changes (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    catalog TEXT NOT NULL,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL
);
)sql",
    // 4: calls through the gateway front ends, for analytics (docs/analytics.md), a batch per
    // row (store/call_batch.hpp says why and how). Calls are numbered in the order recorded:
    // a batch holds those from first_number to last_number, at times from first_ms to last_ms.
    // Pruning and reading since a time use the indexes.
    R"sql(
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    first_number INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    batch BLOB NOT NULL
);
CREATE INDEX calls_by_last_time ON calls (last_ms);
CREATE INDEX calls_by_first_time ON calls (first_ms);
CREATE INDEX calls_by_last_number ON calls (last_number);
)sql",
};

static_assert(std::size(sqlite_migrations) == sqlite_schema_version,
              "each schema version needs its migration");

int schema_version(Connection& db)
{
    Statement statement(db, "PRAGMA user_version");
    statement.step();
    return static_cast<int>(statement.integer(0));
}

// True when the store is at the version this apicat writes; throws when it is ahead.
bool is_current(const Connection& db, int version)
{
    if (version < 0) {
        throw_not_a_store(db.path(), fmt::format("schema version {}", version));
    }
    if (version > sqlite_schema_version) {
        throw Error(fmt::format("{}: the store was written by a newer apicat (schema {}; this one "
                                "reads up to {})",
                                db.path().string(), version, sqlite_schema_version),
                    "upgrade apicat to use this store");
    }
    return version == sqlite_schema_version;
}

// A database at version 0 with tables in it is someone else's: adding ours would mix the two.
void require_empty(Connection& db)
{
    Statement statement(db, "SELECT count(*) FROM sqlite_master");
    statement.step();
    if (statement.integer(0) != 0) {
        throw_not_a_store(db.path(), "it holds tables apicat did not create");
    }
}

// Applies the next migration in the open transaction; false once there is none left. The
// version is read again under the write lock: another process may have migrated meanwhile.
bool apply_next(Connection& db)
{
    const int version = schema_version(db);
    if (is_current(db, version)) {
        return false;
    }
    if (version == 0) {
        require_empty(db);
    }
    db.execute(sqlite_migrations[version]);
    // PRAGMA takes no parameters; the value is a number apicat made, not user input.
    db.execute(("PRAGMA user_version = " + std::to_string(version + 1)).c_str());
    return true;
}

} // namespace

void migrate(Connection& db)
{
    // Most opens find the schema current and need not wait behind writers to learn it.
    if (is_current(db, schema_version(db))) {
        return;
    }
    bool applied = true;
    while (applied) {
        db.execute("BEGIN IMMEDIATE");
        try {
            applied = apply_next(db);
            db.execute("COMMIT");
        } catch (...) {
            db.rollback_quietly();
            throw;
        }
    }
}

void require_current_schema(Connection& db)
{
    if (!is_current(db, schema_version(db))) {
        throw Error(db.path().string() + ": the store was written by an older apicat",
                    "run any apicat command that changes the store to bring it up to date");
    }
}

} // namespace apicat::store

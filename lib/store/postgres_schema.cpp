#include "store/postgres_schema.hpp"

#include <fmt/format.h>

#include <iterator>
#include <string>

namespace apicat::store {

namespace {

// Entry N takes the schema from version N to N + 1. A released entry is never edited, since
// stores out there already ran it: changes come as a new entry.
constexpr const char* postgres_migrations[] = {
    // 1: everything the SQLite store has at its schema 4 (migrations.cpp says why each table
    // is as it is). The change sequence is a bigserial: numbers are taken in the order
    // writers append, which an advisory lock makes their commit order (postgres_transaction.cpp).
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
    test_app BOOLEAN NOT NULL,
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
CREATE TABLE rate_windows (
    key TEXT NOT NULL PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);
CREATE TABLE changes (
    sequence BIGSERIAL PRIMARY KEY,
    catalog TEXT NOT NULL,
    kind TEXT NOT NULL,
    client_id TEXT NOT NULL
);
CREATE TABLE calls (
    id BIGSERIAL PRIMARY KEY,
    first_ms BIGINT NOT NULL,
    last_ms BIGINT NOT NULL,
    first_number BIGINT NOT NULL,
    last_number BIGINT NOT NULL,
    batch BYTEA NOT NULL
);
CREATE INDEX calls_by_last_time ON calls (last_ms);
CREATE INDEX calls_by_first_time ON calls (first_ms);
CREATE INDEX calls_by_last_number ON calls (last_number);
)sql",
};

static_assert(std::size(postgres_migrations) == postgres_schema_version,
              "each schema version needs its migration");

// Creates the version table on first use; the version, 0 before the first migration.
int schema_version(PgConnection& db)
{
    db.execute("CREATE TABLE IF NOT EXISTS apicat_schema (version INTEGER NOT NULL)");
    PgResult version = db.run("SELECT version FROM apicat_schema");
    return version.rows() == 0 ? 0 : static_cast<int>(version.integer(0, 0));
}

void require_known(PgConnection& db, int version)
{
    if (version > postgres_schema_version) {
        throw Error(fmt::format("{}: the store was written by a newer apicat (schema {}; this one "
                                "reads up to {})",
                                db.shown_url(), version, postgres_schema_version),
                    "upgrade apicat to use this store");
    }
}

// A database at version 0 that already has apicat's tables is someone else's, or damaged:
// adding ours would fail halfway or mix the two.
void require_no_tables(PgConnection& db)
{
    PgResult found = db.run("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_schema = current_schema() AND table_name IN "
                            "('catalogs', 'products', 'apps', 'subscriptions', 'calls')");
    if (found.integer(0, 0) != 0) {
        throw Error(db.shown_url() + ": not an apicat store (it holds tables apicat did not "
                                     "create, named as apicat's)",
                    "name another database or schema in the URL");
    }
}

} // namespace

bool postgres_schema_is_current(PgConnection& db)
{
    try {
        PgResult version = db.run("SELECT version FROM apicat_schema");
        if (version.rows() != 1) {
            return false;
        }
        require_known(db, static_cast<int>(version.integer(0, 0)));
        return version.integer(0, 0) == postgres_schema_version;
    } catch (const PostgresError& error) {
        if (error.sqlstate() != "42P01") { // undefined_table: a new store
            throw;
        }
        return false;
    }
}

void migrate_postgres(PgConnection& db)
{
    // Most opens find the schema current and need not take the lock to learn it: one query.
    if (postgres_schema_is_current(db)) {
        return;
    }
    for (;;) {
        db.execute("BEGIN");
        try {
            db.run("SELECT pg_advisory_xact_lock($1)", PgParams().integer(schema_lock));
            const int version = schema_version(db);
            require_known(db, version);
            if (version == postgres_schema_version) {
                db.execute("COMMIT");
                return;
            }
            if (version == 0) {
                require_no_tables(db);
            }
            db.execute(postgres_migrations[version]);
            db.execute("DELETE FROM apicat_schema");
            db.run("INSERT INTO apicat_schema (version) VALUES ($1)",
                   PgParams().integer(version + 1));
            db.execute("COMMIT");
        } catch (...) {
            db.rollback_quietly();
            throw;
        }
    }
}

} // namespace apicat::store

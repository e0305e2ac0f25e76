#pragma once

// A store in a PostgreSQL database, for a team: the CLI of several people and CI, and several
// `gateway serve` processes on several hosts, share one catalog (docs/store.md, "PostgreSQL").

#include "store/store.hpp"

#include <memory>
#include <string>

namespace apicat::store {

// Connects to `url` (postgresql://user@host:port/database?sslmode=...) and brings its schema
// up to date. The password comes from the URL, PGPASSWORD or ~/.pgpass, as libpq finds it.
// Throws apicat::Error when it cannot connect, with the URL shown redacted.
std::unique_ptr<Store> open_postgres_store(const std::string& url);

// Connects without writing anything, not even a migration: nullptr when the database has no
// apicat store yet. For answers that must not change anything (shell completion).
std::unique_ptr<Store> open_postgres_store_read_only(const std::string& url);

} // namespace apicat::store

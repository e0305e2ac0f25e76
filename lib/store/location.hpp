#pragma once

// Where a command's store is: the embedded SQLite file in an apicat home, or a PostgreSQL
// database shared by a team (docs/store.md). `--store` and APICAT_STORE name it; without them,
// the home (`--home`, APICAT_HOME, ...) holds a SQLite store.

#include "store/sqlite_store.hpp"
#include "store/store.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace apicat::store {

struct StoreLocation {
    enum class Kind { sqlite, postgres };
    Kind kind = Kind::sqlite;
    std::filesystem::path home; // Kind::sqlite: the folder holding apicat.db
    std::string url;            // Kind::postgres

    // For messages: the folder, or the URL with its password redacted.
    std::string shown() const;
};

// `store` (--store, else APICAT_STORE): a postgresql:// or postgres:// URL, or the path of an
// apicat home folder (or of its apicat.db). Empty: the SQLite store in resolve_home(`home`).
StoreLocation resolve_store(const std::string& store, const std::string& home);

// True when `a` and `b` name one store: the same home folder, or URLs of the same database
// (postgres_database_key). Two names of one server that this cannot tell apart (a host name
// and its address) are still taken for two.
bool same_store(const StoreLocation& a, const StoreLocation& b);

// Opens (creating on first use) the store at `location`.
std::unique_ptr<Store> open_store_at(const StoreLocation& location,
                                     LogAtClose at_close = LogAtClose::checkpoint);

// Opens the store at `location` without writing anything: nullptr when there is none yet.
std::unique_ptr<Store> open_store_read_only_at(const StoreLocation& location);

} // namespace apicat::store

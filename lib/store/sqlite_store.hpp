#pragma once

// The embedded store: one SQLite database, `apicat.db`, in the apicat home.

#include "store/store.hpp"

#include <filesystem>
#include <memory>

namespace apicat::store {

// The schema version this apicat writes; older stores are migrated forward when opened.
inline constexpr int sqlite_schema_version = 4;

// What closing the store does with SQLite's write-ahead log (apicat.db-wal).
enum class LogAtClose {
    // Copied into apicat.db and removed, with the -shm file: the folder holds apicat.db
    // alone once the last command is done. Costs four fsyncs, about 1 to 4 ms here.
    checkpoint,
    // Left for the next command that checkpoints (or SQLite's own, every 1,000 pages): for
    // `invoke`, whose only write is a rate-limit count, called many times in a row.
    leave,
};

// Opens (creating on first use: the folder 0700, the database 0600) the store in `home`.
// Throws apicat::Error for a corrupt database or one written by a newer apicat.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& home,
                                         LogAtClose at_close = LogAtClose::checkpoint);

// Opens the store in `home` without writing anything, not even a migration: nullptr when
// there is none yet. Throws apicat::Error for a store this apicat cannot read as it is.
// Writing through it fails.
std::unique_ptr<Store> open_sqlite_store_read_only(const std::filesystem::path& home);

} // namespace apicat::store

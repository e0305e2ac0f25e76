#pragma once

// The embedded store: one SQLite database, `apicat.db`, in the apicat home.

#include "store/store.hpp"

#include <filesystem>
#include <memory>

namespace apicat::store {

// The schema version this apicat writes; older stores are migrated forward when opened.
inline constexpr int sqlite_schema_version = 3;

// Opens (creating on first use: the folder 0700, the database 0600) the store in `home`.
// Throws apicat::Error for a corrupt database or one written by a newer apicat.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& home);

// Opens the store in `home` without writing anything, not even a migration: nullptr when
// there is none yet. Throws apicat::Error for a store this apicat cannot read as it is.
// Writing through it fails.
std::unique_ptr<Store> open_sqlite_store_read_only(const std::filesystem::path& home);

} // namespace apicat::store

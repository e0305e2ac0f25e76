#pragma once

// The SQLite store's schema, versioned with PRAGMA user_version: a store at version N has
// had the first N migrations applied.

#include "store/sqlite_connection.hpp"

namespace apicat::store {

// Brings the database to sqlite_schema_version, one transaction per migration, so that a
// crash between two leaves a store the next open carries on from. Throws apicat::Error for a
// store written by a newer apicat, or a database apicat did not create.
void migrate(Connection& db);

// For a store opened read-only, which cannot be migrated: throws apicat::Error unless it is
// at sqlite_schema_version.
void require_current_schema(Connection& db);

} // namespace apicat::store

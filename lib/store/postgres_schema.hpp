#pragma once

// The PostgreSQL store's schema, versioned in a table of its own (apicat_schema): a store at
// version N has had the first N migrations applied. The same tables as the SQLite store's
// (migrations.hpp), in PostgreSQL's types.

#include "store/postgres_connection.hpp"

#include <cstdint>

namespace apicat::store {

// The schema version this apicat writes.
inline constexpr int postgres_schema_version = 1;

// Brings the database to postgres_schema_version, one transaction per migration. Several
// processes may open a new store at once: an advisory lock lets one migrate while the others
// wait, then find the schema current. Throws apicat::Error for a store written by a newer
// apicat.
void migrate_postgres(PgConnection& db);

// True when the database holds an apicat store at postgres_schema_version; false when it has
// none yet or an older one. Throws apicat::Error for a store written by a newer apicat.
bool postgres_schema_is_current(PgConnection& db);

// The advisory lock keys apicat takes, one per purpose, so that they never meet another
// application's (pg_advisory_xact_lock(bigint)): 0x61706963 is "apic".
inline constexpr std::int64_t schema_lock = 0x6170696300000001;
inline constexpr std::int64_t change_sequence_lock = 0x6170696300000002;

} // namespace apicat::store

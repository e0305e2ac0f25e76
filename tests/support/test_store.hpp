#pragma once

// The store the end-to-end tests run apicat on. The suite runs twice (tests/CMakeLists.txt): on
// the SQLite store in each scratch home, and with APICAT_TEST_STORE=postgresql on PostgreSQL,
// where each scratch home stands for a database of its own on shared_postgres_server(). Every
// place that starts apicat takes its store from here, so a test reads the same either way.

#include "support/run_apicat.hpp"

#include "store/location.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace apicat::test {

// True when this run tests the PostgreSQL store (APICAT_TEST_STORE=postgresql); false for
// SQLite (unset or empty). Any other value is a mistake, and throws.
bool testing_postgres();

// When this run tests PostgreSQL and it is not installed: why the run cannot, which the test
// binary prints once before passing without running a test. Nothing otherwise.
std::optional<std::string> postgres_run_impossible();

// The environment that gives apicat run with `home` (its --home or APICAT_HOME) its store:
// APICAT_STORE empty, so SQLite in the home, or the URL of the home's own PostgreSQL database,
// created at its first use. Always set, so that a developer's own APICAT_STORE never reaches a
// test's apicat.
Environment store_environment_for(const std::filesystem::path& home);

// The store apicat run with `home` uses, for a test that reads or writes it in-process.
store::StoreLocation store_location_for(const std::filesystem::path& home);

// Everything the store of `home` holds, as bytes: the files of the SQLite home (none yet: empty),
// or a dump of the PostgreSQL database (pg_dump). For tests of what must never be stored, such
// as a client secret.
std::string stored_bytes(const std::filesystem::path& home);

// For the tests about the SQLite store itself (its file and modes, disk faults, old stores,
// what --home means): apicat run with `home` keeps SQLite there in the PostgreSQL run too, so
// that those tests run in both runs rather than being skipped in one.
void pin_to_sqlite(const std::filesystem::path& home);

// The home apicat run in `cwd` with `args` and `env` uses: the value of a --home among the
// arguments (before a "--"), else env's APICAT_HOME, else cwd/home (run_apicat's default);
// relative to cwd.
std::filesystem::path home_of_run(const std::vector<std::string>& args,
                                  const std::filesystem::path& cwd, const Environment& env);

} // namespace apicat::test

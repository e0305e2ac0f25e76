#pragma once

// The stores the store's contract tests run on, one doctest template case per kind:
//
//     TEST_CASE_TEMPLATE("the store keeps ...", Kind, SqliteStore, PostgresStore)
//     {
//         const auto place = Kind::fresh();
//         if (!place) {
//             return; // PostgreSQL is not installed, and the test has said so
//         }
//         auto store = place->open();
//
// Whatever the Store and Transaction interfaces promise, both stores keep: the tests of what
// only one of them has (SQLite's file, PostgreSQL's connection) are in their own files.

#include "store/store.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace apicat::test {

// Where a store is: each open() opens it as another process would, the first one creating it.
class StorePlace {
public:
    virtual ~StorePlace() = default;
    virtual std::unique_ptr<store::Store> open() const = 0;
};

struct SqliteStore {
    // A home of its own in a scratch folder, not made yet.
    static std::unique_ptr<StorePlace> fresh();
    // How the store words a write refused for naming a catalog that does not exist.
    static constexpr const char* missing_catalog_error = "FOREIGN KEY constraint failed";
};

struct PostgresStore {
    // A database of its own on shared_postgres_server(); nullptr when PostgreSQL is not
    // installed, having said so (MESSAGE).
    static std::unique_ptr<StorePlace> fresh();
    static constexpr const char* missing_catalog_error = "violates foreign key constraint";
};

} // namespace apicat::test

TYPE_TO_STRING_AS("SQLite", apicat::test::SqliteStore);
TYPE_TO_STRING_AS("PostgreSQL", apicat::test::PostgresStore);

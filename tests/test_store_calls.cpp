// The calls the store keeps for analytics: appended in batches, read per catalog from a time
// on, pruned by age and by count, and kept out of the change sequence; on every store, but for
// the SQLite store's migration to the calls table.

#include "store/sqlite_store.hpp"

#include "store/sqlite_connection.hpp"

#include "support/scratch_dir.hpp"
#include "support/store_kinds.hpp"
#include "support/store_samples.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using apicat::test::PostgresStore;
using apicat::test::ScratchDir;
using apicat::test::SqliteStore;
using apicat::test::the_beginning;

namespace store = apicat::store;

namespace {

constexpr std::uint64_t no_count_limit = std::numeric_limits<std::uint64_t>::max();

store::CallRecord pets_call_at(std::int64_t at_ms, const std::string& catalog = "shop",
                               int status = 200)
{
    return store::CallRecord{.at_ms = at_ms,
                             .catalog = catalog,
                             .app = "alpha",
                             .product = "pets",
                             .plan = "gold",
                             .api = "pet-api",
                             .operation = "GET /pets",
                             .status = status,
                             .latency_us = 1500,
                             .upstream_us = 1200};
}

void append(store::Store& store, const std::vector<store::CallRecord>& calls)
{
    store.write([&](store::Transaction& transaction) { transaction.append_calls(calls); });
}

std::vector<std::int64_t> times_of(store::Store& store, const std::string& catalog = "shop",
                                   std::int64_t since_ms = the_beginning)
{
    std::vector<std::int64_t> times;
    store.read([&](store::Transaction& transaction) {
        for (const store::CallRecord& call : transaction.calls(catalog, since_ms)) {
            times.push_back(call.at_ms);
        }
    });
    return times;
}

void prune(store::Store& store, std::int64_t older_than_ms, std::uint64_t keep_at_most)
{
    store.write([&](store::Transaction& transaction) {
        transaction.prune_calls(older_than_ms, keep_at_most);
    });
}

} // namespace

TEST_CASE_TEMPLATE("the store keeps calls with every fact, per catalog, oldest first", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    store::CallRecord refused{.at_ms = 1'700'000'000'500,
                              .catalog = "shop",
                              .app = "",
                              .product = "pets",
                              .plan = "",
                              .api = "pet-api",
                              .operation = "GET /pets/{id}",
                              .status = 401,
                              .latency_us = 87,
                              .upstream_us = -1};
    append(*store, {pets_call_at(1'700'000'000'900), pets_call_at(1'700'000'000'100, "lab"),
                    refused, pets_call_at(1'700'000'000'300)});

    std::vector<store::CallRecord> calls;
    store->read(
        [&](store::Transaction& transaction) { calls = transaction.calls("shop", the_beginning); });
    REQUIRE(calls.size() == 3);
    CHECK(calls[0].at_ms == 1'700'000'000'300);
    CHECK(calls[0].catalog == "shop");
    CHECK(calls[0].app == "alpha");
    CHECK(calls[0].product == "pets");
    CHECK(calls[0].plan == "gold");
    CHECK(calls[0].api == "pet-api");
    CHECK(calls[0].operation == "GET /pets");
    CHECK(calls[0].status == 200);
    CHECK(calls[0].latency_us == 1500);
    CHECK(calls[0].upstream_us == 1200);
    CHECK(calls[1].at_ms == refused.at_ms);
    CHECK(calls[1].app.empty());
    CHECK(calls[1].plan.empty());
    CHECK(calls[1].operation == "GET /pets/{id}");
    CHECK(calls[1].status == 401);
    CHECK(calls[1].latency_us == 87);
    CHECK(calls[1].upstream_us == -1);
    CHECK(calls[2].at_ms == 1'700'000'000'900);

    CHECK(times_of(*store, "lab") == std::vector<std::int64_t>{1'700'000'000'100});
    CHECK(times_of(*store, "staging").empty());
}

TEST_CASE_TEMPLATE("the store reads calls from a time on, that time included", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    append(*store,
           {pets_call_at(1000), pets_call_at(2000), pets_call_at(3000), pets_call_at(2000, "lab")});
    CHECK(times_of(*store, "shop", 2000) == std::vector<std::int64_t>{2000, 3000});
    CHECK(times_of(*store, "shop", 2001) == std::vector<std::int64_t>{3000});
    CHECK(times_of(*store, "shop", 3001).empty());
    CHECK(times_of(*store, "shop", 0) == std::vector<std::int64_t>{1000, 2000, 3000});
}

TEST_CASE_TEMPLATE("calls of the same millisecond are read in the order they were recorded", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    append(*store, {pets_call_at(5000, "shop", 200), pets_call_at(5000, "shop", 404)});
    append(*store, {pets_call_at(5000, "shop", 500)});
    std::vector<int> statuses;
    store->read([&](store::Transaction& transaction) {
        for (const store::CallRecord& call : transaction.calls("shop", 0)) {
            statuses.push_back(call.status);
        }
    });
    CHECK(statuses == std::vector<int>{200, 404, 500});
}

TEST_CASE_TEMPLATE("pruning calls by age deletes those before the time, of every catalog", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    append(*store,
           {pets_call_at(1000), pets_call_at(2000), pets_call_at(3000), pets_call_at(1500, "lab")});
    prune(*store, 2000, no_count_limit);
    CHECK(times_of(*store) == std::vector<std::int64_t>{2000, 3000});
    CHECK(times_of(*store, "lab").empty());
    prune(*store, 1000, no_count_limit); // nothing that old is left
    CHECK(times_of(*store) == std::vector<std::int64_t>{2000, 3000});
    prune(*store, 4000, no_count_limit);
    CHECK(times_of(*store).empty());
}

TEST_CASE_TEMPLATE("pruning calls by count keeps the newest recorded, across catalogs", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    append(*store, {pets_call_at(1000), pets_call_at(2000, "lab"), pets_call_at(3000)});
    append(*store, {pets_call_at(4000), pets_call_at(5000)});
    prune(*store, the_beginning, 10);
    CHECK(times_of(*store) == std::vector<std::int64_t>{1000, 3000, 4000, 5000});
    prune(*store, the_beginning, 5);
    CHECK(times_of(*store) == std::vector<std::int64_t>{1000, 3000, 4000, 5000});
    prune(*store, the_beginning, 3);
    CHECK(times_of(*store) == std::vector<std::int64_t>{3000, 4000, 5000});
    CHECK(times_of(*store, "lab").empty());

    // Newest as recorded, not by the time they carry: a call stamped earlier but recorded
    // later (another process's clock) is the one kept.
    append(*store, {pets_call_at(500)});
    prune(*store, the_beginning, 2);
    CHECK(times_of(*store) == std::vector<std::int64_t>{500, 5000});

    prune(*store, the_beginning, 0);
    CHECK(times_of(*store).empty());
    append(*store, {pets_call_at(6000), pets_call_at(7000)}); // and the store takes calls again
    prune(*store, the_beginning, 1);
    CHECK(times_of(*store) == std::vector<std::int64_t>{7000});
}

TEST_CASE_TEMPLATE("pruning calls applies the age first, then the count", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    append(*store,
           {pets_call_at(1000), pets_call_at(2000), pets_call_at(3000), pets_call_at(4000)});
    prune(*store, 2500, 3);
    CHECK(times_of(*store) == std::vector<std::int64_t>{3000, 4000});
}

TEST_CASE_TEMPLATE("calls are not in the change sequence: a gateway holds nothing they change",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    std::int64_t before = -1;
    store->read([&](store::Transaction& transaction) { before = transaction.last_change(); });
    append(*store, {pets_call_at(1000), pets_call_at(2000)});
    prune(*store, 1500, 1);
    store->read([&](store::Transaction& transaction) {
        CHECK(transaction.last_change() == before);
        CHECK(transaction.changes_since(before).changes.empty());
    });
}

TEST_CASE("a store of schema 3 gets the calls table when opened, keeping what it held")
{
    ScratchDir scratch;
    store::open_sqlite_store(scratch.path())->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
    });
    {
        // As apicat left stores before calls were recorded.
        store::Connection db(scratch.path() / "apicat.db");
        db.execute("DROP TABLE calls");
        db.execute("PRAGMA user_version = 3");
    }
    auto store = store::open_sqlite_store(scratch.path());
    append(*store, {pets_call_at(1000)});
    CHECK(times_of(*store) == std::vector<std::int64_t>{1000});
    store->read([](store::Transaction& transaction) { CHECK(transaction.find_catalog("shop")); });
    store::Connection db(scratch.path() / "apicat.db");
    store::Statement version(db, "PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.integer(0) == 4);
}

// Recording calls within the bounds: appended and pruned in one write.

#include "analytics/retention.hpp"

#include "store/call_batch.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_store.hpp"

#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

using apicat::test::ScratchDir;

namespace analytics = apicat::analytics;
namespace store = apicat::store;

namespace {

constexpr std::int64_t day_ms = 24 * 60 * 60 * 1000;
constexpr std::int64_t now_ms = 1'750'000'000'000;

store::CallRecord call_kept_at(std::int64_t at_ms)
{
    store::CallRecord call;
    call.at_ms = at_ms;
    call.catalog = "sandbox";
    call.status = 200;
    return call;
}

std::vector<std::int64_t> kept(store::Store& store)
{
    std::vector<std::int64_t> times;
    store.read([&](store::Transaction& transaction) {
        for (const store::CallRecord& call :
             transaction.calls("sandbox", std::numeric_limits<std::int64_t>::min())) {
            times.push_back(call.at_ms);
        }
    });
    return times;
}

} // namespace

TEST_CASE("calls are kept 30 days and at most a million")
{
    CHECK(analytics::calls_kept_for == std::chrono::days(30));
    CHECK(analytics::calls_kept_at_most == 1'000'000);
}

TEST_CASE("recording calls prunes those older than 30 days, in the same write")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    const std::vector<store::CallRecord> old{call_kept_at(now_ms - 31 * day_ms),
                                             call_kept_at(now_ms - 30 * day_ms)};
    analytics::record_calls(*store, old, now_ms - 31 * day_ms);
    CHECK(kept(*store).size() == 2);

    const std::vector<store::CallRecord> recent{call_kept_at(now_ms - 1), call_kept_at(now_ms)};
    analytics::record_calls(*store, recent, now_ms);
    // 30 days to the millisecond is still kept.
    CHECK(kept(*store) == std::vector<std::int64_t>{now_ms - 30 * day_ms, now_ms - 1, now_ms});
}

TEST_CASE("recording calls keeps at most the newest million")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    analytics::record_calls(*store, std::vector<store::CallRecord>{call_kept_at(now_ms - 3)},
                            now_ms);
    {
        // A million calls recorded since, as the store counts them: the store numbers calls
        // in the order recorded (docs/analytics.md), so one batch holding the millionth
        // stands in for them, rather than a test that writes a million calls.
        store::Connection db(scratch.path() / "apicat.db");
        const std::vector<store::CallRecord> millionth{call_kept_at(now_ms - 2)};
        store::Statement insert(db, "INSERT INTO calls (first_ms, last_ms, first_number, "
                                    "last_number, batch) VALUES (?1, ?1, 1000000, 1000000, ?2)");
        insert.bind(1, now_ms - 2)
            .bind_blob(2, store::encode_call_batch(millionth, 1000000, now_ms - 2))
            .run();
    }
    CHECK(kept(*store) == std::vector<std::int64_t>{now_ms - 3, now_ms - 2});
    analytics::record_calls(*store, std::vector<store::CallRecord>{call_kept_at(now_ms)}, now_ms);
    CHECK(kept(*store) == std::vector<std::int64_t>{now_ms - 2, now_ms});
}

TEST_CASE("recording no calls writes nothing")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    const std::uint64_t before = store->data_version();
    analytics::record_calls(*store, {}, now_ms);
    CHECK(store->data_version() == before);
}

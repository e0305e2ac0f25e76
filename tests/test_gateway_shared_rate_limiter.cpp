// The rate limiter of gateways that share a store: one budget for all of them, counted in the
// store, and counted in memory while the store cannot be reached. A real SQLite store stands in
// for the shared one here (test_e2e_team_catalog.cpp runs gateways on a real PostgreSQL).

#include "gateway/rate_limiter.hpp"
#include "gateway/shared_rate_limiter.hpp"
#include "product/rate_limit.hpp"
#include "store/sqlite_store.hpp"
#include "support/scratch_dir.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace apicat;

namespace {

const product::RateLimit three_an_hour = product::parse_rate_limit("3/1hour");
constexpr std::int64_t now = 1'700'000'000;
constexpr const char* window_key = "sandbox/app/product/plan/rate/default";

// Opens the store in `home`, or fails as a database that is down does, while `down` is set.
struct Opener {
    std::filesystem::path home;
    std::atomic<bool>* down;
    std::atomic<int>* opened;

    std::unique_ptr<store::Store> operator()() const
    {
        if (*down) {
            throw Error("cannot connect to the store: the server is down");
        }
        ++*opened;
        return store::open_sqlite_store(home);
    }
};

} // namespace

TEST_CASE("gateways sharing a store share one budget per key")
{
    test::ScratchDir scratch;
    std::atomic<bool> down{false};
    std::atomic<int> opened{0};
    auto one = gateway::make_shared_rate_limiter(Opener{scratch.path(), &down, &opened});
    auto two = gateway::make_shared_rate_limiter(Opener{scratch.path(), &down, &opened});

    CHECK(one->take(window_key, three_an_hour, now).allowed);
    CHECK(two->take(window_key, three_an_hour, now).allowed);
    const gateway::RateVerdict third = one->take(window_key, three_an_hour, now);
    CHECK(third.allowed);
    CHECK(third.remaining == 0);
    CHECK_FALSE(two->take(window_key, three_an_hour, now).allowed);
    CHECK_FALSE(one->take(window_key, three_an_hour, now).allowed);
    // A connection per limiter, kept from one call to the next.
    CHECK(opened == 2);
}

TEST_CASE("a shared limiter counts in memory while its store is away, and says so once")
{
    test::ScratchDir scratch;
    std::atomic<bool> down{false};
    std::atomic<int> opened{0};
    int unavailable = 0;
    int restored = 0;
    gateway::SharedRateLimiterEvents events;
    events.unavailable = [&](const std::exception&) { ++unavailable; };
    events.restored = [&] { ++restored; };

    down = true;
    auto limiter =
        gateway::make_shared_rate_limiter(Opener{scratch.path(), &down, &opened}, events);
    // Fail open, but bounded: the plan's limit still holds within this gateway.
    CHECK(limiter->take(window_key, three_an_hour, now).allowed);
    CHECK(limiter->take(window_key, three_an_hour, now).allowed);
    CHECK(limiter->take(window_key, three_an_hour, now).allowed);
    CHECK_FALSE(limiter->take(window_key, three_an_hour, now).allowed);
    CHECK(unavailable == 1);
    CHECK(restored == 0);

    // Back: the store is tried again a second after it failed, and counts from what it holds.
    down = false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(limiter->take(window_key, three_an_hour, now).allowed);
    CHECK(restored == 1);
    CHECK(unavailable == 1);
    CHECK(opened == 1);
}

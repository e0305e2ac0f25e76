// Rate-limit windows when the clock jumps. The clock is a number passed in: no test here
// changes the machine's clock or waits for it.

#include "gateway/engine.hpp"
#include "gateway/rate_window.hpp"
#include "product/rate_limit.hpp"
#include "store/sqlite_store.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace apicat;
using gateway::RateVerdict;

namespace {

const product::RateLimit two_a_minute = product::parse_rate_limit("2/1minute");
constexpr std::int64_t minute = 1'000'000'020; // a window starts here

using Take = std::function<RateVerdict(std::int64_t now)>;

// The rules every limiter follows, whatever keeps its counts.
void check_clock_rules(const Take& take)
{
    CHECK(take(minute + 10).allowed);
    CHECK(take(minute + 20).allowed);
    RateVerdict refused = take(minute + 30);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.remaining == 0);
    CHECK(refused.retry_after_seconds == 30);

    // Stepped back an hour: the two calls made still count, so no extra call gets in, and the
    // caller waits for the end of the window the clock is in now, not for an hour.
    RateVerdict back = take(minute - 3600 + 50);
    CHECK_FALSE(back.allowed);
    CHECK(back.retry_after_seconds == 10);

    // Forward into the next window (of the clock as it is now): a fresh count.
    CHECK(take(minute - 3600 + 60).allowed);
    CHECK(take(minute - 3600 + 61).allowed);
    CHECK_FALSE(take(minute - 3600 + 62).allowed);

    // Forward by a day: fresh again.
    RateVerdict later = take(minute + 86400);
    CHECK(later.allowed);
    CHECK(later.remaining == 1);
}

} // namespace

TEST_CASE("a rate window counts calls until the clock enters the next window")
{
    std::optional<store::RateWindow> window;
    CHECK(gateway::take_call(window, two_a_minute, minute).remaining == 1);
    CHECK(window->start == minute);
    CHECK(gateway::take_call(window, two_a_minute, minute + 59).allowed);
    CHECK_FALSE(gateway::take_call(window, two_a_minute, minute + 59).allowed);
    CHECK(window->count == 2); // a refused call is not counted
    CHECK(gateway::take_call(window, two_a_minute, minute + 60).allowed);
    CHECK(window->start == minute + 60);
    CHECK(window->count == 1);
}

TEST_CASE("a rate window before 1970 starts on a whole window too")
{
    std::optional<store::RateWindow> window;
    CHECK(gateway::take_call(window, two_a_minute, -1).allowed);
    CHECK(window->start == -60);
    CHECK(gateway::take_call(window, two_a_minute, -60).allowed);
    RateVerdict refused = gateway::take_call(window, two_a_minute, -59);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retry_after_seconds == 59);
}

TEST_CASE("a rate window whose limit was lowered below its count refuses and has none left")
{
    std::optional<store::RateWindow> window = store::RateWindow{minute, 5};
    RateVerdict verdict = gateway::take_call(window, two_a_minute, minute + 1);
    CHECK_FALSE(verdict.allowed);
    CHECK(verdict.remaining == 0);
}

TEST_CASE("an unlimited plan is never refused and keeps no window")
{
    std::optional<store::RateWindow> window;
    CHECK(gateway::take_call(window, product::parse_rate_limit("unlimited"), minute).allowed);
    CHECK_FALSE(window.has_value());
}

TEST_CASE("the gateway's in-memory rate limiter keeps its counts when the clock goes back")
{
    auto limiter = gateway::make_memory_rate_limiter();
    check_clock_rules(
        [&](std::int64_t now) { return limiter->take("sandbox/a/p/default", two_a_minute, now); });
    // Keys count apart.
    CHECK(limiter->take("sandbox/b/p/default", two_a_minute, minute + 86400).remaining == 1);
}

TEST_CASE("invoke's rate limiter in the store keeps its counts when the clock goes back")
{
    test::ScratchDir dir;
    auto store = store::open_sqlite_store(dir.path());
    auto limiter = gateway::make_store_rate_limiter(*store);
    check_clock_rules(
        [&](std::int64_t now) { return limiter->take("sandbox/a/p/default", two_a_minute, now); });
    // Another process (another store connection) sees the same window.
    auto other_store = store::open_sqlite_store(dir.path());
    auto other = gateway::make_store_rate_limiter(*other_store);
    CHECK(other->take("sandbox/a/p/default", two_a_minute, minute + 86400).remaining == 0);
}

TEST_CASE("the in-memory rate limiter counts a call with more limits than fit on its stack")
{
    // The limiter keeps a call's few windows on the stack; past that they go to the heap, and
    // the call still counts against all of them, or none.
    std::unique_ptr<gateway::RateLimiter> limiter = gateway::make_memory_rate_limiter();
    const product::RateLimit two = product::parse_rate_limit("2/1hour");
    const product::RateLimit three = product::parse_rate_limit("3/1hour");
    std::vector<std::string> keys;
    for (int i = 0; i < 64; ++i) {
        keys.push_back("sandbox/app/product/plan/rate/limit-" + std::to_string(i));
    }
    std::vector<gateway::RateCount> counts;
    for (int i = 0; i < 64; ++i) {
        counts.push_back({keys[i], i == 63 ? &two : &three, true});
    }
    CHECK(limiter->take(counts, minute)[0].remaining == 2);
    CHECK(limiter->take(counts, minute)[63].remaining == 0);
    const std::vector<RateVerdict> refused = limiter->take(counts, minute);
    CHECK_FALSE(refused[63].allowed); // the last limit is full: no limit counts this call
    CHECK(refused[0].allowed);
    CHECK(refused[0].remaining == 1);
}

TEST_CASE("the gateway's in-memory rate limiter counts exactly under concurrent calls")
{
    // Threads call at once for one app's two limits and for other apps of their own: the
    // shared app is allowed exactly its limit, each other app its own, and a refused call
    // takes nothing from the soft limit it also counts against.
    std::unique_ptr<gateway::RateLimiter> limiter = gateway::make_memory_rate_limiter();
    const product::RateLimit hundred = product::parse_rate_limit("100/1hour");
    const product::RateLimit thousand = product::parse_rate_limit("1000/1hour");
    constexpr int threads = 8;
    constexpr int calls = 500;
    std::atomic<int> shared_allowed{0};
    std::vector<int> own_allowed(threads, 0);
    std::vector<std::thread> running;
    for (int thread = 0; thread < threads; ++thread) {
        running.emplace_back([&, thread] {
            const std::string own = "sandbox/app-" + std::to_string(thread) + "/p/plan/rate/r";
            for (int call = 0; call < calls; ++call) {
                const std::vector<gateway::RateVerdict> verdicts =
                    limiter->take({{"sandbox/shared/p/plan/rate/hard", &hundred, true},
                                   {"sandbox/shared/p/plan/rate/soft", &thousand, false}},
                                  1'000'000'000);
                shared_allowed += verdicts[0].allowed ? 1 : 0;
                own_allowed[thread] += limiter->take(own, hundred, 1'000'000'000).allowed ? 1 : 0;
            }
        });
    }
    for (std::thread& thread : running) {
        thread.join();
    }
    CHECK(shared_allowed == 100);
    for (int allowed : own_allowed) {
        CHECK(allowed == 100);
    }
    const std::vector<gateway::RateVerdict> after =
        limiter->take({{"sandbox/shared/p/plan/rate/soft", &thousand, false}}, 1'000'000'000);
    CHECK(after[0].remaining == 1000 - 101);
}

// What the recorded calls say: counts, errors, nearest-rank percentiles, groups, minutes, and
// the command's words for a duration and a grouping.

#include "analytics/call_summary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace analytics = apicat::analytics;
namespace store = apicat::store;

using analytics::GroupBy;
using std::chrono::seconds;

namespace {

store::CallRecord summarized_call(int status, std::int64_t latency_us,
                                  const std::string& app = "alpha", std::int64_t at_ms = 0)
{
    return store::CallRecord{.at_ms = at_ms,
                             .catalog = "sandbox",
                             .app = app,
                             .product = "weather-product",
                             .plan = app.empty() ? "" : "default",
                             .api = "weather",
                             .operation = "GET /current",
                             .status = status,
                             .latency_us = latency_us,
                             .upstream_us = -1};
}

// Calls of 1, 2, ... `count` milliseconds, shuffled: the summary must sort them itself.
std::vector<store::CallRecord> calls_of_1_to(int count)
{
    std::vector<store::CallRecord> calls;
    for (int ms = 1; ms <= count; ++ms) {
        calls.push_back(summarized_call(200, ms * 1000));
    }
    std::shuffle(calls.begin(), calls.end(), std::mt19937(15));
    return calls;
}

std::vector<std::string> keys_of(const std::vector<analytics::Summary>& groups)
{
    std::vector<std::string> keys;
    for (const analytics::Summary& group : groups) {
        keys.push_back(group.key);
    }
    return keys;
}

} // namespace

TEST_CASE("percentiles are by nearest rank over the calls' latencies")
{
    const analytics::Summary hundred = analytics::summarize(calls_of_1_to(100));
    CHECK(hundred.key.empty());
    CHECK(hundred.calls == 100);
    CHECK(hundred.p50_ms == 50);
    CHECK(hundred.p95_ms == 95);
    CHECK(hundred.p99_ms == 99);

    // Rank ceil(p/100 * n): p95 of 20 is the 19th, p99 the 20th, p50 the 10th.
    const analytics::Summary twenty = analytics::summarize(calls_of_1_to(20));
    CHECK(twenty.p50_ms == 10);
    CHECK(twenty.p95_ms == 19);
    CHECK(twenty.p99_ms == 20);

    // Of 3: p50 the 2nd (rank 1.5 rounded up), p95 and p99 the 3rd.
    const analytics::Summary three = analytics::summarize(calls_of_1_to(3));
    CHECK(three.p50_ms == 2);
    CHECK(three.p95_ms == 3);
    CHECK(three.p99_ms == 3);

    const analytics::Summary one = analytics::summarize(std::vector{summarized_call(200, 1234)});
    CHECK(one.p50_ms == doctest::Approx(1.234));
    CHECK(one.p95_ms == doctest::Approx(1.234));
    CHECK(one.p99_ms == doctest::Approx(1.234));
}

TEST_CASE("an error is a call answered with status 400 or more")
{
    const std::vector<store::CallRecord> calls{summarized_call(200, 1), summarized_call(304, 1),
                                               summarized_call(399, 1), summarized_call(400, 1),
                                               summarized_call(429, 1), summarized_call(502, 1),
                                               summarized_call(504, 1)};
    const analytics::Summary summary = analytics::summarize(calls);
    CHECK(summary.calls == 7);
    CHECK(summary.errors == 4);
}

TEST_CASE("a summary of no calls is all zeros")
{
    const analytics::Summary none = analytics::summarize({});
    CHECK(none.key.empty());
    CHECK(none.calls == 0);
    CHECK(none.errors == 0);
    CHECK(none.p50_ms == 0);
    CHECK(none.p95_ms == 0);
    CHECK(none.p99_ms == 0);
    CHECK(analytics::summarize_by({}, GroupBy::status).empty());
    CHECK(analytics::per_minute({}).empty());
}

TEST_CASE("calls grouped by status: most calls first, each group with its own figures")
{
    const std::vector<store::CallRecord> calls{
        summarized_call(401, 100),  summarized_call(200, 3000), summarized_call(200, 1000),
        summarized_call(500, 9000), summarized_call(200, 2000), summarized_call(401, 300)};
    const std::vector<analytics::Summary> groups = analytics::summarize_by(calls, GroupBy::status);
    REQUIRE(keys_of(groups) == std::vector<std::string>{"200", "401", "500"});
    CHECK(groups[0].calls == 3);
    CHECK(groups[0].errors == 0);
    CHECK(groups[0].p50_ms == 2);
    CHECK(groups[0].p99_ms == 3);
    CHECK(groups[1].calls == 2);
    CHECK(groups[1].errors == 2);
    CHECK(groups[1].p50_ms == doctest::Approx(0.1));
    CHECK(groups[1].p95_ms == doctest::Approx(0.3));
    CHECK(groups[2].calls == 1);
    CHECK(groups[2].errors == 1);
    CHECK(groups[2].p50_ms == 9);
}

TEST_CASE("groups with as many calls are in the order of their keys, none (\"\") first")
{
    const std::vector<store::CallRecord> calls{
        summarized_call(200, 1, "zeta"), summarized_call(200, 1, "beta"),
        summarized_call(401, 1, ""),     summarized_call(200, 1, "beta"),
        summarized_call(200, 1, "zeta"), summarized_call(200, 1, "alpha")};
    CHECK(keys_of(analytics::summarize_by(calls, GroupBy::app)) ==
          std::vector<std::string>{"beta", "zeta", "", "alpha"});
    CHECK(keys_of(analytics::summarize_by(calls, GroupBy::plan)) ==
          std::vector<std::string>{"default", ""});
}

TEST_CASE("calls grouped by operation are keyed by API and operation, none when not routed")
{
    store::CallRecord forecast = summarized_call(200, 1);
    forecast.operation = "GET /forecast";
    store::CallRecord other_api = summarized_call(200, 1);
    other_api.api = "weather-v2";
    store::CallRecord unrouted = summarized_call(404, 1, "");
    unrouted.api.clear();
    unrouted.operation.clear();
    unrouted.product.clear();
    const std::vector<store::CallRecord> calls{summarized_call(200, 1), forecast, other_api,
                                               unrouted, summarized_call(401, 1, "")};
    const std::vector<analytics::Summary> groups =
        analytics::summarize_by(calls, GroupBy::operation);
    CHECK(keys_of(groups) == std::vector<std::string>{"weather GET /current", "",
                                                      "weather GET /forecast",
                                                      "weather-v2 GET /current"});
    CHECK(groups[0].calls == 2);
    CHECK(groups[0].errors == 1);
}

TEST_CASE("calls per minute: by status class, oldest first, minutes without calls left out")
{
    constexpr std::int64_t minute = 60'000;
    constexpr std::int64_t start = 28'000'000 * minute; // a whole minute, in 2023
    const std::vector<store::CallRecord> calls{
        summarized_call(500, 1, "a", start + 3 * minute + 59'999),
        summarized_call(200, 1, "a", start + 5),
        summarized_call(101, 1, "a", start),
        summarized_call(302, 1, "a", start + minute - 1),
        summarized_call(404, 1, "a", start + 3 * minute),
        summarized_call(429, 1, "a", start + 3 * minute + 1),
        summarized_call(204, 1, "a", start + 4 * minute)};
    const std::vector<analytics::MinuteCounts> minutes = analytics::per_minute(calls);
    REQUIRE(minutes.size() == 3);
    CHECK(minutes[0].minute_ms == start);
    CHECK(minutes[0].ok == 2);
    CHECK(minutes[0].redirect == 1);
    CHECK(minutes[0].client_error == 0);
    CHECK(minutes[0].server_error == 0);
    CHECK(minutes[1].minute_ms == start + 3 * minute);
    CHECK(minutes[1].ok == 0);
    CHECK(minutes[1].client_error == 2);
    CHECK(minutes[1].server_error == 1);
    CHECK(minutes[2].minute_ms == start + 4 * minute);
    CHECK(minutes[2].ok == 1);
}

TEST_CASE("a call before 1970 counts in the minute it falls in, not the one after")
{
    const std::vector<analytics::MinuteCounts> minutes =
        analytics::per_minute(std::vector{summarized_call(200, 1, "a", -1)});
    REQUIRE(minutes.size() == 1);
    CHECK(minutes[0].minute_ms == -60'000);
}

TEST_CASE("a summary as JSON has its key, counts and percentiles, in that order")
{
    const analytics::Summary summary{
        .key = "401", .calls = 3, .errors = 3, .p50_ms = 0.25, .p95_ms = 1.5, .p99_ms = 2};
    CHECK(analytics::summary_json(summary).dump() ==
          R"({"key":"401","calls":3,"errors":3,"p50_ms":0.25,"p95_ms":1.5,"p99_ms":2.0})");
}

TEST_CASE("a duration is a positive whole number and one of s, m, h, d")
{
    CHECK(analytics::parse_duration("90s") == seconds(90));
    CHECK(analytics::parse_duration("15m") == seconds(15 * 60));
    CHECK(analytics::parse_duration("1h") == seconds(3600));
    CHECK(analytics::parse_duration("7d") == seconds(7 * 86400));
    CHECK(analytics::parse_duration("007m") == seconds(7 * 60));
    CHECK(analytics::parse_duration("100000d") == seconds(100000LL * 86400));
    for (const char* malformed :
         {"", "s", "m", "5", "2x", "5M", "5ms", "-5m", "+5m", "1.5h", " 5m", "5m ", "5 m", "0s",
          "0d", "1h30m", "h1", "99999999999999999999d", "9223372036854775807s"}) {
        CAPTURE(malformed);
        CHECK_FALSE(analytics::parse_duration(malformed).has_value());
    }
}

TEST_CASE("calls are grouped by app, operation, status or plan, by those words only")
{
    CHECK(analytics::parse_group_by("app") == GroupBy::app);
    CHECK(analytics::parse_group_by("operation") == GroupBy::operation);
    CHECK(analytics::parse_group_by("status") == GroupBy::status);
    CHECK(analytics::parse_group_by("plan") == GroupBy::plan);
    for (const char* other : {"", "App", "apps", "product", "status "}) {
        CAPTURE(other);
        CHECK_FALSE(analytics::parse_group_by(other).has_value());
    }
    for (GroupBy by : analytics::every_group_by) {
        CHECK(analytics::parse_group_by(analytics::group_by_name(by)) == by);
    }
}

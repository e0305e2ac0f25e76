#pragma once

// What the recorded calls say (docs/analytics.md): how many, how many failed, how long they
// took, as a whole, per group (app, operation, status, plan) and per minute. Pure functions
// of the calls, which the command and the gateway's pages read from the store.
//
// An error is a call answered with a status of 400 or more: the gateway's refusals (401, 403,
// 404, 429) as well as the upstream's failures and the 502/504 of one that failed.
// Percentiles are by nearest rank over latency_us: the p-th percentile of n latencies sorted
// ascending is the one at rank ceil(p/100 * n), a latency that was actually measured.

#include "json.hpp"
#include "store/store.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::analytics {

enum class GroupBy { app, operation, status, plan };
inline constexpr GroupBy every_group_by[] = {GroupBy::app, GroupBy::operation, GroupBy::status,
                                             GroupBy::plan};

struct Summary {
    std::string key; // the group's: "weather GET /current", "401", an app or plan name; "" for none
    std::uint64_t calls = 0;
    std::uint64_t errors = 0;                  // status >= 400
    double p50_ms = 0, p95_ms = 0, p99_ms = 0; // latency, in milliseconds with a fraction
};

// All of `calls` as one summary, with key "". No calls: every figure 0.
Summary summarize(std::span<const store::CallRecord> calls);

// One summary per group, most calls first, then by key.
std::vector<Summary> summarize_by(std::span<const store::CallRecord> calls, GroupBy by);

// The calls of one clock minute, by status class.
struct MinuteCounts {
    std::int64_t minute_ms = 0; // the minute's start, milliseconds since the epoch
    // 1xx and 2xx, 3xx, 4xx, 5xx
    std::uint64_t ok = 0, redirect = 0, client_error = 0, server_error = 0;
};

// Oldest first; minutes with no call are left out.
std::vector<MinuteCounts> per_minute(std::span<const store::CallRecord> calls);

// {"key","calls","errors","p50_ms","p95_ms","p99_ms"}
Json summary_json(const Summary& summary);

// "90s", "15m", "1h", "7d": a positive whole number and one unit. Nothing when malformed, or
// too long to take away from a time in milliseconds since the epoch.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);

// "app", "operation", "status", "plan". Nothing for anything else.
std::optional<GroupBy> parse_group_by(std::string_view text);

// The word parse_group_by reads for `by`.
std::string_view group_by_name(GroupBy by);

} // namespace apicat::analytics

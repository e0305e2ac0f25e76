#include "analytics/call_summary.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

namespace apicat::analytics {

namespace {

bool is_error(const store::CallRecord& call)
{
    return call.status >= 400;
}

// Nearest rank over latencies sorted ascending: the value at rank ceil(p/100 * n), 1-based.
// Computed in whole numbers so that p95 of 20 calls is the 19th, not the 20th that a
// floating-point 0.95 * 20 = 19.000000000000004 would give.
double percentile_ms(const std::vector<std::int64_t>& sorted_us, unsigned percent)
{
    if (sorted_us.empty()) {
        return 0;
    }
    const std::uint64_t n = sorted_us.size();
    const std::uint64_t rank = std::max<std::uint64_t>(1, (percent * n + 99) / 100);
    return static_cast<double>(sorted_us[rank - 1]) / 1000.0;
}

Summary summary_of(std::string key, const std::vector<const store::CallRecord*>& calls)
{
    Summary summary{.key = std::move(key)};
    std::vector<std::int64_t> latencies;
    latencies.reserve(calls.size());
    for (const store::CallRecord* call : calls) {
        ++summary.calls;
        summary.errors += is_error(*call) ? 1 : 0;
        latencies.push_back(call->latency_us);
    }
    std::sort(latencies.begin(), latencies.end());
    summary.p50_ms = percentile_ms(latencies, 50);
    summary.p95_ms = percentile_ms(latencies, 95);
    summary.p99_ms = percentile_ms(latencies, 99);
    return summary;
}

std::string group_key(const store::CallRecord& call, GroupBy by)
{
    switch (by) {
    case GroupBy::app:
        return call.app;
    case GroupBy::operation:
        // The API's name tells apart operations of the same method and path in two APIs.
        if (call.operation.empty()) {
            return {};
        }
        return call.api.empty() ? call.operation : call.api + " " + call.operation;
    case GroupBy::status:
        return std::to_string(call.status);
    case GroupBy::plan:
        break;
    }
    return call.plan;
}

std::int64_t minute_of(std::int64_t at_ms)
{
    constexpr std::int64_t minute_ms = 60'000;
    // Rounded down for times before the epoch too, which plain division rounds up.
    std::int64_t minute = at_ms / minute_ms;
    if (at_ms % minute_ms < 0) {
        --minute;
    }
    return minute * minute_ms;
}

} // namespace

Summary summarize(std::span<const store::CallRecord> calls)
{
    std::vector<const store::CallRecord*> all;
    all.reserve(calls.size());
    for (const store::CallRecord& call : calls) {
        all.push_back(&call);
    }
    return summary_of("", all);
}

std::vector<Summary> summarize_by(std::span<const store::CallRecord> calls, GroupBy by)
{
    std::map<std::string, std::vector<const store::CallRecord*>> groups;
    for (const store::CallRecord& call : calls) {
        groups[group_key(call, by)].push_back(&call);
    }
    std::vector<Summary> summaries;
    summaries.reserve(groups.size());
    for (auto& [key, members] : groups) {
        summaries.push_back(summary_of(key, members));
    }
    // Stable: groups of as many calls stay in the map's order, the key's.
    std::stable_sort(summaries.begin(), summaries.end(),
                     [](const Summary& a, const Summary& b) { return a.calls > b.calls; });
    return summaries;
}

std::vector<MinuteCounts> per_minute(std::span<const store::CallRecord> calls)
{
    std::map<std::int64_t, MinuteCounts> minutes;
    for (const store::CallRecord& call : calls) {
        const std::int64_t minute = minute_of(call.at_ms);
        MinuteCounts& counts = minutes[minute];
        counts.minute_ms = minute;
        if (call.status >= 500) {
            ++counts.server_error;
        } else if (call.status >= 400) {
            ++counts.client_error;
        } else if (call.status >= 300) {
            ++counts.redirect;
        } else {
            ++counts.ok;
        }
    }
    std::vector<MinuteCounts> result;
    result.reserve(minutes.size());
    for (const auto& [minute, counts] : minutes) {
        result.push_back(counts);
    }
    return result;
}

Json summary_json(const Summary& summary)
{
    return {{"key", summary.key},       {"calls", summary.calls},   {"errors", summary.errors},
            {"p50_ms", summary.p50_ms}, {"p95_ms", summary.p95_ms}, {"p99_ms", summary.p99_ms}};
}

std::optional<std::chrono::seconds> parse_duration(std::string_view text)
{
    if (text.size() < 2) {
        return std::nullopt;
    }
    std::int64_t unit = 0;
    switch (text.back()) {
    case 's':
        unit = 1;
        break;
    case 'm':
        unit = 60;
        break;
    case 'h':
        unit = 3600;
        break;
    case 'd':
        unit = 86400;
        break;
    default:
        return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    // from_chars alone would take a leading '-'.
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    std::int64_t count = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (error != std::errc() || end != digits.data() + digits.size() || count == 0) {
        return std::nullopt;
    }
    // In milliseconds too, as the command takes it away from the time now.
    if (count > std::numeric_limits<std::int64_t>::max() / unit / 1000) {
        return std::nullopt;
    }
    return std::chrono::seconds(count * unit);
}

std::optional<GroupBy> parse_group_by(std::string_view text)
{
    for (GroupBy by : every_group_by) {
        if (group_by_name(by) == text) {
            return by;
        }
    }
    return std::nullopt;
}

std::string_view group_by_name(GroupBy by)
{
    switch (by) {
    case GroupBy::app:
        return "app";
    case GroupBy::operation:
        return "operation";
    case GroupBy::status:
        return "status";
    case GroupBy::plan:
        break;
    }
    return "plan";
}

} // namespace apicat::analytics

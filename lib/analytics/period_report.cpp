#include "analytics/period_report.hpp"

#include "analytics/call_summary.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace apicat::analytics {

namespace {

Json top_groups(std::span<const store::CallRecord> calls, GroupBy by, std::size_t top)
{
    Json listed = Json::array();
    const std::vector<Summary> groups = summarize_by(calls, by);
    for (std::size_t i = 0; i < std::min(top, groups.size()); ++i) {
        listed.push_back(summary_json(groups[i]));
    }
    return listed;
}

} // namespace

Json period_report(const std::string& catalog, std::int64_t since_ms,
                   std::span<const store::CallRecord> calls, std::size_t top)
{
    const Summary summary = summarize(calls);
    Json minutes = Json::array();
    for (const MinuteCounts& minute : per_minute(calls)) {
        minutes.push_back({{"minute", rfc3339_utc(minute.minute_ms)},
                           {"2xx", minute.ok},
                           {"3xx", minute.redirect},
                           {"4xx", minute.client_error},
                           {"5xx", minute.server_error}});
    }
    return {{"catalog", catalog},
            {"since", rfc3339_utc(since_ms)},
            {"calls", summary.calls},
            {"errors", summary.errors},
            {"p50_ms", summary.p50_ms},
            {"p95_ms", summary.p95_ms},
            {"p99_ms", summary.p99_ms},
            {"per_minute", std::move(minutes)},
            {"top_apps", top_groups(calls, GroupBy::app, top)},
            {"top_operations", top_groups(calls, GroupBy::operation, top)}};
}

std::string rfc3339_utc(std::int64_t ms)
{
    const std::chrono::sys_seconds time{
        std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(ms))};
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", time);
}

} // namespace apicat::analytics

#pragma once

// What the Explore page's analytics view shows of a stretch of time (docs/analytics.md): the
// totals and latency percentiles, the calls of each minute by status class for its chart, and
// the apps and operations with the most calls.

#include "json.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace apicat::analytics {

// {"catalog","since","calls","errors","p50_ms","p95_ms","p99_ms",
//  "per_minute":[{"minute","2xx","3xx","4xx","5xx"}],"top_apps":[summary_json…],
//  "top_operations":[…]}; times in RFC 3339, the top lists at most `top` long.
Json period_report(const std::string& catalog, std::int64_t since_ms,
                   std::span<const store::CallRecord> calls, std::size_t top = 10);

// "2026-12-06T21:30:00Z": milliseconds since the epoch, to the second, in UTC.
std::string rfc3339_utc(std::int64_t ms);

} // namespace apicat::analytics

// apicat analytics: what the calls through a catalog's gateway did — how many, how many failed,
// how long they took — over everything kept or a recent stretch, as a whole or per app,
// operation, status or plan (docs/analytics.md).

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "analytics/call_summary.hpp"
#include "analytics/period_report.hpp"
#include "analytics/retention.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>

namespace apicat::cli {

namespace {

struct AnalyticsOptions {
    std::string catalog = catalog::default_catalog;
    std::string since;
    std::string by;
};

std::vector<std::string> group_by_names()
{
    std::vector<std::string> names;
    for (analytics::GroupBy by : analytics::every_group_by) {
        names.emplace_back(analytics::group_by_name(by));
    }
    return names;
}

std::optional<analytics::GroupBy> group_by_option(const std::string& text)
{
    if (text.empty()) {
        return std::nullopt;
    }
    if (std::optional<analytics::GroupBy> by = analytics::parse_group_by(text)) {
        return by;
    }
    const std::string hint = util::did_you_mean(text, group_by_names());
    throw UsageError(
        fmt::format("invalid --by '{}': calls are grouped by app, operation, status or plan", text),
        hint.empty() ? "for example --by status" : hint);
}

// "1,000,000"
std::string with_thousands(std::uint64_t number)
{
    std::string digits = std::to_string(number);
    for (auto at = static_cast<std::ptrdiff_t>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return digits;
}

// The first millisecond --since takes in; none given: every call kept. A duration reaching
// before 1970 takes in everything since then, which is every call a clock could have stamped.
std::optional<std::int64_t> since_option(const std::string& text, std::int64_t now)
{
    if (text.empty()) {
        return std::nullopt;
    }
    const std::optional<std::chrono::seconds> ago = analytics::parse_duration(text);
    if (!ago) {
        throw UsageError(
            fmt::format("invalid --since '{}': not a duration", text),
            "give a whole number of seconds, minutes, hours or days: 90s, 15m, 1h or 7d");
    }
    // parse_duration keeps the duration within what milliseconds since the epoch can hold.
    const std::int64_t ago_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*ago).count();
    return std::max<std::int64_t>(0, now - ago_ms);
}

std::string milliseconds_text(double ms)
{
    return fmt::format("{:.2f}", ms);
}

// "(none)" rather than an empty cell, which would shift the row's columns for the eye.
std::string key_text(const std::string& key)
{
    return key.empty() ? "(none)" : key;
}

void print_text(const AnalyticsOptions& options, std::optional<std::int64_t> since,
                std::optional<analytics::GroupBy> by, const std::vector<store::CallRecord>& calls,
                const GlobalOptions& global)
{
    const std::string stretch = since ? " since " + analytics::rfc3339_utc(*since) : "";
    if (calls.empty()) {
        print_line(global, fmt::format("no calls recorded in catalog '{}'{}", options.catalog,
                                       since ? stretch : " yet"));
        return;
    }
    if (by) {
        const std::string column = util::to_upper(std::string(analytics::group_by_name(*by)));
        std::vector<std::vector<std::string>> rows;
        for (const analytics::Summary& group : analytics::summarize_by(calls, *by)) {
            rows.push_back({key_text(group.key), std::to_string(group.calls),
                            std::to_string(group.errors), milliseconds_text(group.p50_ms),
                            milliseconds_text(group.p95_ms), milliseconds_text(group.p99_ms)});
        }
        print_table(global, {column, "CALLS", "ERRORS", "P50-MS", "P95-MS", "P99-MS"}, rows);
        return;
    }
    const analytics::Summary summary = analytics::summarize(calls);
    print_line(global, fmt::format("calls in catalog '{}'{}", options.catalog, stretch));
    print_line(global, fmt::format("  calls:    {}", summary.calls));
    print_line(global,
               fmt::format("  errors:   {} ({:.1f}% of calls; status 400 or more)", summary.errors,
                           100.0 * static_cast<double>(summary.errors) /
                               static_cast<double>(summary.calls)));
    print_line(global,
               fmt::format("  latency:  p50 {} ms, p95 {} ms, p99 {} ms",
                           milliseconds_text(summary.p50_ms), milliseconds_text(summary.p95_ms),
                           milliseconds_text(summary.p99_ms)));
    print_line(global,
               fmt::format("  period:   {} to {}", analytics::rfc3339_utc(calls.front().at_ms),
                           analytics::rfc3339_utc(calls.back().at_ms)));
}

void print_json_summary(const AnalyticsOptions& options, std::optional<std::int64_t> since,
                        std::optional<analytics::GroupBy> by,
                        const std::vector<store::CallRecord>& calls)
{
    const analytics::Summary summary = analytics::summarize(calls);
    Json shown = {{"catalog", options.catalog},
                  {"since", since ? Json(analytics::rfc3339_utc(*since)) : Json(nullptr)},
                  {"calls", summary.calls},
                  {"errors", summary.errors},
                  {"p50_ms", summary.p50_ms},
                  {"p95_ms", summary.p95_ms},
                  {"p99_ms", summary.p99_ms}};
    if (by) {
        shown["by"] = analytics::group_by_name(*by);
        Json groups = Json::array();
        for (const analytics::Summary& group : analytics::summarize_by(calls, *by)) {
            groups.push_back(analytics::summary_json(group));
        }
        shown["groups"] = groups;
    }
    print_json(shown);
}

int run_analytics(const AnalyticsOptions& options, const GlobalOptions& global)
{
    // The arguments first: a mistyped one is told before the store is opened, even without one.
    const std::optional<analytics::GroupBy> by = group_by_option(options.by);
    const std::optional<std::int64_t> since = since_option(options.since, analytics::now_ms());
    std::vector<store::CallRecord> calls;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        calls = transaction.calls(options.catalog,
                                  since.value_or(std::numeric_limits<std::int64_t>::min()));
    });
    if (global.format() == OutputFormat::json) {
        print_json_summary(options, since, by, calls);
    } else {
        print_text(options, since, by, calls, global);
    }
    return 0;
}

} // namespace

void setup_analytics_command(CLI::App& app, CommandContext context)
{
    auto options = std::make_shared<AnalyticsOptions>();
    auto* command = app.add_subcommand(
        "analytics", "How the calls through the gateway went: counts, errors, latency");
    takes(command->add_option("--catalog", options->catalog, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
    command
        ->add_option("--since", options->since,
                     "Only the calls of this last stretch: 90s, 15m, 1h, 7d (default: all kept)")
        ->type_name("DURATION");
    // The choices are described here, for --help and completion, and checked by run_analytics,
    // whose error says what --by takes in apicat's words.
    command->add_option("--by", options->by, "One row per app, operation, status or plan")
        ->type_name("GROUP")
        ->check(CLI::Validator(fmt::format("{{{}}}", fmt::join(group_by_names(), ","))));
    command->footer(fmt::format(
        "Calls are kept {} days, and at most {} of them (docs/analytics.md).\n"
        "Examples:\n  apicat analytics\n  apicat analytics --since 1h --by status\n"
        "  apicat analytics --by operation -o json",
        analytics::calls_kept_for.count(), with_thousands(analytics::calls_kept_at_most)));
    command->callback(
        [options, context] { context.exit_status = run_analytics(*options, context.global); });
}

} // namespace apicat::cli

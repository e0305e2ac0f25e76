#include "gateway/call_metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace apicat::gateway {

namespace {

constexpr std::string_view other_apps = "(other)";

// A label value as the text format wants it: backslash, double quote and newline escaped.
std::string escaped(std::string_view value)
{
    std::string text;
    text.reserve(value.size());
    for (const char c : value) {
        switch (c) {
        case '\\':
            text += "\\\\";
            break;
        case '"':
            text += "\\\"";
            break;
        case '\n':
            text += "\\n";
            break;
        default:
            text += c;
        }
    }
    return text;
}

void write_histogram(std::string& out, std::string_view name, const std::string& labels,
                     const LatencyHistogram& histogram)
{
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < LatencyHistogram::bounds.size(); ++i) {
        cumulative += histogram.counts()[i];
        fmt::format_to(std::back_inserter(out), "{}_bucket{{{},le=\"{}\"}} {}\n", name, labels,
                       LatencyHistogram::bounds[i], cumulative);
    }
    fmt::format_to(std::back_inserter(out), "{}_bucket{{{},le=\"+Inf\"}} {}\n", name, labels,
                   histogram.count());
    fmt::format_to(std::back_inserter(out), "{}_sum{{{}}} {}\n", name, labels,
                   histogram.sum_seconds());
    fmt::format_to(std::back_inserter(out), "{}_count{{{}}} {}\n", name, labels, histogram.count());
}

} // namespace

void LatencyHistogram::observe(std::int64_t microseconds)
{
    const double seconds = static_cast<double>(std::max<std::int64_t>(microseconds, 0)) / 1e6;
    const auto bucket = std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
    ++counts_[static_cast<std::size_t>(bucket)];
    sum_seconds_ += seconds;
    ++count_;
}

CallMetrics::CallMetrics(std::string catalog)
    : catalog_(std::move(catalog))
{
}

std::uint64_t& CallMetrics::request_count(const store::CallRecord& call)
{
    if (last_request_ != requests_.end()) {
        const auto& [api, operation, status, app] = last_request_->first;
        if (status == call.status && app == call.app && operation == call.operation &&
            api == call.api) {
            return last_request_->second;
        }
    }
    RequestKey key{call.api, call.operation, call.status, call.app};
    if (requests_.size() >= series_limit && requests_.find(key) == requests_.end()) {
        std::get<3>(key) = other_apps;
    }
    last_request_ = requests_.try_emplace(std::move(key), 0).first;
    return last_request_->second;
}

CallMetrics::OperationSeries& CallMetrics::operation_series(const store::CallRecord& call)
{
    if (last_operation_ == operations_.end() || last_operation_->first.first != call.api ||
        last_operation_->first.second != call.operation) {
        last_operation_ = operations_.try_emplace(OperationKey{call.api, call.operation}).first;
    }
    return last_operation_->second;
}

void CallMetrics::add(std::span<const RecordedCall> calls)
{
    for (const auto& [call, rate_limited] : calls) {
        ++request_count(call);
        OperationSeries& series = operation_series(call);
        series.gateway.observe(call.latency_us);
        if (call.upstream_us >= 0) {
            series.upstream.observe(call.upstream_us);
        }
        if (rate_limited) {
            RefusalKey refusal{call.api, call.product, call.plan, call.app};
            if (refusals_.size() >= series_limit && refusals_.find(refusal) == refusals_.end()) {
                std::get<3>(refusal) = other_apps;
            }
            ++refusals_[std::move(refusal)];
        }
    }
}

std::string CallMetrics::prometheus_text() const
{
    std::string out;
    const std::string catalog = escaped(catalog_);
    auto append = [&out](std::string_view text) { out.append(text); };

    append("# HELP apicat_gateway_requests_total Calls the gateway answered, by API, operation, "
           "status and app.\n"
           "# TYPE apicat_gateway_requests_total counter\n");
    for (const auto& [key, count] : requests_) {
        const auto& [api, operation, status, app] = key;
        fmt::format_to(std::back_inserter(out),
                       "apicat_gateway_requests_total{{catalog=\"{}\",api=\"{}\",operation=\"{}\","
                       "status=\"{}\",app=\"{}\"}} {}\n",
                       catalog, escaped(api), escaped(operation), status, escaped(app), count);
    }

    const auto histograms = [&](std::string_view name, std::string_view help,
                                LatencyHistogram OperationSeries::*which) {
        fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} histogram\n", name, help,
                       name);
        for (const auto& [key, series] : operations_) {
            const LatencyHistogram& histogram = series.*which;
            if (histogram.count() == 0) {
                continue; // no call of the operation was forwarded
            }
            const std::string labels =
                fmt::format("catalog=\"{}\",api=\"{}\",operation=\"{}\"", catalog,
                            escaped(key.first), escaped(key.second));
            write_histogram(out, name, labels, histogram);
        }
    };
    histograms("apicat_gateway_request_duration_seconds",
               "Time from a request read to its response ready, the upstream's part included.",
               &OperationSeries::gateway);
    histograms("apicat_gateway_upstream_duration_seconds",
               "Time the upstream took to answer a forwarded call.", &OperationSeries::upstream);

    append("# HELP apicat_gateway_rate_limit_refusals_total Calls refused by a plan's rate "
           "limit (429).\n"
           "# TYPE apicat_gateway_rate_limit_refusals_total counter\n");
    for (const auto& [key, count] : refusals_) {
        const auto& [api, product, plan, app] = key;
        fmt::format_to(std::back_inserter(out),
                       "apicat_gateway_rate_limit_refusals_total{{catalog=\"{}\",api=\"{}\","
                       "product=\"{}\",plan=\"{}\",app=\"{}\"}} {}\n",
                       catalog, escaped(api), escaped(product), escaped(plan), escaped(app), count);
    }

    fmt::format_to(std::back_inserter(out),
                   "# HELP apicat_gateway_calls_not_recorded_total Calls left out of metrics and "
                   "analytics because too many waited to be recorded.\n"
                   "# TYPE apicat_gateway_calls_not_recorded_total counter\n"
                   "apicat_gateway_calls_not_recorded_total{{catalog=\"{}\"}} {}\n",
                   catalog, dropped_);
    return out;
}

} // namespace apicat::gateway

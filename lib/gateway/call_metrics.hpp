#pragma once

// The gateway's metrics in Prometheus's text format (docs/gateway.md, "Metrics and analytics"):
// calls by API, operation, status and app, how long the gateway and the upstream took, and the
// calls a rate limit refused. Built from the calls recorded (gateway/call_recorder.hpp), by one
// thread at a time: the telemetry thread and a scrape take turns under the telemetry's lock.

#include "gateway/call_recorder.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <tuple>

namespace apicat::gateway {

// A latency histogram with Prometheus's usual buckets, from half a millisecond to ten seconds.
class LatencyHistogram {
public:
    static constexpr std::array<double, 14> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,    0.25,  0.5,    1,     2.5,  5,     10};
    void observe(std::int64_t microseconds);

    // The count in each bucket (not cumulative), the last one past every bound.
    const std::array<std::uint64_t, bounds.size() + 1>& counts() const { return counts_; }
    double sum_seconds() const { return sum_seconds_; }
    std::uint64_t count() const { return count_; }

private:
    std::array<std::uint64_t, bounds.size() + 1> counts_{};
    double sum_seconds_ = 0;
    std::uint64_t count_ = 0;
};

class CallMetrics {
public:
    // How many label sets a counter keeps: a gateway with a million apps must not grow a
    // million series. Past it, a new app's calls count under app="(other)".
    static constexpr std::size_t series_limit = 10000;

    explicit CallMetrics(std::string catalog);
    CallMetrics(const CallMetrics&) = delete; // it holds iterators into itself
    CallMetrics& operator=(const CallMetrics&) = delete;

    void add(std::span<const RecordedCall> calls);
    // Calls the gateway could not record (its recorder was full).
    void set_dropped(std::uint64_t dropped) { dropped_ = dropped; }

    // The text exposition format, version 0.0.4.
    std::string prometheus_text() const;

private:
    using RequestKey =
        std::tuple<std::string, std::string, int, std::string>; // api, op, status, app
    using OperationKey = std::pair<std::string, std::string>;   // api, operation
    using RefusalKey =
        std::tuple<std::string, std::string, std::string, std::string>; // api, product, plan, app

    struct OperationSeries {
        LatencyHistogram gateway;
        LatencyHistogram upstream;
    };

    std::uint64_t& request_count(const store::CallRecord& call);
    OperationSeries& operation_series(const store::CallRecord& call);

    std::string catalog_;
    std::map<RequestKey, std::uint64_t> requests_;
    std::map<OperationKey, OperationSeries> operations_;
    // The series the last call counted in: calls come in runs of one API, operation and app,
    // and a hit costs a few string comparisons rather than a key built and looked up.
    std::map<RequestKey, std::uint64_t>::iterator last_request_ = requests_.end();
    std::map<OperationKey, OperationSeries>::iterator last_operation_ = operations_.end();
    std::map<RefusalKey, std::uint64_t> refusals_;
    std::uint64_t dropped_ = 0;
};

} // namespace apicat::gateway

#pragma once

// What `gateway serve` keeps of the calls it answers: metrics for Prometheus (call_metrics.hpp)
// and, through a sink, the calls themselves for analytics in the store (docs/analytics.md).
//
// The request path only hands a call over (call_recorder.hpp). A thread of the telemetry's own
// takes what was handed over every interval, counts it into the metrics and writes it to the
// sink in one batch: the store is never written on a request's path, and a busy store slows
// nothing but the batch (docs/gateway.md, "Metrics and analytics").

#include "gateway/call_metrics.hpp"
#include "gateway/call_recorder.hpp"
#include "util/outage.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace apicat::gateway {

// Writes a batch of calls (to the store): all of them or, throwing, none.
using CallSink = std::function<void(std::span<const store::CallRecord> calls)>;

struct TelemetryOptions {
    std::string catalog;
    CallSink sink; // empty: calls are counted in the metrics only
    // A fifth of a second of calls: a gateway holds that many and no more before they are
    // written (its memory grows with the interval; a second's calls at 30,000 a second held
    // 60 MB under bench/run's load), while each write is one small transaction.
    std::chrono::milliseconds interval{200};
    // When a batch could not be written: its calls wait for the next one (up to the recorder's
    // limit). Called once per failure that differs from the one before.
    std::function<void(const std::exception&)> write_failed;
};

class Telemetry {
public:
    explicit Telemetry(TelemetryOptions options);
    // Writes what is still waiting, then stops the thread.
    ~Telemetry();
    Telemetry(const Telemetry&) = delete;
    Telemetry& operator=(const Telemetry&) = delete;

    // From any thread, on the request path.
    void record(RecordedCall call) { recorder_.record(std::move(call)); }

    // Whether the calls go to a sink (the store), besides the metrics.
    bool writes_calls() const { return static_cast<bool>(options_.sink); }

    // The metrics, with every call recorded so far counted.
    std::string metrics_text();

    // Writes every call recorded so far to the sink now, so that a read of the store that
    // follows sees them. Throws what the sink throws.
    void flush();

private:
    void take_locked();
    void write_locked();
    void run();

    TelemetryOptions options_;
    CallRecorder recorder_;

    std::mutex mutex_; // the metrics and the calls not yet written
    CallMetrics metrics_;
    std::vector<store::CallRecord> unwritten_;
    util::Outage write_outage_; // a failure to write is reported once, not per batch

    std::mutex wake_mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace apicat::gateway

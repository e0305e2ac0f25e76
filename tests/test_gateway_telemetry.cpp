#include "gateway/telemetry.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <mutex>
#include <stdexcept>
#include <vector>

using namespace apicat;
using namespace apicat::gateway;
using namespace std::chrono_literals;

namespace {

RecordedCall ok_call_of(const std::string& app)
{
    RecordedCall recorded;
    recorded.call.app = app;
    recorded.call.status = 200;
    return recorded;
}

// A sink that fails while told to, and keeps what it was given otherwise.
struct Sink {
    std::mutex mutex;
    std::vector<std::string> written;
    bool failing = false;
    int failures_reported = 0;

    TelemetryOptions options()
    {
        TelemetryOptions options;
        options.catalog = "sandbox";
        options.interval = 1h; // only flush() and the destructor write, in these tests
        options.sink = [this](std::span<const store::CallRecord> calls) {
            std::lock_guard lock(mutex);
            if (failing) {
                throw std::runtime_error("the store is busy");
            }
            for (const store::CallRecord& call : calls) {
                written.push_back(call.app);
            }
        };
        options.write_failed = [this](const std::exception&) { ++failures_reported; };
        return options;
    }
};

} // namespace

TEST_CASE("telemetry counts a call in the metrics as soon as it is recorded")
{
    Telemetry telemetry(TelemetryOptions{"sandbox", {}, 1h, {}});
    telemetry.record(ok_call_of("a"));
    CHECK(telemetry.metrics_text().find(R"(status="200",app="a"} 1)") != std::string::npos);
    telemetry.record(ok_call_of("a"));
    CHECK(telemetry.metrics_text().find(R"(status="200",app="a"} 2)") != std::string::npos);
}

TEST_CASE("telemetry writes the calls to its sink in batches, and keeps them when it fails")
{
    Sink sink;
    {
        Telemetry telemetry(sink.options());
        telemetry.record(ok_call_of("a"));
        telemetry.record(ok_call_of("b"));
        telemetry.flush();
        CHECK(sink.written == std::vector<std::string>{"a", "b"});

        sink.failing = true;
        telemetry.record(ok_call_of("c"));
        CHECK_THROWS_AS(telemetry.flush(), std::runtime_error);
        sink.failing = false;
        telemetry.record(ok_call_of("d"));
        telemetry.flush();
        CHECK(sink.written == std::vector<std::string>{"a", "b", "c", "d"});
        telemetry.record(ok_call_of("e"));
    }
    // The destructor writes what was left.
    CHECK(sink.written.back() == "e");
}

TEST_CASE("telemetry's own thread writes every interval and reports a failure once")
{
    Sink sink;
    sink.failing = true;
    TelemetryOptions options = sink.options();
    options.interval = 5ms;
    Telemetry telemetry(options);
    telemetry.record(ok_call_of("a"));
    for (int i = 0; i < 400 && sink.failures_reported == 0; ++i) {
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(50ms); // several more failing batches
    CHECK(sink.failures_reported == 1);
    {
        std::lock_guard lock(sink.mutex);
        sink.failing = false;
    }
    bool written = false;
    for (int i = 0; i < 400 && !written; ++i) {
        std::this_thread::sleep_for(5ms);
        std::lock_guard lock(sink.mutex);
        written = sink.written == std::vector<std::string>{"a"};
    }
    CHECK(written);
}

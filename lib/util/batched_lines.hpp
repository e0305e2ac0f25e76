#pragma once

// Lines handed on in batches rather than one write each. `gateway serve` logs a line per
// request; a write and a flush of stdout per line, from every server thread under one lock,
// cost it a measurable share of its throughput under load (bench/RESULTS.md). Batched, the
// lines still reach the sink in the order they were added, at most `interval` after, and all
// of them by the time the BatchedLines is destroyed, so a log reader or `| tee` keeps up.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace apicat::util {

class BatchedLines {
public:
    // Receives the text of one or more whole lines, in order, on one thread at a time. What it
    // throws is dropped with that batch: a log must not take down what it logs.
    using Sink = std::function<void(std::string_view text)>;

    BatchedLines(Sink sink, std::chrono::milliseconds interval);
    // Hands what is left to the sink.
    ~BatchedLines();
    BatchedLines(const BatchedLines&) = delete;
    BatchedLines& operator=(const BatchedLines&) = delete;

    // From any thread; `line` should end with a newline.
    void add(std::string_view line);

private:
    void hand_on(std::unique_lock<std::mutex>& lock);
    void run();

    Sink sink_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string pending_;
    bool stopping_ = false;
    std::thread flusher_;
};

} // namespace apicat::util

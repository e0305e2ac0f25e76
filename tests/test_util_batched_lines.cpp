#include "support/eventually.hpp"
#include "support/text_parts.hpp"
#include "util/batched_lines.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using apicat::test::eventually;
using apicat::test::lines_of;
using apicat::util::BatchedLines;
using namespace std::chrono_literals;

namespace {

// What the sink received, readable from the test's thread while the flusher writes.
class Received {
public:
    BatchedLines::Sink sink()
    {
        return [this](std::string_view text) {
            std::lock_guard lock(mutex_);
            ++batches_;
            if (throw_next_) {
                throw_next_ = false;
                throw std::runtime_error("disk full");
            }
            text_.append(text);
        };
    }
    std::string text() const
    {
        std::lock_guard lock(mutex_);
        return text_;
    }
    int batches() const
    {
        std::lock_guard lock(mutex_);
        return batches_;
    }
    void throw_next()
    {
        std::lock_guard lock(mutex_);
        throw_next_ = true;
    }

private:
    mutable std::mutex mutex_;
    std::string text_;
    int batches_ = 0;
    bool throw_next_ = false;
};

// A loaded machine may be slow to run the flusher: one that never runs fails after ten seconds.
constexpr auto flush_deadline = std::chrono::seconds(10);

} // namespace

TEST_CASE("batched lines reach the sink whole, in each writer's order, all by destruction")
{
    Received received;
    constexpr int writers = 4;
    constexpr int per_writer = 2000;
    {
        BatchedLines lines(received.sink(), 5ms);
        std::vector<std::thread> threads;
        for (int writer = 0; writer < writers; ++writer) {
            threads.emplace_back([&lines, writer] {
                for (int n = 0; n < per_writer; ++n) {
                    lines.add(std::to_string(writer) + " " + std::to_string(n) + "\n");
                }
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
    }
    std::vector<int> next(writers, 0);
    const std::vector<std::string> lines = lines_of(received.text());
    CHECK(lines.size() == writers * per_writer);
    for (const std::string& line : lines) {
        const auto space = line.find(' ');
        REQUIRE(space != std::string::npos);
        const int writer = std::stoi(line.substr(0, space));
        REQUIRE(writer < writers);
        CHECK(std::stoi(line.substr(space + 1)) == next[writer]++);
    }
    CHECK(received.batches() < writers * per_writer); // batched, not a write per line
}

TEST_CASE("a batched line reaches the sink without waiting for more lines")
{
    Received received;
    BatchedLines lines(received.sink(), 20ms);
    lines.add("GET /sandbox/weather/current 200 app 1ms\n");
    CHECK(
        eventually([&] { return received.text() == "GET /sandbox/weather/current 200 app 1ms\n"; },
                   flush_deadline));
}

TEST_CASE("many pending lines reach the sink before the interval ends")
{
    Received received;
    BatchedLines lines(received.sink(), 1h);
    const std::string line(99, 'x');
    for (int n = 0; n < 1000; ++n) { // 100 kB, past what is kept pending
        lines.add(line + "\n");
    }
    CHECK(received.batches() >= 1);
    CHECK(received.text().size() >= 64 * 1024);
}

TEST_CASE("a sink that throws loses that batch only")
{
    Received received;
    {
        BatchedLines lines(received.sink(), 10ms);
        received.throw_next();
        lines.add("lost\n");
        REQUIRE(eventually([&] { return received.batches() == 1; }, flush_deadline));
        lines.add("kept\n");
    }
    CHECK(received.text() == "kept\n");
}

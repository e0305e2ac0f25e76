#pragma once

// Waits for something another process or thread does, without guessing how long it takes:
// polls `holds` until it is true or `deadline` has passed. Tests assert on its result, so a
// deadline is a bound on failure, never a sleep every run pays.

#include <chrono>
#include <thread>

namespace apicat::test {

template <typename Predicate>
bool eventually(Predicate holds, std::chrono::milliseconds deadline = std::chrono::seconds(5),
                std::chrono::milliseconds interval = std::chrono::milliseconds(2))
{
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (true) {
        if (holds()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= until) {
            return false;
        }
        std::this_thread::sleep_for(interval);
    }
}

} // namespace apicat::test

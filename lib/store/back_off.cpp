#include "store/back_off.hpp"

#include <chrono>
#include <random>
#include <thread>

namespace apicat::store {

void sleep_randomly(int shortest_ms, int longest_ms)
{
    thread_local std::minstd_rand random{std::random_device{}()};
    std::uniform_int_distribution<int> milliseconds(shortest_ms, longest_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds(random)));
}

} // namespace apicat::store

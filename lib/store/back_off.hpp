#pragma once

// Waiting before a store retries a transaction that collided with another process's.

namespace apicat::store {

// Sleeps for a random time between `shortest_ms` and `longest_ms` milliseconds: randomized, so
// that processes that collided do not try again in step and collide once more.
void sleep_randomly(int shortest_ms, int longest_ms);

} // namespace apicat::store

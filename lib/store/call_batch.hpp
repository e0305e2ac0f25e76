#pragma once

// How the store keeps calls for analytics: a batch of calls in one value, rather than a row
// per call. A gateway records tens of thousands of calls a second; a row of ten columns and
// an index entry for each cost it a third of its throughput (docs/store.md, "Calls"), while
// a batch's calls mostly repeat the same few strings. A batch lists its distinct strings once,
// then each call as small numbers: its number in the order recorded, its time after the
// batch's earliest, the indexes of its strings, its status and latencies.

#include "store/store.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::store {

// A call with its number: calls are numbered in the order they were recorded, so that
// pruning keeps the newest recorded whatever time they carry.
struct NumberedCall {
    std::int64_t number = 0;
    CallRecord call;
};

// `calls[i]` gets number `first_number + i`. `first_ms` is the earliest at_ms of `calls`.
std::string encode_call_batch(std::span<const CallRecord> calls, std::int64_t first_number,
                              std::int64_t first_ms);
std::string encode_call_batch(std::span<const NumberedCall> calls, std::int64_t first_number,
                              std::int64_t first_ms);

// The calls of a batch, in the order recorded. Throws Error when `bytes` is not a batch.
std::vector<NumberedCall> decode_call_batch(std::string_view bytes, std::int64_t first_number,
                                            std::int64_t first_ms);

} // namespace apicat::store

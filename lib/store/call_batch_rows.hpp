#pragma once

// The calls table of a store, a batch per row (call_batch.hpp), and what the store does with
// it: appending a batch, pruning to the bounds, reading a catalog's calls. The rules live here
// once; each store gives the few statements they need.

#include "store/call_batch.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace apicat::store {

// One row: the calls numbered first_number to last_number, at times first_ms to last_ms.
struct StoredCallBatch {
    std::int64_t id = 0; // 0 when inserting: the store chooses
    std::int64_t first_ms = 0;
    std::int64_t last_ms = 0;
    std::int64_t first_number = 0;
    std::int64_t last_number = 0;
    std::string batch;
};

class CallBatchRows {
public:
    virtual ~CallBatchRows() = default;

    // The last number of the newest batch (highest id); none when the table is empty.
    virtual std::optional<std::int64_t> last_number() = 0;
    virtual void insert(const StoredCallBatch& stored) = 0;
    virtual void remove(std::int64_t id) = 0;
    // Deletes the batches whose calls are all before `ms`.
    virtual void remove_ending_before(std::int64_t ms) = 0;
    // Deletes the batches whose calls are all numbered up to `number`.
    virtual void remove_numbered_up_to(std::int64_t number) = 0;
    // By id: the batches with a call before `ms`; the oldest batch if its first number is at
    // most `number`; the batches with a call at or after `ms`.
    virtual std::vector<StoredCallBatch> starting_before(std::int64_t ms) = 0;
    virtual std::vector<StoredCallBatch> oldest_starting_at_or_before(std::int64_t number) = 0;
    virtual std::vector<StoredCallBatch> ending_at_or_after(std::int64_t ms) = 0;
};

// Transaction::append_calls, prune_calls and calls (store.hpp), over a store's rows.
void append_call_batch(CallBatchRows& rows, std::span<const CallRecord> calls);
void prune_call_batches(CallBatchRows& rows, std::int64_t older_than_ms,
                        std::uint64_t keep_at_most);
std::vector<CallRecord> read_call_batches(CallBatchRows& rows, const std::string& catalog,
                                          std::int64_t since_ms);

} // namespace apicat::store

#include "store/call_batch_rows.hpp"

#include <algorithm>
#include <functional>
#include <limits>

namespace apicat::store {

namespace {

std::vector<NumberedCall> calls_of(const StoredCallBatch& stored)
{
    return decode_call_batch(stored.batch, stored.first_number, stored.first_ms);
}

// Keeps the calls of a batch that `keep` says, in place of the batch: the batches that hold
// calls on both sides of a bound are rewritten, the others kept or deleted whole.
void thin_call_batch(CallBatchRows& rows, const StoredCallBatch& stored,
                     const std::function<bool(const NumberedCall&)>& keep)
{
    std::vector<NumberedCall> kept;
    for (NumberedCall& numbered : calls_of(stored)) {
        if (keep(numbered)) {
            kept.push_back(std::move(numbered));
        }
    }
    rows.remove(stored.id);
    if (kept.empty()) {
        return;
    }
    const auto [earliest, latest] =
        std::minmax_element(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
            return a.call.at_ms < b.call.at_ms;
        });
    const std::int64_t first_ms = earliest->call.at_ms;
    rows.insert(StoredCallBatch{.id = stored.id,
                                .first_ms = first_ms,
                                .last_ms = latest->call.at_ms,
                                .first_number = kept.front().number,
                                .last_number = kept.back().number,
                                .batch = encode_call_batch(kept, kept.front().number, first_ms)});
}

// A batch across a bound is decoded and written again only up to this many calls: a
// gateway's batch holds a fifth of a second of calls, thousands, and rewriting one at every write
// once the store is full cost the gateway a quarter of its throughput. A larger batch is kept
// whole across the age bound (until all of it is past it: a second's calls kept a second
// longer), and deleted whole across the count bound (the count stays a bound).
constexpr std::int64_t batch_rewritten_at_most = 1000;

bool large(const StoredCallBatch& stored)
{
    return stored.last_number - stored.first_number >= batch_rewritten_at_most;
}

enum class LargeBatch { keep, remove };

// thin_call_batch() of each batch in `across`; a large batch is kept or removed whole instead.
void thin_call_batches(CallBatchRows& rows, const std::vector<StoredCallBatch>& across,
                       LargeBatch large_batch, const std::function<bool(const NumberedCall&)>& keep)
{
    for (const StoredCallBatch& stored : across) {
        if (!large(stored)) {
            thin_call_batch(rows, stored, keep);
        } else if (large_batch == LargeBatch::remove) {
            rows.remove(stored.id);
        }
    }
}

} // namespace

void append_call_batch(CallBatchRows& rows, std::span<const CallRecord> calls)
{
    if (calls.empty()) {
        return;
    }
    const std::int64_t first_number = rows.last_number().value_or(0) + 1;
    const auto [earliest, latest] = std::minmax_element(
        calls.begin(), calls.end(),
        [](const CallRecord& a, const CallRecord& b) { return a.at_ms < b.at_ms; });
    rows.insert(
        StoredCallBatch{.first_ms = earliest->at_ms,
                        .last_ms = latest->at_ms,
                        .first_number = first_number,
                        .last_number = first_number + static_cast<std::int64_t>(calls.size()) - 1,
                        .batch = encode_call_batch(calls, first_number, earliest->at_ms)});
}

// Whole batches go with one indexed delete each; only the few batches across a bound are
// decoded and rewritten, so pruning at every write costs little. Calls are numbered in the
// order of the batches' ids, so only the oldest batch left can hold calls on both sides of
// the count's bound.
void prune_call_batches(CallBatchRows& rows, std::int64_t older_than_ms, std::uint64_t keep_at_most)
{
    rows.remove_ending_before(older_than_ms);
    thin_call_batches(rows, rows.starting_before(older_than_ms), LargeBatch::keep,
                      [older_than_ms](const NumberedCall& numbered) {
                          return numbered.call.at_ms >= older_than_ms;
                      });

    const std::optional<std::int64_t> newest = rows.last_number();
    if (!newest) {
        return;
    }
    const auto kept = static_cast<std::int64_t>(
        std::min<std::uint64_t>(keep_at_most, std::numeric_limits<std::int64_t>::max()));
    const std::int64_t bound = *newest - std::min(kept, *newest); // numbers up to it go
    rows.remove_numbered_up_to(bound);
    thin_call_batches(rows, rows.oldest_starting_at_or_before(bound), LargeBatch::remove,
                      [bound](const NumberedCall& numbered) { return numbered.number > bound; });
}

std::vector<CallRecord> read_call_batches(CallBatchRows& rows, const std::string& catalog,
                                          std::int64_t since_ms)
{
    std::vector<NumberedCall> found;
    for (const StoredCallBatch& stored : rows.ending_at_or_after(since_ms)) {
        for (NumberedCall& numbered : calls_of(stored)) {
            if (numbered.call.catalog == catalog && numbered.call.at_ms >= since_ms) {
                found.push_back(std::move(numbered));
            }
        }
    }
    // Oldest first; calls of one millisecond in the order recorded.
    std::stable_sort(found.begin(), found.end(), [](const NumberedCall& a, const NumberedCall& b) {
        return a.call.at_ms != b.call.at_ms ? a.call.at_ms < b.call.at_ms : a.number < b.number;
    });
    std::vector<CallRecord> ordered;
    ordered.reserve(found.size());
    for (NumberedCall& numbered : found) {
        ordered.push_back(std::move(numbered.call));
    }
    return ordered;
}

} // namespace apicat::store

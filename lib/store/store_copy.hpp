#pragma once

// Copying a whole store into an empty one, in either direction between SQLite and PostgreSQL:
// a team moves the catalog one person built in an apicat home into a shared database, or takes
// a shared one home (docs/store.md, "Moving a store"). Rows are copied as they are: a secret
// stays the digest it is, never made again, and the test app's test secret stays retrievable.
//
// Rate-limit windows are not copied: they are the counts of the current minute or hour, kept
// by the store that counted them, and start again empty. Neither is the change sequence: it
// tells the gateways following the source what changed there; the copy is new to the
// destination, whose sequence notes it as any write (its catalogs' apps and products changed).

#include "errors.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace apicat::store {

// How many rows of each kind a store holds, reading them as the commands do: per catalog.
// Calls of a catalog removed since they were recorded are in no catalog; they are neither
// counted nor copied (analytics, which asks for a catalog, no longer shows them either).
struct RowCounts {
    std::uint64_t catalogs = 0;
    std::uint64_t products = 0; // published product versions
    std::uint64_t apps = 0;
    std::uint64_t subscriptions = 0;
    std::uint64_t calls = 0;

    bool operator==(const RowCounts&) const = default;

    // Each kind with its count, in the order above, named as `apicat store copy` shows them.
    std::vector<std::pair<std::string, std::uint64_t>> kinds() const;
};

RowCounts count_rows(Transaction& transaction);

struct CopyCounts {
    RowCounts from; // what the copy read in the source
    RowCounts to;   // counted again in the destination, before its transaction committed
};

// Rows of each kind written per call: the copy of 100,000 apps makes 100 statements, not
// 100,000, and a batch of calls stays small enough for pruning to trim it call by call
// (call_batch_rows.cpp).
inline constexpr std::size_t rows_copied_per_batch = 1000;

// The destination holds catalogs already, or calls recorded for a catalog of the source's
// name that it once had: a copy would mix two stores.
class DestinationNotEmpty : public Error {
public:
    // `held`: what the destination holds, "the catalogs sandbox, staging".
    explicit DestinationNotEmpty(const std::string& held);
};

// Copies the catalogs of `from`, with their published products (snapshots as they are), apps,
// subscriptions and calls, into `to`. It reads one read transaction of `from` and writes one
// write transaction of `to`: all of it lands or none does. Before committing it counts each
// kind in `to` and compares with what it read; any difference is an Error, and nothing is
// copied. Throws DestinationNotEmpty when `to` has a catalog (or calls of one of the source's
// catalogs). `from` and `to` must be different stores.
CopyCounts copy_store(Store& from, Store& to);

} // namespace apicat::store

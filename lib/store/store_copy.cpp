#include "store/store_copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <span>

namespace apicat::store {

namespace {

// Every call a catalog has, however old: pruning to 30 days is the destination's business at
// its next write, as it was the source's.
constexpr std::int64_t since_the_first_call = std::numeric_limits<std::int64_t>::min();

// `write` of each slice of `rows`, rows_copied_per_batch at a time.
template <typename Row, typename Write> void in_batches(const std::vector<Row>& rows, Write write)
{
    const std::span<const Row> all(rows);
    for (std::size_t start = 0; start < all.size(); start += rows_copied_per_batch) {
        write(all.subspan(start, std::min(rows_copied_per_batch, all.size() - start)));
    }
}

void copy_catalog(Transaction& source, Transaction& destination, const Catalog& catalog,
                  RowCounts& read)
{
    destination.insert_catalog(catalog);
    ++read.catalogs;

    for (const PublishedProduct& product : source.products(catalog.name)) {
        destination.put_product(product);
        ++read.products;
    }

    const std::vector<App> apps = source.apps(catalog.name);
    in_batches(apps, [&](std::span<const App> batch) {
        // The destination was empty and the source holds each name and client ID once: a
        // refusal means the stores disagree on what is unique, which must stop the copy.
        if (!destination.insert_apps(batch)) {
            throw Error(fmt::format("cannot copy the apps of catalog '{}' from '{}' to '{}': "
                                    "the destination refused a name or client ID",
                                    catalog.name, batch.front().name, batch.back().name),
                        "nothing was copied");
        }
    });
    read.apps += apps.size();

    const std::vector<Subscription> subscriptions = source.subscriptions(catalog.name);
    in_batches(subscriptions,
               [&](std::span<const Subscription> batch) { destination.put_subscriptions(batch); });
    read.subscriptions += subscriptions.size();

    const std::vector<CallRecord> calls = source.calls(catalog.name, since_the_first_call);
    in_batches(calls, [&](std::span<const CallRecord> batch) { destination.append_calls(batch); });
    read.calls += calls.size();
}

std::string differences(const RowCounts& read, const RowCounts& written)
{
    std::vector<std::string> found;
    const auto read_kinds = read.kinds();
    const auto written_kinds = written.kinds();
    for (std::size_t i = 0; i < read_kinds.size(); ++i) {
        if (read_kinds[i].second != written_kinds[i].second) {
            found.push_back(fmt::format("{} {} read, {} in the destination", read_kinds[i].first,
                                        read_kinds[i].second, written_kinds[i].second));
        }
    }
    return fmt::format("{}", fmt::join(found, "; "));
}

// Throws DestinationNotEmpty unless the destination has no catalog, and no calls that would
// be counted with the copied ones: calls of a catalog it had, removed since, stay until they
// are pruned.
void require_empty(Transaction& destination, const std::vector<Catalog>& copied)
{
    std::vector<std::string> present;
    for (const Catalog& catalog : destination.catalogs()) {
        present.push_back(catalog.name);
    }
    if (!present.empty()) {
        throw DestinationNotEmpty(fmt::format("the catalog{} {}", present.size() == 1 ? "" : "s",
                                              fmt::join(present, ", ")));
    }
    for (const Catalog& catalog : copied) {
        const std::size_t calls = destination.calls(catalog.name, since_the_first_call).size();
        if (calls > 0) {
            throw DestinationNotEmpty(
                fmt::format("{} calls recorded for a catalog '{}' it had", calls, catalog.name));
        }
    }
}

} // namespace

std::vector<std::pair<std::string, std::uint64_t>> RowCounts::kinds() const
{
    return {{"catalogs", catalogs},
            {"products", products},
            {"apps", apps},
            {"subscriptions", subscriptions},
            {"calls", calls}};
}

RowCounts count_rows(Transaction& transaction)
{
    RowCounts counts;
    for (const Catalog& catalog : transaction.catalogs()) {
        ++counts.catalogs;
        counts.products += transaction.products(catalog.name).size();
        counts.apps += transaction.apps(catalog.name).size();
        counts.subscriptions += transaction.subscriptions(catalog.name).size();
        counts.calls += transaction.calls(catalog.name, since_the_first_call).size();
    }
    return counts;
}

DestinationNotEmpty::DestinationNotEmpty(const std::string& held)
    : Error("the destination store is not empty: it holds " + held,
            "copy into a new home folder or an empty database: a copy never merges two stores")
{
}

CopyCounts copy_store(Store& from, Store& to)
{
    CopyCounts counts;
    // The destination's transaction runs inside the source's, so that all it writes comes
    // from one state of the source. Either store may run its work again (store.hpp): each
    // round starts its counts afresh, and a round that failed wrote nothing.
    from.read([&](Transaction& source) {
        to.write([&](Transaction& destination) {
            counts = {};
            const std::vector<Catalog> catalogs = source.catalogs();
            require_empty(destination, catalogs);
            for (const Catalog& catalog : catalogs) {
                copy_catalog(source, destination, catalog, counts.from);
            }
            counts.to = count_rows(destination);
            if (counts.to != counts.from) {
                throw Error(fmt::format("the copy does not hold what the source does: {}",
                                        differences(counts.from, counts.to)),
                            "nothing was copied; please report this as a bug of apicat");
            }
        });
    });
    return counts;
}

} // namespace apicat::store

#include "store_access.hpp"

#include "catalog/catalogs.hpp"
#include "store/location.hpp"

namespace apicat::cli {

std::unique_ptr<store::Store> open_store(const GlobalOptions& global, store::LogAtClose at_close)
{
    std::unique_ptr<store::Store> store =
        store::open_store_at(store::resolve_store(global.store, global.home), at_close);
    bool has_catalogs = false;
    store->read(
        [&](store::Transaction& transaction) { has_catalogs = !transaction.catalogs().empty(); });
    if (!has_catalogs) {
        store->write(
            [](store::Transaction& transaction) { catalog::ensure_default_catalog(transaction); });
    }
    return store;
}

} // namespace apicat::cli

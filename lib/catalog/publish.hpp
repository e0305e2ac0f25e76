#pragma once

// Publishing a product to a catalog: resolve its drafts, check that the gateway can enforce
// and route them, and store a snapshot. Publishing the same name and version again is a
// republish: the snapshot is replaced and the result says what changed.

#include "catalog/product_snapshot.hpp"
#include "catalog/publish_checks.hpp"
#include "json.hpp"
#include "product/product.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace apicat::catalog {

struct BuiltSnapshot {
    // {"product": <product document>, "apis": {NAME: {"file", "openapi", "base_path",
    // "document"}}}
    Json snapshot;
    std::vector<LocatedFinding> warnings; // every draft's, in the product's order
};

// Runs publish's checks (publish_checks.hpp) for `catalog` and throws Error on the first
// error, located: a draft missing or unreadable, invalid, without an upstream, with an option
// asking for a secret but no client ID, or two APIs under one base path.
BuiltSnapshot build_snapshot(const product::Product& product, const std::string& catalog);

// What differs between two snapshots of one product, in words: "added operation GET
// /forecast (weather-provider-api)".
std::vector<std::string> snapshot_changes(const ProductSnapshot& before,
                                          const ProductSnapshot& after);

struct PublishResult {
    bool republished = false;
    std::vector<std::string> changes;
};

// Stores the snapshot in `catalog` (which must exist), refusing a base path that another
// product there already serves, and subscribes the catalog's test app to the product.
PublishResult publish(store::Transaction& transaction, const std::string& catalog,
                      const product::Product& product, const Json& snapshot);

} // namespace apicat::catalog

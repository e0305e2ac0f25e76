#pragma once

// Rows for the store's tests, made up the same way each time, and the store's content read back
// in a form a CHECK compares at a glance.

#include "store/store.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace apicat::test {

// A time before every call's, for reading or pruning all the calls a store holds.
constexpr std::int64_t the_beginning = std::numeric_limits<std::int64_t>::min();

// Client ID "id-<catalog>-<name>", secret digest "digest-<name>", active, created 2024-05-01.
store::App app_named(const std::string& catalog, const std::string& name);
// Titled "The <name> product", a small snapshot naming it.
store::PublishedProduct product_named(const std::string& catalog, const std::string& name,
                                      const std::string& version);
// To plan "default", active.
store::Subscription subscription_of(const std::string& catalog, const std::string& app,
                                    const std::string& product);

// Catalogs "shop" and "lab", each with apps "alpha" and "beta" subscribed to products "pets"
// (versions 1.0.0 and 2.0.0) and "toys" (1.0.0), in one write.
void fill_store(store::Store& store);

// The names of the catalog's apps, in the store's order.
std::vector<std::string> app_names(store::Store& store, const std::string& catalog);
// "app/product" of each of the catalog's subscriptions, in the store's order.
std::vector<std::string> subscribed(store::Store& store, const std::string& catalog);

} // namespace apicat::test

#pragma once

// A published product as the store holds it (store::PublishedProduct::snapshot, written by
// catalog/publish.cpp), decoded once into types: its plans, its APIs with their drafts,
// operations, security schemes and the security each operation needs. Everything that reads a
// published product (the gateway, subscribing, listing, explore, completion, a republish's
// comparison) reads this, never the JSON. docs/store.md says what a snapshot holds.

#include "json.hpp"
#include "openapi/draft.hpp"
#include "openapi/security_scheme.hpp"
#include "product/plan.hpp"
#include "store/store.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace apicat::catalog {

// The plans were checked when the product was published. Plans that no longer read (an older
// apicat published them) are kept as the reason, not thrown: the gateway then refuses the
// product's calls with it, and serves the catalog's other products.
struct PublishedPlans {
    std::vector<product::Plan> plans;
    std::string unreadable; // why the plans do not read; empty when they do

    // The plans, or an Error saying why they do not read.
    const std::vector<product::Plan>& readable() const;
};

struct ApiSnapshot {
    std::string name;                           // its key in the product's apis
    std::string file;                           // the draft's file, as the product refers to it
    std::string base_path;                      // "" or "/weather"
    openapi::Draft draft;                       // the resolved document, as published
    std::vector<openapi::Operation> operations; // in document order
    std::vector<std::vector<openapi::SecurityOption>> security; // effective, per operation
    std::map<std::string, openapi::SecurityScheme> schemes;     // the definitions, by name
};

struct ProductSnapshot {
    std::string catalog;
    std::string name;
    std::string version;
    std::string title;
    std::string published_at;
    Json document; // the product document, as published
    PublishedPlans plans;
    std::vector<ApiSnapshot> apis; // in the product's order

    // "weather-product:1.0.0"
    std::string id() const;
    const ApiSnapshot* find_api(const std::string& api) const;
};

// Decoded products are shared, never copied: the route table and what lists them hold these.
using PublishedProducts = std::vector<std::shared_ptr<const ProductSnapshot>>;

// Throws Error naming the product and what is malformed when the snapshot does not have the
// shape publish writes, with the hint to publish the product again.
ProductSnapshot decode_product_snapshot(store::PublishedProduct product);

// Each decoded, in the order given.
PublishedProducts decode_products(std::vector<store::PublishedProduct> products);

} // namespace apicat::catalog

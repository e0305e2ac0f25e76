#pragma once

// Every operation a catalog publishes, with the API and product it comes from and the
// security it needs: what `apicat explore` shows and shell completion offers.

#include "catalog/product_snapshot.hpp"
#include "openapi/draft.hpp"

#include <map>
#include <string>
#include <vector>

namespace apicat::catalog {

struct PublishedOperation {
    std::string product;
    std::string api;
    std::string base_path;                 // "" or "/weather"
    const openapi::Draft* draft = nullptr; // in the decoded product
    openapi::Operation operation;
    std::vector<openapi::SecurityOption> security; // effective for this operation
    const std::map<std::string, openapi::SecurityScheme>* schemes = nullptr; // the API's

    // "GET /weather/current": the method and the path below the catalog's endpoint.
    std::string full_name() const;
};

// In the order of the products, then of each product's APIs and their operations. They point
// into `products`, which must outlive them.
std::vector<PublishedOperation> published_operations(const PublishedProducts& products);

} // namespace apicat::catalog

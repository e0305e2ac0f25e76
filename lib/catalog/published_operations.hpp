#pragma once

// Every operation a catalog publishes, with the API and product it comes from and the
// security it needs: what `apicat explore` shows and shell completion offers.

#include "openapi/draft.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace apicat::catalog {

struct PublishedOperation {
    std::string product;
    std::string api;
    std::string base_path; // "" or "/weather"
    openapi::Draft draft;
    openapi::Operation operation;
    std::vector<openapi::SecurityOption> security; // effective for this operation

    // "GET /weather/current": the method and the path below the catalog's endpoint.
    std::string full_name() const;
};

// In the order of the products, then of each product's APIs and their operations.
std::vector<PublishedOperation>
published_operations(const std::vector<store::PublishedProduct>& products);

} // namespace apicat::catalog

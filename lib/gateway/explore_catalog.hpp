#pragma once

// What the Explore page (explore_page.hpp) shows of a catalog, as JSON: its products with
// their plans, each API with its operations, each operation with its parameters as the draft
// gives them, the security it needs and where it takes an app's credentials.
//
// Every string in it comes from a user's draft or product: the page puts them in its document
// as text, never as markup.

#include "catalog/product_snapshot.hpp"
#include "gateway/engine.hpp"
#include "json.hpp"

#include <optional>
#include <string>

namespace apicat::gateway {

// The app whose credentials the page fills in: the sandbox catalog's test app, as in API
// Connect's test panel. No other app's secret is ever shown.
struct ShownTestApp {
    std::string name;
    ClientCredentials credentials;
};

// {"catalog", "endpoint", "test_app": {"name","client_id","client_secret"} or null,
//  "products": [{"name","version","title","plans":[…],"apis":[{"name","title","version",
//  "base_path","operations":[{"method","path","operation_id","summary","description",
//  "parameters":[{"name","in","required","description","type"}],"has_body",
//  "security":[[{"scheme","kind","in","name"}]],"credentials":{"client_id":{"in","name"},
//  "client_secret":{…}}}]}]}]}
Json explore_catalog_json(const catalog::PublishedProducts& products, const std::string& catalog,
                          const std::string& endpoint, const std::optional<ShownTestApp>& test_app);

} // namespace apicat::gateway

#pragma once

// The JSON shapes of the catalog, product and app commands, documented in the README.

#include "catalog/product_snapshot.hpp"
#include "json.hpp"
#include "product/plan.hpp"
#include "store/store.hpp"

#include <vector>

namespace apicat::cli {

Json subscriptions_json(const std::vector<store::Subscription>& subscriptions);

// {"catalog","name","client_id","state","subscriptions"}; with a secret, "client_secret" too.
Json app_json(const store::App& app, const std::vector<store::Subscription>& subscriptions,
              const std::string& client_secret = {});

// {"name","version","title","catalog","plans":[{"name","rate_limit","limits"}]}
Json published_product_json(const catalog::ProductSnapshot& product);

// {"name","kind","value","hard"} for each of the plan's limits.
Json limits_json(const product::Plan& plan);

} // namespace apicat::cli

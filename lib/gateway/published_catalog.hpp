#pragma once

// What the gateway serves of one catalog's published products: the route table and the plans,
// built from the decoded products alone. Publishing changes only this part of what the engine
// is given, so it is built on its own and replaced whole, apps and subscriptions untouched.

#include "catalog/product_snapshot.hpp"
#include "gateway/routes.hpp"
#include "product/plan.hpp"

#include <map>
#include <string>
#include <utility>

namespace apicat::gateway {

struct PublishedCatalog {
    // Each API's assembly is worked out for `catalog`, whose API properties it uses.
    PublishedCatalog(catalog::PublishedProducts products, const std::string& catalog);

    catalog::PublishedProducts products; // what routes and plans point into
    RouteTable routes;
    // By product name, since a subscription holds across versions; where two versions have a
    // plan of one name, the later version's.
    std::map<std::pair<std::string, std::string>, const product::Plan*> plans; // (product, plan)
    std::map<std::string, std::string> unreadable_plans; // product → why its plans do not read
};

} // namespace apicat::gateway

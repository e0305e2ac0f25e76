#include "gateway/published_catalog.hpp"

namespace apicat::gateway {

PublishedCatalog::PublishedCatalog(catalog::PublishedProducts published, const std::string& catalog)
    : products(std::move(published))
    , routes(products, catalog)
{
    // Ordered by name, then version: a later version's plans replace an earlier one's.
    for (const auto& product : products) {
        if (!product->plans.unreadable.empty()) {
            unreadable_plans[product->name] = product->plans.unreadable;
        }
        for (const product::Plan& plan : product->plans.plans) {
            plans[{product->name, plan.name}] = &plan;
        }
    }
}

} // namespace apicat::gateway

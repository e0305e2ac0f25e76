#include "catalog_json.hpp"

namespace apicat::cli {

Json subscriptions_json(const std::vector<store::Subscription>& subscriptions)
{
    Json list = Json::array();
    for (const store::Subscription& subscription : subscriptions) {
        list.push_back({{"product", subscription.product},
                        {"plan", subscription.plan},
                        {"state", std::string(store::to_text(subscription.state))}});
    }
    return list;
}

Json app_json(const store::App& app, const std::vector<store::Subscription>& subscriptions,
              const std::string& client_secret)
{
    Json json = {{"catalog", app.catalog}, {"name", app.name}, {"client_id", app.client_id}};
    if (!client_secret.empty()) {
        json["client_secret"] = client_secret;
    }
    json["has_secret"] = !app.secret_digest.empty();
    json["state"] = std::string(store::to_text(app.state));
    json["test_app"] = app.test_app;
    json["subscriptions"] = subscriptions_json(subscriptions);
    return json;
}

Json limits_json(const product::Plan& plan)
{
    Json limits = Json::array();
    for (const product::PlanLimit& limit : plan.limits) {
        limits.push_back({{"name", limit.name},
                          {"kind", limit.kind == product::LimitKind::burst ? "burst" : "rate"},
                          {"value", limit.rate.text},
                          {"hard", limit.hard}});
    }
    return limits;
}

Json published_product_json(const catalog::ProductSnapshot& product)
{
    Json plans = Json::array();
    for (const product::Plan& plan : product.plans.readable()) {
        plans.push_back({{"name", plan.name},
                         {"rate_limit", product::limits_text(plan.limits)},
                         {"limits", limits_json(plan)}});
    }
    return {{"name", product.name},
            {"version", product.version},
            {"title", product.title},
            {"catalog", product.catalog},
            {"plans", plans}};
}

} // namespace apicat::cli

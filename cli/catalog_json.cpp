#include "catalog_json.hpp"

namespace apicat::cli {

Json subscriptions_json(const std::vector<store::Subscription>& subscriptions)
{
    Json list = Json::array();
    for (const store::Subscription& subscription : subscriptions) {
        list.push_back({{"product", subscription.product},
                        {"plan", subscription.plan},
                        {"state", subscription.state}});
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
    json["state"] = app.state;
    json["test_app"] = app.test_app;
    json["subscriptions"] = subscriptions_json(subscriptions);
    return json;
}

Json published_product_json(const store::PublishedProduct& product)
{
    Json plans = Json::array();
    const Json product_plans = product.snapshot["product"].value("plans", Json::object());
    for (const auto& [name, plan] : product_plans.items()) {
        std::string rate = "unlimited";
        const Json limits = plan.value("rate-limits", Json::object());
        if (limits.is_object() && !limits.empty()) {
            rate = limits.begin()->value("value", "unlimited");
        }
        plans.push_back({{"name", name}, {"rate_limit", rate}});
    }
    return {{"name", product.name},
            {"version", product.version},
            {"title", product.title},
            {"catalog", product.catalog},
            {"plans", plans}};
}

} // namespace apicat::cli

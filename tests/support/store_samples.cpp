#include "support/store_samples.hpp"

#include <doctest/doctest.h>

namespace apicat::test {

store::App app_named(const std::string& catalog, const std::string& name)
{
    return store::App{.catalog = catalog,
                      .name = name,
                      .client_id = "id-" + catalog + "-" + name,
                      .secret_digest = "digest-" + name,
                      .test_secret = {},
                      .state = store::AppState::active,
                      .test_app = false,
                      .created_at = "2024-05-01T10:00:00Z"};
}

store::PublishedProduct product_named(const std::string& catalog, const std::string& name,
                                      const std::string& version)
{
    return store::PublishedProduct{
        .catalog = catalog,
        .name = name,
        .version = version,
        .title = "The " + name + " product",
        .snapshot = Json::parse(R"({"product": "1.0.0", "info": {"name": ")" + name + R"("}})"),
        .published_at = "2024-05-02T10:00:00Z"};
}

store::Subscription subscription_of(const std::string& catalog, const std::string& app,
                                    const std::string& product)
{
    return store::Subscription{.catalog = catalog,
                               .app = app,
                               .product = product,
                               .plan = "default",
                               .state = store::SubscriptionState::active};
}

std::vector<std::string> app_names(store::Store& store, const std::string& catalog)
{
    std::vector<std::string> names;
    store.read([&](store::Transaction& transaction) {
        for (const auto& app : transaction.apps(catalog)) {
            names.push_back(app.name);
        }
    });
    return names;
}

std::vector<std::string> subscribed(store::Store& store, const std::string& catalog)
{
    std::vector<std::string> pairs;
    store.read([&](store::Transaction& transaction) {
        for (const auto& subscription : transaction.subscriptions(catalog)) {
            pairs.push_back(subscription.app + "/" + subscription.product);
        }
    });
    return pairs;
}

void fill_store(store::Store& store)
{
    store.write([](store::Transaction& transaction) {
        for (const std::string catalog : {"shop", "lab"}) {
            transaction.insert_catalog({catalog, "2024-05-01T09:00:00Z"});
            transaction.put_product(product_named(catalog, "pets", "1.0.0"));
            transaction.put_product(product_named(catalog, "pets", "2.0.0"));
            transaction.put_product(product_named(catalog, "toys", "1.0.0"));
            for (const std::string app : {"alpha", "beta"}) {
                CHECK(transaction.insert_app(app_named(catalog, app)));
                transaction.put_subscription(subscription_of(catalog, app, "pets"));
                transaction.put_subscription(subscription_of(catalog, app, "toys"));
            }
        }
    });
}

} // namespace apicat::test

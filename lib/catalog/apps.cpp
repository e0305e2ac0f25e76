#include "catalog/apps.hpp"

#include "catalog/catalogs.hpp"
#include "catalog/product_snapshot.hpp"
#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "product/product.hpp"
#include "util/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace apicat::catalog {

namespace {

std::string hint_among(const std::string& word, const std::vector<std::string>& names,
                       const std::string& otherwise)
{
    std::string hint = util::did_you_mean(word, names);
    return hint.empty() ? otherwise : hint;
}

std::optional<store::Subscription> find_subscription(store::Transaction& transaction,
                                                     const std::string& catalog,
                                                     const std::string& app,
                                                     const std::string& product)
{
    for (store::Subscription& subscription : transaction.subscriptions(catalog)) {
        if (subscription.app == app && subscription.product == product) {
            return subscription;
        }
    }
    return std::nullopt;
}

} // namespace

ProductSnapshot require_product(store::Transaction& transaction, const std::string& catalog,
                                const std::string& name)
{
    std::optional<store::PublishedProduct> newest;
    std::vector<std::string> names;
    for (store::PublishedProduct& product : transaction.products(catalog)) {
        if (product.name == name) {
            newest = std::move(product); // ordered by version: the last is the newest
        } else {
            names.push_back(product.name);
        }
    }
    if (!newest) {
        throw Error(fmt::format("no product '{}' is published in catalog '{}'", name, catalog),
                    hint_among(name, names, "publish it first: apicat publish PRODUCT_FILE"));
    }
    return decode_product_snapshot(std::move(*newest));
}

RegisteredApp register_app(store::Transaction& transaction, const std::string& catalog,
                           const std::string& name, bool with_secret)
{
    product::check_object_name(name, "app name");
    require_catalog(transaction, catalog);
    if (transaction.find_app(catalog, name)) {
        throw Error(fmt::format("an app named '{}' exists already in catalog '{}'", name, catalog),
                    "choose another name, or see it with 'apicat app show " + name + "'");
    }
    RegisteredApp registered;
    store::App& app = registered.app;
    app.catalog = catalog;
    app.name = name;
    app.client_id = credentials::new_client_id();
    if (with_secret) {
        registered.client_secret = credentials::new_client_secret();
        app.secret_digest = credentials::secret_digest(registered.client_secret);
    }
    app.created_at = now_rfc3339();
    // The name is free (above), so only the new client ID can be taken: at 1 in 2^128 odds.
    if (!transaction.insert_app(app)) {
        throw Error(fmt::format("the client ID made for app '{}' is taken", name),
                    "run the command again to get another");
    }
    return registered;
}

store::App require_app(store::Transaction& transaction, const std::string& catalog,
                       const std::string& name)
{
    require_catalog(transaction, catalog);
    if (auto app = transaction.find_app(catalog, name)) {
        return *app;
    }
    std::vector<std::string> names;
    for (const store::App& app : transaction.apps(catalog)) {
        names.push_back(app.name);
    }
    throw Error(fmt::format("no app '{}' in catalog '{}'", name, catalog),
                hint_among(name, names, "register one with 'apicat app register NAME'"));
}

RegisteredApp reset_secret(store::Transaction& transaction, const std::string& catalog,
                           const std::string& name)
{
    RegisteredApp registered{require_app(transaction, catalog, name),
                             credentials::new_client_secret()};
    registered.app.secret_digest = credentials::secret_digest(registered.client_secret);
    if (registered.app.test_app) {
        registered.app.test_secret = registered.client_secret;
    }
    transaction.update_app(registered.app);
    return registered;
}

void set_app_state(store::Transaction& transaction, const std::string& catalog,
                   const std::string& name, store::AppState state)
{
    store::App app = require_app(transaction, catalog, name);
    app.state = state;
    transaction.update_app(app);
}

void remove_app(store::Transaction& transaction, const std::string& catalog,
                const std::string& name)
{
    const store::App app = require_app(transaction, catalog, name);
    if (app.test_app) {
        throw Error(
            fmt::format("'{}' is the catalog's test app; it goes with its catalog", app.name));
    }
    transaction.delete_app(catalog, name);
}

store::Subscription new_subscription(const ProductSnapshot& published, const std::string& catalog,
                                     const std::string& app, const std::string& plan)
{
    const std::string& product = published.name;
    const std::vector<product::Plan>& plans = published.plans.readable();
    std::vector<std::string> plan_names;
    for (const product::Plan& each : plans) {
        plan_names.push_back(each.name);
    }
    std::string chosen = plan;
    if (chosen.empty()) {
        if (plan_names.size() != 1) {
            throw UsageError(
                fmt::format("product '{}' has {} plans; say which one", product, plan_names.size()),
                fmt::format("its plans: {}", fmt::join(plan_names, ", ")), Input::subscribed_plan);
        }
        chosen = plan_names.front();
    }
    auto found = std::find_if(plans.begin(), plans.end(),
                              [&](const product::Plan& each) { return each.name == chosen; });
    if (found == plans.end()) {
        throw Error(fmt::format("product '{}' has no plan '{}'", product, chosen),
                    hint_among(chosen, plan_names,
                               fmt::format("its plans: {}", fmt::join(plan_names, ", "))));
    }
    bool approval = found->approval;
    store::Subscription subscription{catalog, app, product, chosen,
                                     approval ? store::SubscriptionState::pending
                                              : store::SubscriptionState::active};
    return subscription;
}

store::Subscription subscribe(store::Transaction& transaction, const std::string& catalog,
                              const std::string& app, const std::string& product,
                              const std::string& plan)
{
    require_app(transaction, catalog, app);
    const store::Subscription subscription =
        new_subscription(require_product(transaction, catalog, product), catalog, app, plan);
    if (auto existing = find_subscription(transaction, catalog, app, product);
        existing && existing->plan == subscription.plan) {
        return *existing; // already so: a pending one stays pending
    }
    transaction.put_subscription(subscription);
    return subscription;
}

void unsubscribe(store::Transaction& transaction, const std::string& catalog,
                 const std::string& app, const std::string& product)
{
    require_app(transaction, catalog, app);
    if (!find_subscription(transaction, catalog, app, product)) {
        throw Error(fmt::format("app '{}' is not subscribed to product '{}'", app, product));
    }
    transaction.delete_subscription(catalog, app, product);
}

store::Subscription approve(store::Transaction& transaction, const std::string& catalog,
                            const std::string& app, const std::string& product)
{
    require_app(transaction, catalog, app);
    auto subscription = find_subscription(transaction, catalog, app, product);
    if (!subscription) {
        throw Error(
            fmt::format("app '{}' has no subscription to product '{}' to approve", app, product),
            fmt::format("subscribe first: apicat app subscribe {} {}", app, product));
    }
    subscription->state = store::SubscriptionState::active;
    transaction.put_subscription(*subscription);
    return *subscription;
}

std::vector<store::Subscription> subscriptions_of(store::Transaction& transaction,
                                                  const std::string& catalog,
                                                  const std::string& app)
{
    std::vector<store::Subscription> result;
    for (store::Subscription& subscription : transaction.subscriptions(catalog)) {
        if (subscription.app == app) {
            result.push_back(std::move(subscription));
        }
    }
    return result;
}

} // namespace apicat::catalog

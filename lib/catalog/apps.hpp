#pragma once

// Consumer apps: registration with credentials, secrets reset, suspension, and
// subscriptions to the plans of published products.

#include "catalog/product_snapshot.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::catalog {

struct RegisteredApp {
    store::App app;
    std::string client_secret; // the plain secret, to print once; empty for --no-secret
};

RegisteredApp register_app(store::Transaction& transaction, const std::string& catalog,
                           const std::string& name, bool with_secret);

// The app, or an Error that names the apps there are ("did you mean").
store::App require_app(store::Transaction& transaction, const std::string& catalog,
                       const std::string& name);

// A new secret; the old one stops working with this transaction's commit.
RegisteredApp reset_secret(store::Transaction& transaction, const std::string& catalog,
                           const std::string& name);

void set_app_state(store::Transaction& transaction, const std::string& catalog,
                   const std::string& name, store::AppState state);

// Removes the app and its subscriptions. The catalog's test app is refused (an Error): it goes
// with its catalog.
void remove_app(store::Transaction& transaction, const std::string& catalog,
                const std::string& name);

// The newest published version of a product, or an Error naming the products there are.
ProductSnapshot require_product(store::Transaction& transaction, const std::string& catalog,
                                const std::string& name);

// The subscription of `app` to a plan of `product` as `subscribe` makes it, not yet stored:
// `plan` may be empty when the product has one plan; a plan that needs approval makes it
// pending. Throws the Error naming the plans there are for a plan the product lacks.
store::Subscription new_subscription(const ProductSnapshot& product, const std::string& catalog,
                                     const std::string& app, const std::string& plan);

// Subscribes to a plan of a product published in the catalog: `plan` may be empty when the
// product has one plan. A plan that needs approval leaves the subscription pending.
store::Subscription subscribe(store::Transaction& transaction, const std::string& catalog,
                              const std::string& app, const std::string& product,
                              const std::string& plan);

void unsubscribe(store::Transaction& transaction, const std::string& catalog,
                 const std::string& app, const std::string& product);

store::Subscription approve(store::Transaction& transaction, const std::string& catalog,
                            const std::string& app, const std::string& product);

std::vector<store::Subscription> subscriptions_of(store::Transaction& transaction,
                                                  const std::string& catalog,
                                                  const std::string& app);

} // namespace apicat::catalog

#include "gateway/app_directory.hpp"

#include "credentials/credentials.hpp"

#include <algorithm>

namespace apicat::gateway {

const store::Subscription* AppAccess::subscription_to(const std::string& product) const
{
    const auto found =
        std::find_if(subscriptions.begin(), subscriptions.end(),
                     [&](const store::Subscription& held) { return held.product == product; });
    return found == subscriptions.end() ? nullptr : &*found;
}

AppEntry make_app_access(store::App app, std::vector<store::Subscription> subscriptions)
{
    auto access = std::make_shared<AppAccess>();
    access->secret_sha256 = credentials::digest_from_hex(app.secret_digest);
    access->active = app.state == store::AppState::active;
    access->test_app = app.test_app;
    access->app = std::move(app);
    access->subscriptions = std::move(subscriptions);
    return access;
}

AppEntry read_app_access(store::Transaction& transaction, const std::string& catalog,
                         const std::string& client_id)
{
    std::optional<store::App> app = transaction.find_app_by_client_id(client_id);
    if (!app || app->catalog != catalog) {
        return nullptr;
    }
    std::vector<store::Subscription> subscriptions =
        transaction.app_subscriptions(catalog, app->name);
    return make_app_access(std::move(*app), std::move(subscriptions));
}

StoreAppDirectory::StoreAppDirectory(store::Store& store, std::string catalog)
    : store_(store)
    , catalog_(std::move(catalog))
{
}

AppEntry StoreAppDirectory::find(std::string_view client_id) const
{
    AppEntry found;
    store_.read([&](store::Transaction& transaction) {
        found = read_app_access(transaction, catalog_, std::string(client_id));
    });
    return found;
}

MemoryAppDirectory::MemoryAppDirectory(const std::string& catalog,
                                       const std::vector<store::App>& apps,
                                       const std::vector<store::Subscription>& subscriptions)
{
    for (const store::App& app : apps) {
        if (app.catalog != catalog) {
            continue;
        }
        std::vector<store::Subscription> held;
        for (const store::Subscription& subscription : subscriptions) {
            if (subscription.catalog == catalog && subscription.app == app.name) {
                held.push_back(subscription);
            }
        }
        by_client_id_[app.client_id] = make_app_access(app, std::move(held));
    }
}

AppEntry MemoryAppDirectory::find(std::string_view client_id) const
{
    const auto found = by_client_id_.find(client_id);
    return found == by_client_id_.end() ? nullptr : found->second;
}

} // namespace apicat::gateway

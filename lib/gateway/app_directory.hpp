#pragma once

// How the engine finds the app that calls: by client ID, one app at a time, never the whole
// catalog's apps in memory. The gateway looks apps up through a bounded cache over the store
// (app_cache.hpp); in-process `apicat invoke` asks the store directly (an indexed lookup); the
// engine's unit tests use MemoryAppDirectory.

#include "credentials/sha256.hpp"
#include "store/store.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apicat::gateway {

// One app of the catalog served, with its subscriptions in it.
struct AppAccess {
    // What every call reads of its app, together at the front: a call that reaches an app no
    // other call used lately waits on memory for each cache line it reads (docs/gateway.md,
    // "Calls spread over many apps"). Made from `app` by make_app_access.
    std::optional<credentials::Sha256Digest> secret_sha256; // nullopt: no secret matches
    bool active = false;                                    // app.state is AppState::active
    bool test_app = false;
    std::vector<store::Subscription> subscriptions; // ordered by product
    store::App app;

    // Its subscription to `product`, or nullptr.
    const store::Subscription* subscription_to(const std::string& product) const;
};

// Shared with the requests that use it, so that a refresh can replace it while they run.
using AppEntry = std::shared_ptr<const AppAccess>;

// The entry of `app`, its front filled from it.
AppEntry make_app_access(store::App app, std::vector<store::Subscription> subscriptions);

class AppDirectory {
public:
    virtual ~AppDirectory() = default;

    // The app of the catalog with this client ID, or nullptr when the catalog has none (an app
    // of another catalog is none of this one's). Thread-safe in every implementation. Throws
    // what reading the store throws.
    virtual AppEntry find(std::string_view client_id) const = 0;
};

// Reads one app and its subscriptions in `transaction`: nullptr when `catalog` has no app with
// that client ID.
AppEntry read_app_access(store::Transaction& transaction, const std::string& catalog,
                         const std::string& client_id);

// One read transaction per lookup: for `apicat invoke`, a process that makes one call.
class StoreAppDirectory final : public AppDirectory {
public:
    StoreAppDirectory(store::Store& store, std::string catalog);
    AppEntry find(std::string_view client_id) const override;

private:
    store::Store& store_;
    std::string catalog_;
};

// Apps given up front, for unit tests of the engine.
class MemoryAppDirectory final : public AppDirectory {
public:
    MemoryAppDirectory(const std::string& catalog, const std::vector<store::App>& apps,
                       const std::vector<store::Subscription>& subscriptions);
    AppEntry find(std::string_view client_id) const override;

private:
    std::map<std::string, AppEntry, std::less<>> by_client_id_;
};

} // namespace apicat::gateway

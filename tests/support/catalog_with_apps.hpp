#pragma once

// A catalog's published products with its apps and subscriptions, as the engine's unit tests
// and the gateway fuzzer build them; the engine is given the apps through a
// MemoryAppDirectory.

#include "gateway/app_directory.hpp"
#include "gateway/engine.hpp"

#include <string>
#include <vector>

namespace apicat::test {

// The secret the engine's tests register their apps with (the store keeps its digest) and send
// as their X-IBM-Client-Secret.
inline const std::string app_secret = "the-secret";

struct CatalogWithApps {
    gateway::CatalogSnapshot published;
    std::vector<store::App> apps;
    std::vector<store::Subscription> subscriptions;

    gateway::MemoryAppDirectory directory() const
    {
        return gateway::MemoryAppDirectory(published.catalog, apps, subscriptions);
    }
};

} // namespace apicat::test

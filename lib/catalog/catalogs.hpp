#pragma once

// Catalogs: named publishing targets. `sandbox` exists from the first use, and every catalog
// has a test app, created with it, subscribed to everything published there.

#include "store/store.hpp"

#include <string>

namespace apicat::catalog {

inline constexpr const char* default_catalog = "sandbox";

// The gateway's base URL for a catalog's APIs.
std::string endpoint_url(const std::string& catalog);

// The name of a catalog's test app: "sandbox-test-app".
std::string test_app_name(const std::string& catalog);

// Creates the default catalog (and its test app) if the store has none yet.
void ensure_default_catalog(store::Transaction& transaction);

// Creates a catalog with its test app. Throws Error when it exists.
store::Catalog create_catalog(store::Transaction& transaction, const std::string& name);

// The catalog, or an Error naming the catalogs there are ("did you mean").
store::Catalog require_catalog(store::Transaction& transaction, const std::string& name);

// The current time as RFC 3339 UTC, for created_at and published_at.
std::string now_rfc3339();

} // namespace apicat::catalog

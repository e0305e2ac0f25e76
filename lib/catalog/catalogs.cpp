#include "catalog/catalogs.hpp"

#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "product/product.hpp"
#include "util/suggest.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>

namespace apicat::catalog {

std::string endpoint_url(const std::string& catalog)
{
    return "http://127.0.0.1:9080/" + catalog;
}

std::string test_app_name(const std::string& catalog)
{
    return catalog + "-test-app";
}

std::string now_rfc3339()
{
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

store::Catalog create_catalog(store::Transaction& transaction, const std::string& name)
{
    product::check_object_name(name, "catalog name");
    if (transaction.find_catalog(name)) {
        throw Error(fmt::format("catalog '{}' exists already", name));
    }
    store::Catalog catalog{name, now_rfc3339()};
    transaction.insert_catalog(catalog);

    // The test app's secret is the one secret apicat keeps retrievable: it exists to be
    // shown again ('apicat catalog show') for trying the catalog's APIs.
    store::App test_app;
    test_app.catalog = name;
    test_app.name = test_app_name(name);
    test_app.client_id = credentials::new_client_id();
    test_app.test_secret = credentials::new_client_secret();
    test_app.secret_digest = credentials::secret_digest(test_app.test_secret);
    test_app.test_app = true;
    test_app.created_at = catalog.created_at;
    // A new catalog has no app yet, so only the new client ID can be taken: at 1 in 2^128 odds.
    if (!transaction.insert_app(test_app)) {
        throw Error(
            fmt::format("the client ID made for the test app of catalog '{}' is taken", name),
            "run the command again to get another");
    }
    return catalog;
}

void ensure_default_catalog(store::Transaction& transaction)
{
    if (transaction.catalogs().empty()) {
        create_catalog(transaction, default_catalog);
    }
}

store::Catalog require_catalog(store::Transaction& transaction, const std::string& name)
{
    if (auto catalog = transaction.find_catalog(name)) {
        return *catalog;
    }
    std::vector<std::string> names;
    for (const store::Catalog& catalog : transaction.catalogs()) {
        names.push_back(catalog.name);
    }
    std::string hint = util::did_you_mean(name, names);
    throw Error(fmt::format("no catalog '{}'", name),
                hint.empty() ? fmt::format("the catalogs: {}; create one with 'apicat catalog "
                                           "create NAME'",
                                           fmt::join(names, ", "))
                             : hint);
}

} // namespace apicat::catalog

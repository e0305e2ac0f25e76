// The catalog's rules for apps, on a real store (a SQLite file in a scratch folder).

#include "catalog/apps.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "store/sqlite_store.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;
using apicat::test::ScratchDir;

namespace {

std::string error_removing(store::Store& store, const std::string& name)
{
    try {
        store.write([&](store::Transaction& transaction) {
            catalog::remove_app(transaction, "sandbox", name);
        });
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("removing an app takes it and its subscriptions, but never the test app")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    store->write([](store::Transaction& transaction) {
        catalog::create_catalog(transaction, "sandbox");
        catalog::register_app(transaction, "sandbox", "weather-app", true);
        transaction.put_subscription({"sandbox", "weather-app", "weather-product", "default",
                                      store::SubscriptionState::active});
    });

    CHECK(error_removing(*store, "weather-app") == "(no error)");
    store->read([](store::Transaction& transaction) {
        CHECK_FALSE(transaction.find_app("sandbox", "weather-app").has_value());
        CHECK(transaction.app_subscriptions("sandbox", "weather-app").empty());
    });

    const std::string test_app = catalog::test_app_name("sandbox");
    CHECK(error_removing(*store, test_app) ==
          "'" + test_app + "' is the catalog's test app; it goes with its catalog");
    store->read([&](store::Transaction& transaction) {
        CHECK(transaction.find_app("sandbox", test_app).has_value());
    });
    CHECK(error_removing(*store, "no-such-app").find("no-such-app") != std::string::npos);
}

// The catalog `gateway serve` serves, following the store through its change sequence: the
// apps a change names are looked up again, a change of products rebuilds the routes, and
// nothing else is read again.

#include "catalog/apps.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "gateway/server_catalog.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_store.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;

namespace {

const char* served_weather_draft = R"({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1"},
  "basePath": "/weather",
  "paths": {"/current": {"get": {"responses": {"200": {"description": "OK"}}}}},
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id"}
  },
  "security": [{"client-id": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "mock:"}}]}}
})";

store::PublishedProduct weather_product(const std::string& base_path = "/weather")
{
    Json snapshot = {{"product", Json::parse(R"({"plans": {"default": {}}})")},
                     {"apis",
                      {{"weather",
                        {{"file", "w.yaml"},
                         {"openapi", "2.0"},
                         {"base_path", base_path},
                         {"document", Json::parse(served_weather_draft)}}}}}};
    return {"sandbox", "weather-product", "1.0.0", "W", snapshot, "2026-01-01T00:00:00Z"};
}

struct ServedCatalogFixture {
    test::ScratchDir scratch;
    std::unique_ptr<store::Store> writer = store::open_sqlite_store(scratch.path());

    ServedCatalogFixture()
    {
        write([](store::Transaction& transaction) {
            catalog::ensure_default_catalog(transaction);
            catalog::create_catalog(transaction, "staging");
            transaction.put_product(weather_product());
        });
    }

    void write(const std::function<void(store::Transaction&)>& work) { writer->write(work); }

    std::string register_subscribed(const std::string& name, const std::string& catalog = "sandbox")
    {
        std::string client_id;
        write([&](store::Transaction& transaction) {
            if (catalog != "sandbox") {
                transaction.put_product([&] {
                    store::PublishedProduct product = weather_product();
                    product.catalog = catalog;
                    return product;
                }());
            }
            client_id = catalog::register_app(transaction, catalog, name, false).app.client_id;
            catalog::subscribe(transaction, catalog, name, "weather-product", "");
        });
        return client_id;
    }
};

int served_status(const gateway::ServedCatalog& served, const std::string& client_id,
                  const std::string& path = "/sandbox/weather/current")
{
    const gateway::Decision decision =
        served.decide({"GET", path, {{"X-IBM-Client-Id", client_id}}, ""});
    const auto* answer = std::get_if<gateway::Answer>(&decision.action);
    return answer != nullptr ? answer->status : 0;
}

} // namespace

TEST_CASE("a served catalog looks an app up when it first calls, and holds it")
{
    ServedCatalogFixture f;
    const std::string id = f.register_subscribed("weather-app");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    CHECK(served.apps_held() == 0); // nothing read at start but the products
    CHECK(served_status(served, id) == 200);
    CHECK(served_status(served, "00000000000000000000000000000000") == 401);
    CHECK(served.apps_held() == 2); // the app, and the client ID that is not one
    CHECK(served_status(served, id) == 200);
    CHECK(served.apps_held() == 2);
}

TEST_CASE("a served catalog refreshes the apps a change names, and only them")
{
    ServedCatalogFixture f;
    const std::string kept = f.register_subscribed("kept");
    const std::string changed = f.register_subscribed("changed");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    const std::string later = "0123456789abcdef0123456789abcdef";
    CHECK(served_status(served, kept) == 200);
    CHECK(served_status(served, changed) == 200);
    CHECK(served_status(served, later) == 401);
    CHECK(served.apps_held() == 3);
    CHECK_FALSE(served.refresh());

    f.write([](store::Transaction& transaction) {
        catalog::set_app_state(transaction, "sandbox", "changed", store::AppState::suspended);
    });
    CHECK(served.refresh());
    CHECK(served.apps_held() == 2); // 'changed' is forgotten; the others are held still
    CHECK(served_status(served, changed) == 403);
    CHECK(served_status(served, kept) == 200);

    // A client ID that was not registered is looked up again once it is.
    f.write([&](store::Transaction& transaction) {
        store::App app = catalog::require_app(transaction, "sandbox", "kept");
        app.name = "later";
        app.client_id = later;
        CHECK(transaction.insert_app(app));
        transaction.put_subscription(
            {"sandbox", "later", "weather-product", "default", store::SubscriptionState::active});
    });
    CHECK(served.refresh());
    CHECK(served_status(served, later) == 200);

    // An unsubscription names the app too.
    f.write([](store::Transaction& transaction) {
        catalog::unsubscribe(transaction, "sandbox", "kept", "weather-product");
    });
    CHECK(served.refresh());
    CHECK(served_status(served, kept) == 403);
}

TEST_CASE("a served catalog ignores the changes of other catalogs")
{
    ServedCatalogFixture f;
    const std::string id = f.register_subscribed("weather-app");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    CHECK(served_status(served, id) == 200);
    f.register_subscribed("elsewhere", "staging");
    CHECK_FALSE(served.refresh());
    CHECK(served.apps_held() == 1);
}

TEST_CASE("a served catalog rebuilds its routes when its products change, keeping its apps")
{
    ServedCatalogFixture f;
    const std::string id = f.register_subscribed("weather-app");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    CHECK(served_status(served, id) == 200);
    f.write([](store::Transaction& transaction) {
        transaction.put_product(weather_product("/forecast"));
    });
    CHECK(served.refresh());
    CHECK(served_status(served, id) == 404);
    CHECK(served_status(served, id, "/sandbox/forecast/current") == 200);
    CHECK(served.apps_held() == 1);
}

TEST_CASE("a bulk change forgets every app of the catalog at once")
{
    ServedCatalogFixture f;
    const std::string id = f.register_subscribed("weather-app");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    CHECK(served_status(served, id) == 200);
    f.write([](store::Transaction& transaction) {
        for (int index = 0; index <= 1000; ++index) {
            catalog::register_app(transaction, "sandbox", "bulk-" + std::to_string(index), false);
        }
        catalog::set_app_state(transaction, "sandbox", "weather-app", store::AppState::suspended);
    });
    std::int64_t entries = 0;
    f.writer->read([&](store::Transaction& transaction) {
        store::ChangesSince since = transaction.changes_since(0);
        for (const store::Change& change : since.changes) {
            entries += change.kind == store::ChangeKind::all_apps ? 1 : 0;
        }
    });
    CHECK(entries == 1);
    CHECK(served.refresh());
    CHECK(served.apps_held() == 0);
    CHECK(served_status(served, id) == 403);
}

TEST_CASE("a served catalog that fell behind the kept changes reads everything again")
{
    ServedCatalogFixture f;
    const std::string id = f.register_subscribed("weather-app");
    gateway::ServedCatalog served(store::open_sqlite_store(f.scratch.path()), "sandbox");
    CHECK(served_status(served, id) == 200);
    // 10,000 changes of another catalog, one commit each would be slow: prune by hand instead,
    // as the store does once more than the kept number of changes came after one.
    f.write([](store::Transaction& transaction) {
        catalog::set_app_state(transaction, "sandbox", "weather-app", store::AppState::suspended);
    });
    store::Connection(f.scratch.path() / "apicat.db")
        .execute("DELETE FROM changes WHERE sequence < (SELECT max(sequence) FROM changes)");
    f.write([](store::Transaction& transaction) {
        catalog::register_app(transaction, "staging", "other", false);
    });
    f.writer->read([](store::Transaction& transaction) {
        CHECK_FALSE(transaction.changes_since(1).complete);
    });
    CHECK(served.refresh());
    CHECK(served.apps_held() == 0);
    CHECK(served_status(served, id) == 403);
}

TEST_CASE("a served catalog needs its catalog to exist")
{
    ServedCatalogFixture f;
    CHECK_THROWS_AS(gateway::ServedCatalog(store::open_sqlite_store(f.scratch.path()), "nope"),
                    Error);
}

// Publishing a product into a catalog (catalog/publish.hpp), on a real store (a SQLite file in
// a scratch folder): the snapshot built from the product's files, what a first publish, a
// republish and a new version store, what they tell a running gateway through the change
// sequence, and what they refuse. The checks of each draft are test_catalog_publish_checks.cpp's.

#include "catalog/catalogs.hpp"
#include "catalog/publish.hpp"
#include "errors.hpp"
#include "openapi/draft.hpp"
#include "product/product.hpp"
#include "store/sqlite_store.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

using namespace apicat;
using apicat::test::ScratchDir;

namespace {

// A 2.0 draft served under `base`, forwarding to `upstream`, secured by a client ID, with
// GET /current and whatever `more_paths` adds.
std::string publish_test_draft(const std::string& base, const std::string& upstream,
                               const std::string& more_paths = "")
{
    return "swagger: '2.0'\n"
           "info: {title: Weather, version: '1.0.0'}\n"
           "basePath: " +
           base +
           "\n"
           "x-ibm-configuration:\n"
           "  assembly:\n"
           "    execute:\n"
           "      - invoke: {target-url: '" +
           upstream +
           "'}\n"
           "securityDefinitions:\n"
           "  client-id: {type: apiKey, in: header, name: X-IBM-Client-Id}\n"
           "security: [{client-id: []}]\n"
           "paths:\n"
           "  /current:\n"
           "    get:\n"
           "      operationId: getCurrent\n"
           "      responses: {'200': {description: OK}}\n" +
           more_paths;
}

const std::string publish_test_forecast = "  /forecast:\n    get:\n      operationId: getForecast\n"
                                          "      responses: {'200': {description: OK}}\n";

// weather-product at `version`, with the given apis and plans (YAML flow mappings).
std::string publish_test_product(
    const std::string& version, const std::string& apis = "{weather-api: {$ref: weather.yaml}}",
    const std::string& plans = "{default: {title: Default, rate-limits: {default: {value: "
                               "100/1hour}}}}")
{
    return "product: 1.0.0\n"
           "info: {name: weather-product, title: Weather Product, version: " +
           version + "}\napis: " + apis + "\nplans: " + plans + "\n";
}

product::Product publish_test_load(const ScratchDir& scratch, const std::string& name,
                                   const std::string& text)
{
    return product::load_product(scratch.write(name, text).string());
}

// A store in the scratch folder with catalog sandbox (and its test app).
std::unique_ptr<store::Store> publish_test_store(const ScratchDir& scratch)
{
    auto store = store::open_sqlite_store(scratch.path() / "home");
    store->write(
        [](store::Transaction& transaction) { catalog::create_catalog(transaction, "sandbox"); });
    return store;
}

// Builds the product's snapshot and publishes it to `catalog` in one write.
catalog::PublishResult publish_test_publish(store::Store& store, const product::Product& product,
                                            const std::string& catalog = "sandbox")
{
    catalog::PublishResult result;
    store.write([&](store::Transaction& transaction) {
        result = catalog::publish(transaction, catalog, product,
                                  catalog::build_snapshot(product, catalog).snapshot);
    });
    return result;
}

// The message and hint of the Error `work` throws, "(no error)" when it throws none.
template <typename Work> std::pair<std::string, std::string> publish_test_refusal(Work&& work)
{
    try {
        work();
    } catch (const Error& error) {
        return {error.what(), error.hint()};
    }
    return {"(no error)", ""};
}

std::int64_t publish_test_last_change(store::Store& store)
{
    std::int64_t last = 0;
    store.read([&](store::Transaction& transaction) { last = transaction.last_change(); });
    return last;
}

std::vector<store::Change> publish_test_changes_since(store::Store& store, std::int64_t sequence)
{
    store::ChangesSince since;
    store.read(
        [&](store::Transaction& transaction) { since = transaction.changes_since(sequence); });
    CHECK(since.complete);
    return since.changes;
}

std::string publish_test_client_id(store::Store& store)
{
    std::string client_id;
    store.read([&](store::Transaction& transaction) {
        client_id = transaction.find_app("sandbox", catalog::test_app_name("sandbox"))->client_id;
    });
    return client_id;
}

} // namespace

TEST_CASE("publishing builds a snapshot of the product and its drafts, in the product's order")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    scratch.write("forecast.json",
                  R"({"openapi": "3.0.3", "info": {"title": "Forecast", "version": "2"},
  "servers": [{"url": "https://gw.example.com/forecast"}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "https://f.example.com"}}]}},
  "paths": {"/days": {"get": {"responses": {"200": {"description": "OK"}}}}}}
)");
    product::Product product = publish_test_load(
        scratch, "weather-product.yaml",
        publish_test_product("1.0.0", "{weather-api: {$ref: weather.yaml}, forecast-api: {$ref: "
                                      "forecast.json}}"));

    catalog::BuiltSnapshot built = catalog::build_snapshot(product, "sandbox");
    CHECK(built.warnings.empty());
    CHECK(built.snapshot["product"] == product.document);
    const Json& apis = built.snapshot["apis"];
    REQUIRE(apis.size() == 2);
    CHECK(apis.items().begin().key() == "weather-api");

    const Json& weather = apis["weather-api"];
    CHECK(weather["file"] == "weather.yaml"); // as the product refers to it
    CHECK(weather["openapi"] == "2.0");
    CHECK(weather["base_path"] == "/weather");
    CHECK(weather["document"] ==
          openapi::load_draft((scratch.path() / "weather.yaml").string()).document);

    const Json& forecast = apis["forecast-api"];
    CHECK(forecast["file"] == "forecast.json");
    CHECK(forecast["openapi"] == "3.0.3");
    CHECK(forecast["base_path"] == "/forecast");
    CHECK(forecast["document"]["servers"][0]["url"] == "https://gw.example.com/forecast");
}

TEST_CASE("publishing keeps each draft's warnings, located")
{
    ScratchDir scratch;
    // An operation that admits callers only through OAuth, which the gateway does not check.
    std::string text = publish_test_draft("/weather", "https://up.example.com",
                                          "  /token:\n    get:\n      security: [{token: []}]\n"
                                          "      responses: {'200': {description: OK}}\n");
    const std::string anchor = "securityDefinitions:\n";
    text.insert(text.find(anchor) + anchor.size(),
                "  token: {type: oauth2, flow: application, tokenUrl: 'https://a.example/t', "
                "scopes: {}}\n");
    scratch.write("weather.yaml", text);
    product::Product product =
        publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0"));

    catalog::BuiltSnapshot built = catalog::build_snapshot(product, "sandbox");
    REQUIRE(built.warnings.size() == 1);
    CHECK(built.warnings[0].severity == openapi::Finding::Severity::warning);
    CHECK(built.warnings[0].message.find("'token' of GET /token needs oauth2") !=
          std::string::npos);
    // On the line of the option, under GET /token.
    const std::size_t option = text.find("      security: [{token: []}]");
    CHECK(built.warnings[0].at.line ==
          1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(option), '\n'));
    CHECK(built.warnings[0].at.file == (scratch.path() / "weather.yaml").string());
    // A warning does not stop the snapshot.
    CHECK(built.snapshot["apis"]["weather-api"]["document"]["paths"].contains("/token"));
}

TEST_CASE("publishing refuses a product whose drafts or plans the gateway cannot serve")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    auto refusal_for = [&](const std::string& product_text) {
        product::Product product = publish_test_load(scratch, "p.yaml", product_text);
        return publish_test_refusal([&] { catalog::build_snapshot(product, "sandbox"); });
    };
    const std::string product_file = (scratch.path() / "p.yaml").string();

    auto [missing, missing_hint] =
        refusal_for(publish_test_product("1.0.0", "{weather-api: {$ref: gone.yaml}}"));
    CHECK(missing == product_file + ": api 'weather-api': '" +
                         (scratch.path() / "gone.yaml").string() + "' is not there");
    CHECK(missing_hint == "write the draft's path relative to the product file");

    scratch.write("untitled.yaml", "swagger: '2.0'\ninfo: {title: W}\n"
                                   "x-ibm-configuration: {assembly: {execute: [{invoke: "
                                   "{target-url: 'https://up.example.com'}}]}}\n"
                                   "paths: {}\n");
    auto [invalid, invalid_hint] =
        refusal_for(publish_test_product("1.0.0", "{untitled: {$ref: untitled.yaml}}"));
    const std::string untitled = (scratch.path() / "untitled.yaml").string();
    CHECK(invalid == untitled + ":2:7: 'info.version' is missing");
    CHECK(invalid_hint == "'apicat api validate " + untitled + "' lists every problem");

    scratch.write("copy.yaml", publish_test_draft("/weather", "https://other.example.com"));
    CHECK(refusal_for(publish_test_product(
              "1.0.0", "{weather-api: {$ref: weather.yaml}, copy-api: {$ref: copy.yaml}}")) ==
          std::pair<std::string, std::string>{
              product_file + ": apis 'weather-api' and 'copy-api' are both served under '/weather'",
              "give one of them another base path"});

    CHECK(refusal_for(publish_test_product(
              "1.0.0", "{weather-api: {$ref: weather.yaml}}",
              "{default: {apis: {weather-api: {operations: [{operationId: getForcast}]}}}}")) ==
          std::pair<std::string, std::string>{
              product_file + ": plan 'default' lists operation getForcast of api 'weather-api', "
                             "which it does not have",
              "its operations: getCurrent (GET /current)"});
    // Listing one it has is fine.
    CHECK(refusal_for(
              publish_test_product("1.0.0", "{weather-api: {$ref: weather.yaml}}",
                                   "{default: {apis: {weather-api: {operations: [{operationId: "
                                   "getCurrent}]}}}}"))
              .first == "(no error)");
}

TEST_CASE("a first publish stores the snapshot, subscribes the test app and tells the gateway")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    product::Product product =
        publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0"));
    auto store = publish_test_store(scratch);
    const std::int64_t before = publish_test_last_change(*store);
    const std::string test_client_id = publish_test_client_id(*store);

    catalog::PublishResult result = publish_test_publish(*store, product);
    CHECK_FALSE(result.republished);
    CHECK(result.changes.empty());

    store->read([&](store::Transaction& transaction) {
        auto stored = transaction.find_product("sandbox", "weather-product", "1.0.0");
        REQUIRE(stored.has_value());
        CHECK(stored->title == "Weather Product");
        CHECK(stored->snapshot == catalog::build_snapshot(product, "sandbox").snapshot);
        CHECK_FALSE(stored->published_at.empty());

        auto subscriptions =
            transaction.app_subscriptions("sandbox", catalog::test_app_name("sandbox"));
        REQUIRE(subscriptions.size() == 1);
        CHECK(subscriptions[0].product == "weather-product");
        CHECK(subscriptions[0].plan == "default");
        CHECK(subscriptions[0].state == store::SubscriptionState::active);
    });

    // One write: the catalog's products changed, and so did the test app's subscriptions.
    std::vector<store::Change> changes = publish_test_changes_since(*store, before);
    REQUIRE(changes.size() == 2);
    CHECK(publish_test_last_change(*store) > before);
    auto products = std::find_if(changes.begin(), changes.end(), [](const store::Change& change) {
        return change.kind == store::ChangeKind::products;
    });
    REQUIRE(products != changes.end());
    CHECK(products->catalog == "sandbox");
    auto app = std::find_if(changes.begin(), changes.end(), [](const store::Change& change) {
        return change.kind == store::ChangeKind::app;
    });
    REQUIRE(app != changes.end());
    CHECK(app->catalog == "sandbox");
    CHECK(app->client_id == test_client_id);
}

TEST_CASE("republishing the same version replaces the snapshot and says what changed")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    product::Product first =
        publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0"));
    auto store = publish_test_store(scratch);
    publish_test_publish(*store, first);

    // Nothing edited: a republish with no changes.
    catalog::PublishResult same = publish_test_publish(*store, first);
    CHECK(same.republished);
    CHECK(same.changes.empty());

    // An operation more, another upstream, a plan more.
    scratch.write("weather.yaml",
                  publish_test_draft("/weather", "https://new.example.com", publish_test_forecast));
    product::Product second = publish_test_load(
        scratch, "weather-product.yaml",
        publish_test_product("1.0.0", "{weather-api: {$ref: weather.yaml}}",
                             "{default: {title: Default}, gold: {title: Gold, approval: true}}"));
    const std::int64_t before = publish_test_last_change(*store);
    catalog::PublishResult result = publish_test_publish(*store, second);
    CHECK(result.republished);
    CHECK(result.changes == std::vector<std::string>{"added operation GET /forecast (weather-api)",
                                                     "changed upstream (weather-api)",
                                                     "changed plan default", "added plan gold"});
    store->read([&](store::Transaction& transaction) {
        CHECK(transaction.products("sandbox").size() == 1);
        auto stored = transaction.find_product("sandbox", "weather-product", "1.0.0");
        REQUIRE(stored.has_value());
        CHECK(stored->snapshot["apis"]["weather-api"]["document"]["paths"].contains("/forecast"));
    });
    std::vector<store::Change> changes = publish_test_changes_since(*store, before);
    CHECK(std::any_of(changes.begin(), changes.end(), [](const store::Change& change) {
        return change.kind == store::ChangeKind::products && change.catalog == "sandbox";
    }));

    // An operation made public, one removed, the security schemes and the base path edited.
    std::string third_draft = publish_test_draft("/weather/v1", "https://new.example.com");
    third_draft.replace(third_draft.find("      operationId: getCurrent\n"),
                        std::string("      operationId: getCurrent\n").size(),
                        "      operationId: getCurrent\n      security: []\n");
    third_draft.replace(third_draft.find("X-IBM-Client-Id"), std::string("X-IBM-Client-Id").size(),
                        "X-Client-Id");
    scratch.write("weather.yaml", third_draft);
    catalog::PublishResult third = publish_test_publish(*store, second);
    CHECK(third.changes == std::vector<std::string>{"changed operation GET /current (weather-api)",
                                                    "removed operation GET /forecast (weather-api)",
                                                    "changed security definitions (weather-api)",
                                                    "changed base path (weather-api)"});

    // An API more, and one fewer.
    scratch.write("other.yaml", publish_test_draft("/other", "https://other.example.com"));
    product::Product swapped = publish_test_load(
        scratch, "weather-product.yaml",
        publish_test_product("1.0.0", "{other-api: {$ref: other.yaml}}",
                             "{default: {title: Default}, gold: {title: Gold, approval: true}}"));
    CHECK(publish_test_publish(*store, swapped).changes ==
          std::vector<std::string>{"added API other-api", "removed API weather-api"});
}

TEST_CASE("a republish over a snapshot that does not read replaces it, and says so")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    product::Product product =
        publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0"));
    auto store = publish_test_store(scratch);
    store->write([](store::Transaction& transaction) {
        transaction.put_product(store::PublishedProduct{"sandbox", "weather-product", "1.0.0",
                                                        "Old", Json{{"shape", "older"}},
                                                        "2020-01-01T00:00:00Z"});
    });

    catalog::PublishResult result = publish_test_publish(*store, product);
    CHECK(result.republished);
    REQUIRE(result.changes.size() == 1);
    CHECK(result.changes[0].rfind("replaced a snapshot that did not read (", 0) == 0);
    store->read([&](store::Transaction& transaction) {
        CHECK(transaction.find_product("sandbox", "weather-product", "1.0.0")->title ==
              "Weather Product");
    });
}

TEST_CASE("a new version is published beside the old one, under a base path of its own")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    auto store = publish_test_store(scratch);
    publish_test_publish(
        *store, publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0")));

    // Under the base path the first version serves, it is refused, naming that version.
    product::Product clashing =
        publish_test_load(scratch, "weather-product-2.yaml", publish_test_product("2.0.0"));
    const std::int64_t before = publish_test_last_change(*store);
    auto [message, hint] = publish_test_refusal([&] { publish_test_publish(*store, clashing); });
    CHECK(message == clashing.file +
                         ": api 'weather-api' would be served under '/weather', where catalog "
                         "'sandbox' already serves 'weather-api' of product weather-product:1.0.0");
    CHECK(hint == "give the API another base path, or unpublish the other product first "
                  "('apicat product unpublish')");
    CHECK(publish_test_last_change(*store) == before); // nothing was written

    scratch.write("weather-2.yaml", publish_test_draft("/weather/v2", "https://up.example.com"));
    product::Product second =
        publish_test_load(scratch, "weather-product-2.yaml",
                          publish_test_product("2.0.0", "{weather-api: {$ref: weather-2.yaml}}"));
    catalog::PublishResult result = publish_test_publish(*store, second);
    CHECK_FALSE(result.republished);
    CHECK(result.changes.empty());
    store->read([&](store::Transaction& transaction) {
        std::vector<std::string> versions;
        for (const store::PublishedProduct& stored : transaction.products("sandbox")) {
            CHECK(stored.name == "weather-product");
            versions.push_back(stored.version);
        }
        std::sort(versions.begin(), versions.end());
        CHECK(versions == std::vector<std::string>{"1.0.0", "2.0.0"});
        // A subscription holds across a product's versions: still the one.
        CHECK(transaction.app_subscriptions("sandbox", catalog::test_app_name("sandbox")).size() ==
              1);
    });
}

TEST_CASE("publishing refuses a catalog that does not exist, and a base path another product "
          "serves")
{
    ScratchDir scratch;
    scratch.write("weather.yaml", publish_test_draft("/weather", "https://up.example.com"));
    product::Product product =
        publish_test_load(scratch, "weather-product.yaml", publish_test_product("1.0.0"));
    auto store = publish_test_store(scratch);

    auto [message, hint] =
        publish_test_refusal([&] { publish_test_publish(*store, product, "sandbx"); });
    CHECK(message == "no catalog 'sandbx'");
    CHECK(hint == "did you mean 'sandbox'?");

    publish_test_publish(*store, product);
    scratch.write("rival.yaml", publish_test_draft("/weather", "https://rival.example.com"));
    product::Product rival = publish_test_load(
        scratch, "rival-product.yaml",
        "product: 1.0.0\ninfo: {name: rival, title: Rival, version: 1.0.0}\n"
        "apis: {rival-api: {$ref: rival.yaml}}\nplans: {default: {title: Default}}\n");
    auto [taken, taken_hint] = publish_test_refusal([&] { publish_test_publish(*store, rival); });
    CHECK(taken == rival.file +
                       ": api 'rival-api' would be served under '/weather', where catalog "
                       "'sandbox' already serves 'weather-api' of product weather-product:1.0.0");
    store->read([&](store::Transaction& transaction) {
        CHECK_FALSE(transaction.find_product("sandbox", "rival", "1.0.0").has_value());
        CHECK(transaction.app_subscriptions("sandbox", catalog::test_app_name("sandbox")).size() ==
              1);
    });
}

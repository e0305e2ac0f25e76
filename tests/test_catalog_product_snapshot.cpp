// A published product decoded once from the snapshot the store holds: every field of a good
// one, plans that no longer read kept as the reason, and each malformed shape named.

#include "catalog/product_snapshot.hpp"

#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "gateway/engine.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;
using namespace apicat::catalog;

namespace {

const char* const weather_draft_json = R"json({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1.0.0"},
  "basePath": "/weather",
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id"},
    "client-secret": {"type": "apiKey", "in": "query", "name": "client_secret"},
    "OAuth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t.example/token"}
  },
  "security": [{"client-id": [], "client-secret": []}],
  "paths": {
    "/current": {"get": {"operationId": "getCurrent", "responses": {"200": {"description": "ok"}}}},
    "/open": {"get": {"security": [], "responses": {"200": {"description": "ok"}}}}
  },
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "http://up.example"}}]}}
})json";

Json good_snapshot()
{
    return Json{{"product", Json::parse(R"({"info": {"name": "p", "version": "1"},
                                 "plans": {"default": {"rate-limits": {"r": {"value": "5/1minute"}}},
                                           "gold": {"approval": true}}})")},
                {"apis",
                 {{"weather",
                   {{"file", "weather.yaml"},
                    {"openapi", "2.0"},
                    {"base_path", "/weather"},
                    {"document", Json::parse(weather_draft_json)}}}}}};
}

store::PublishedProduct published(Json snapshot)
{
    return store::PublishedProduct{
        "sandbox", "p", "1", "P", std::move(snapshot), "2024-01-01T00:00:00Z"};
}

// The message decoding `snapshot` throws; fails the test when it throws nothing.
std::string malformed(Json snapshot)
{
    try {
        decode_product_snapshot(published(std::move(snapshot)));
    } catch (const Error& e) {
        CHECK(e.hint().find("publish the product again") != std::string::npos);
        return e.what();
    }
    FAIL("the snapshot decoded");
    return "";
}

} // namespace

TEST_CASE("a published product decodes into its plans, APIs, operations and security")
{
    const ProductSnapshot product = decode_product_snapshot(published(good_snapshot()));
    CHECK(product.id() == "p:1");
    CHECK(product.catalog == "sandbox");
    CHECK(product.title == "P");
    CHECK(product.published_at == "2024-01-01T00:00:00Z");
    CHECK(product.plans.unreadable.empty());
    REQUIRE(product.plans.readable().size() == 2);
    CHECK(product.plans.plans[0].name == "default");
    CHECK(product.plans.plans[1].approval);
    REQUIRE(product.apis.size() == 1);
    const ApiSnapshot& api = product.apis.front();
    CHECK(product.find_api("weather") == &api);
    CHECK(product.find_api("other") == nullptr);
    CHECK(api.file == "weather.yaml");
    CHECK(api.base_path == "/weather");
    CHECK(api.draft.version == openapi::OpenApiVersion::v2);
    CHECK(api.draft.source.file == "weather.yaml");
    CHECK(api.draft.document["info"]["title"] == "Weather");
    REQUIRE(api.operations.size() == 2);
    CHECK(api.operations[0].ref.str() == "GET /current");
    REQUIRE(api.security.size() == 2);
    CHECK(api.security[0] == std::vector<openapi::SecurityOption>{{"client-id", "client-secret"}});
    CHECK(api.security[1].empty()); // public
    using Kind = openapi::SecurityScheme::Kind;
    using In = openapi::SecurityScheme::In;
    CHECK(api.schemes.at("client-id").kind == Kind::client_id);
    CHECK(api.schemes.at("client-id").in == In::header);
    CHECK(api.schemes.at("client-secret").kind == Kind::client_secret);
    CHECK(api.schemes.at("client-secret").in == In::query);
    CHECK(api.schemes.at("client-secret").name == "client_secret");
    CHECK(api.schemes.at("OAuth").kind == Kind::unchecked);
}

TEST_CASE("a 3.x API decodes with its version, and several decode in the order given")
{
    Json snapshot = good_snapshot();
    snapshot["apis"]["weather"]["openapi"] = "3.0.3";
    PublishedProducts products =
        decode_products({published(good_snapshot()),
                         store::PublishedProduct{"sandbox", "q", "2", "Q", snapshot, ""}});
    REQUIRE(products.size() == 2);
    CHECK(products[0]->id() == "p:1");
    CHECK(products[1]->id() == "q:2");
    CHECK(products[1]->apis.front().draft.version == openapi::OpenApiVersion::v3);
}

TEST_CASE("plans that no longer read are kept as the reason, not thrown")
{
    Json snapshot = good_snapshot();
    snapshot["product"]["plans"]["default"]["rate-limits"]["r"]["value"] = "lots";
    const ProductSnapshot product = decode_product_snapshot(published(snapshot));
    CHECK(product.plans.plans.empty());
    CHECK(product.plans.unreadable.find("published product p:1") != std::string::npos);
    CHECK(product.apis.size() == 1); // the rest of the product still reads
    CHECK_THROWS_WITH_AS(product.plans.readable(), doctest::Contains("published product p:1"),
                         Error);
}

TEST_CASE(
    "the gateway refuses the calls of a product whose plans do not read with a 500 saying why")
{
    Json snapshot = good_snapshot();
    snapshot["product"]["plans"]["default"]["rate-limits"]["r"]["value"] = "lots";
    store::App app;
    app.catalog = "sandbox";
    app.name = "good";
    app.client_id = "11111111111111111111111111111111";
    app.secret_digest = credentials::secret_digest("s");
    app.state = store::AppState::active;
    gateway::CatalogSnapshot catalog{"sandbox", decode_products({published(snapshot)})};
    const gateway::MemoryAppDirectory apps(
        "sandbox", {app}, {{"sandbox", "good", "p", "default", store::SubscriptionState::active}});
    std::unique_ptr<gateway::RateLimiter> limiter = gateway::make_memory_rate_limiter();
    gateway::Engine engine(std::move(catalog), apps, *limiter,
                           [] { return std::int64_t{1'000'000'000}; });
    gateway::Decision decision =
        engine.decide(gateway::Request{"GET",
                                       "/sandbox/weather/current?client_secret=s",
                                       {{"X-IBM-Client-Id", app.client_id}},
                                       ""});
    const auto* answer = std::get_if<gateway::Answer>(&decision.action);
    REQUIRE(answer != nullptr);
    CHECK(answer->status == 500);
    CHECK(answer->body.find("cannot be read") != std::string::npos);
    CHECK(answer->body.find("publish the product again") != std::string::npos);
}

TEST_CASE("each malformed snapshot is named with the product and what is wrong")
{
    CHECK(malformed(Json::array()) ==
          "the snapshot of published product p:1 is malformed: it is not an object");

    Json no_product = good_snapshot();
    no_product.erase("product");
    CHECK(malformed(no_product).find("it has no \"product\" object") != std::string::npos);

    Json no_apis = good_snapshot();
    no_apis["apis"] = Json::array();
    CHECK(malformed(no_apis).find("it has no \"apis\" object") != std::string::npos);

    Json api_not_object = good_snapshot();
    api_not_object["apis"]["weather"] = "weather.yaml";
    CHECK(malformed(api_not_object).find("api 'weather' is not an object") != std::string::npos);

    for (const char* field : {"file", "base_path", "openapi"}) {
        CAPTURE(field);
        Json missing = good_snapshot();
        missing["apis"]["weather"].erase(field);
        CHECK(malformed(missing).find(std::string("api 'weather' has no \"") + field +
                                      "\" string") != std::string::npos);
        Json mistyped = good_snapshot();
        mistyped["apis"]["weather"][field] = 7;
        CHECK(malformed(mistyped).find(std::string("api 'weather' has no \"") + field +
                                       "\" string") != std::string::npos);
    }

    Json unknown_version = good_snapshot();
    unknown_version["apis"]["weather"]["openapi"] = "1.2";
    CHECK(malformed(unknown_version).find("api 'weather' has OpenAPI version '1.2'") !=
          std::string::npos);

    Json no_document = good_snapshot();
    no_document["apis"]["weather"]["document"] = "swagger: '2.0'";
    CHECK(malformed(no_document).find("api 'weather' has no \"document\" object") !=
          std::string::npos);
}

#include "gateway/explore_catalog.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;

namespace {

const char* items_draft = R"({
  "swagger": "2.0",
  "info": {"title": "<b>Weather</b>", "version": "2.1"},
  "basePath": "/weather",
  "paths": {
    "/items/{id}": {
      "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"},
                     {"name": "verbose", "in": "query", "type": "boolean"}],
      "put": {"summary": "Replace an item",
              "parameters": [{"name": "verbose", "in": "query", "type": "integer",
                              "description": "the operation's own"},
                             {"name": "item", "in": "body", "schema": {"type": "object"}}],
              "responses": {"200": {"description": "OK"}}},
      "get": {"security": [], "responses": {"200": {"description": "OK"}}}
    },
    "/basic": {"get": {"security": [{"basic-auth": []}, {"oauth": []}],
                       "responses": {"200": {"description": "OK"}}}}
  },
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "query", "name": "client_id"},
    "basic-auth": {"type": "basic"},
    "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t.example"}
  },
  "security": [{"client-id": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "mock:"}}]}}
})";

catalog::PublishedProducts products()
{
    Json snapshot = {
        {"product",
         Json::parse(
             R"({"plans": {"gold": {"title": "Gold", "rate-limits": {"hourly": {"value": "100/1hour"}}},
                                   "free": {"title": "Free"}}})")},
        {"apis",
         {{"items",
           {{"file", "items.yaml"},
            {"openapi", "2.0"},
            {"base_path", "/weather"},
            {"document", Json::parse(items_draft)}}}}}};
    return catalog::decode_products({store::PublishedProduct{"sandbox", "items-product", "1.0.0",
                                                             "Items & more", snapshot, ""}});
}

const Json* find_operation(const Json& listed, const std::string& method, const std::string& path)
{
    for (const Json& operation : listed["products"][0]["apis"][0]["operations"]) {
        if (operation["method"] == method && operation["path"] == path) {
            return &operation;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("the Explore page's catalog lists products, plans, APIs and operations as published")
{
    const Json listed =
        explore_catalog_json(products(), "sandbox", "http://127.0.0.1:1/sandbox", std::nullopt);
    CHECK(listed["catalog"] == "sandbox");
    CHECK(listed["endpoint"] == "http://127.0.0.1:1/sandbox");
    CHECK(listed["test_app"].is_null());
    const Json& product = listed["products"][0];
    CHECK(product["title"] == "Items & more");
    CHECK(product["plans"].size() == 2);
    const Json& api = product["apis"][0];
    CHECK(api["name"] == "items");
    CHECK(api["title"] == "<b>Weather</b>"); // as written: the page shows it as text
    CHECK(api["version"] == "2.1");
    CHECK(api["base_path"] == "/weather");
    CHECK(api["operations"].size() == 3);
}

TEST_CASE("the Explore page's operations carry their parameters, the operation's over the path's")
{
    const Json listed = explore_catalog_json(products(), "sandbox", "", std::nullopt);
    const Json* put = find_operation(listed, "PUT", "/items/{id}");
    REQUIRE(put != nullptr);
    CHECK((*put)["summary"] == "Replace an item");
    CHECK((*put)["has_body"] == true);
    const Json& parameters = (*put)["parameters"];
    REQUIRE(parameters.size() == 3);
    CHECK(parameters[0]["name"] == "verbose");
    CHECK(parameters[0]["type"] == "integer");
    CHECK(parameters[0]["description"] == "the operation's own");
    CHECK(parameters[1]["name"] == "item");
    CHECK(parameters[1]["type"] == "object");
    CHECK(parameters[2]["name"] == "id");
    CHECK(parameters[2]["in"] == "path");
    CHECK(parameters[2]["required"] == true);

    const Json* get = find_operation(listed, "GET", "/items/{id}");
    REQUIRE(get != nullptr);
    CHECK((*get)["has_body"] == false);
    CHECK((*get)["parameters"].size() == 2);
}

TEST_CASE("the Explore page's operations say what security they need and where credentials go")
{
    const Json listed = explore_catalog_json(products(), "sandbox", "", std::nullopt);
    const Json* put = find_operation(listed, "PUT", "/items/{id}");
    REQUIRE(put != nullptr);
    CHECK((*put)["security"] == Json::parse(R"([[{"scheme": "client-id", "kind": "client_id",
                                                   "in": "query", "name": "client_id"}]])"));
    CHECK((*put)["credentials"] ==
          Json::parse(R"({"client_id": {"in": "query", "name": "client_id"}})"));

    const Json* public_get = find_operation(listed, "GET", "/items/{id}");
    REQUIRE(public_get != nullptr);
    CHECK((*public_get)["security"].empty());
    CHECK((*public_get)["credentials"].empty());

    const Json* basic = find_operation(listed, "GET", "/basic");
    REQUIRE(basic != nullptr);
    CHECK((*basic)["security"][0][0]["kind"] == "basic");
    CHECK((*basic)["security"][1][0]["kind"] == "unchecked"); // oauth2: not basic, not an apiKey
    CHECK((*basic)["credentials"]["client_id"] ==
          Json::parse(R"({"in": "basic", "name": "Authorization"})"));
}

TEST_CASE("the Explore page's catalog carries the test app's credentials only when given them")
{
    const Json listed = explore_catalog_json(products(), "sandbox", "",
                                             ShownTestApp{"sandbox-test-app", {"0123", "s3cret"}});
    CHECK(listed["test_app"] ==
          Json::parse(
              R"({"name": "sandbox-test-app", "client_id": "0123", "client_secret": "s3cret"})"));
}

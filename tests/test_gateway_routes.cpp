#include "gateway/routes.hpp"

#include <doctest/doctest.h>

#include <optional>

using apicat::gateway::match_template;
using apicat::gateway::path_under;

TEST_CASE("a path is under a prefix it equals or continues with a slash")
{
    CHECK(path_under("/sandbox", "/sandbox"));
    CHECK(path_under("/sandbox/", "/sandbox"));
    CHECK(path_under("/sandbox/weather/current", "/sandbox"));
    // A longer name that begins the same is another catalog or base path.
    CHECK_FALSE(path_under("/sandboxes", "/sandbox"));
    CHECK_FALSE(path_under("/sand", "/sandbox"));
    CHECK_FALSE(path_under("/other/sandbox", "/sandbox"));
    CHECK(path_under("/anything", ""));
    CHECK(path_under("", ""));
}

TEST_CASE("a path template fits the paths of its shape, literal segments first")
{
    const std::optional<int> literal = match_template("/items/all", "/items/all");
    const std::optional<int> templated = match_template("/items/{id}", "/items/all");
    REQUIRE(literal.has_value());
    REQUIRE(templated.has_value());
    CHECK(*literal > *templated); // "/items/all" is more specific than "/items/{id}"
    CHECK(match_template("/items/{id}", "/items/7").has_value());
    CHECK_FALSE(match_template("/items/{id}", "/items/7/parts").has_value());
    CHECK_FALSE(match_template("/items/{id}", "/things/7").has_value());
}

TEST_CASE("a path template's segments count one by one, empty ones too")
{
    CHECK(match_template("/items/{id}/parts", "/items/7/parts") == 4);
    CHECK_FALSE(match_template("/items/{id}/parts", "/items/7").has_value()); // a segment short
    CHECK_FALSE(match_template("/items/{id}", "/items/").has_value()); // a parameter is never empty
    CHECK(match_template("/", "/") == 2);                              // one empty segment each
    CHECK_FALSE(match_template("/", "//").has_value());
    CHECK(match_template("/a//b", "/a//b") == 6);
    CHECK(match_template("", "") == 2);
}

TEST_CASE("a path template gives the value of each of its parameters")
{
    CHECK(apicat::gateway::path_parameter("/items/{id}", "/items/7", "id") == "7");
    CHECK_FALSE(apicat::gateway::path_parameter("/items/{id}", "/items/7", "name").has_value());
    CHECK_FALSE(apicat::gateway::path_parameter("/items/{id}", "/things/7", "id").has_value());
}

TEST_CASE("a route table names each method of a path once, and the API a 405 comes from")
{
    using apicat::Json;
    Json document = Json::parse(R"({
      "swagger": "2.0", "info": {"title": "W", "version": "1"}, "basePath": "/w",
      "paths": {"/items/{id}": {"get": {"responses": {"200": {"description": "OK"}}},
                                "delete": {"responses": {"204": {"description": "gone"}}}},
                "/items/special": {"get": {"responses": {"200": {"description": "OK"}}}}},
      "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "http://up"}}]}}
    })");
    Json snapshot = {{"product", Json::object()},
                     {"apis",
                      {{"w",
                        {{"file", "w.yaml"},
                         {"openapi", "2.0"},
                         {"base_path", "/w"},
                         {"document", document}}}}}};
    const apicat::gateway::RouteTable table(
        apicat::catalog::decode_products(
            {apicat::store::PublishedProduct{"sandbox", "p", "1.0.0", "P", snapshot, ""}}),
        "sandbox");
    const std::vector<std::string> both = {"GET", "DELETE"};

    // Two templates fit with GET: the 405 names it once.
    const apicat::gateway::RouteResult post = table.find("POST", "/w/items/special");
    CHECK_FALSE(post.route.has_value());
    CHECK(post.allowed_methods == both);
    REQUIRE(post.path_api != nullptr);
    CHECK(post.path_api->name == "w");
    CHECK(table.find("GET", "/w/nothing").path_api == nullptr);

    CHECK(apicat::gateway::methods_at(*post.path_api, "/w/items/special") == both);
    CHECK(apicat::gateway::methods_at(*post.path_api, "/w/items/7") == both);
    CHECK(apicat::gateway::methods_at(*post.path_api, "/w/nothing").empty());
    CHECK(apicat::gateway::methods_at(*post.path_api, "/other/items/7").empty());
}

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

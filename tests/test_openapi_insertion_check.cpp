#include "openapi/insertion_check.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::openapi;

namespace {

// The insertion is `inserted` in `before + inserted + after`.
bool reads_as(Syntax syntax, const std::string& before, const std::string& inserted,
              const std::string& after, Insertion::Kind kind, const Json& expected)
{
    Source source{syntax == Syntax::json ? "draft.json" : "draft.yaml", "", syntax};
    std::string patched = before + inserted + after;
    return insertion_reads_as_expected(
        source, patched, Insertion{kind, before.size(), before.size() + inserted.size(), expected});
}

} // namespace

TEST_CASE("a block insertion reads on its own at its column, and must mean what was intended")
{
    const std::string before = "info:\n  title: T\n";
    const std::string after = "paths: {}\n";
    Json expected = {{"x-name", {{"a", 1}}}};
    CHECK(reads_as(Syntax::yaml, before, "  x-name:\n    a: 1\n", after, Insertion::Kind::block,
                   expected));
    CHECK_FALSE(reads_as(Syntax::yaml, before, "  x-name:\n    a: 2\n", after,
                         Insertion::Kind::block, expected));
    CHECK_FALSE(reads_as(Syntax::yaml, before, "  x-name:\n    a: '1'\n", after,
                         Insertion::Kind::block, expected));
    // Not YAML at all: the whole document is checked instead.
    CHECK_FALSE(reads_as(Syntax::yaml, before, "  x-name: [a: 1\n", after, Insertion::Kind::block,
                         expected));
    // A sequence item.
    CHECK(reads_as(Syntax::yaml, "security:\n- a: []\n", "- b: []\n", "", Insertion::Kind::block,
                   Json::array({{{"b", Json::array()}}})));
}

TEST_CASE("a JSON member is read as the only member of its collection")
{
    const std::string before = "{\n  \"a\": 1";
    const std::string after = "\n}\n";
    CHECK(reads_as(Syntax::json, before + ",", "\n  \"b\": {\"c\": [1, 2]}", after,
                   Insertion::Kind::json_member, {{"b", {{"c", {1, 2}}}}}));
    CHECK_FALSE(reads_as(Syntax::json, before + ",", "\n  \"b\": {\"c\": [1, 3]}", after,
                         Insertion::Kind::json_member, {{"b", {{"c", {1, 2}}}}}));
    // Two members where one was meant.
    CHECK_FALSE(reads_as(Syntax::json, before + ",", "\"b\": 1, \"c\": 2", after,
                         Insertion::Kind::json_member, {{"b", 1}}));
    CHECK(reads_as(Syntax::json, "[1,", " 2", "]", Insertion::Kind::json_member, Json::array({2})));
}

#include "openapi/nesting.hpp"
#include "openapi/source.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;
using namespace apicat::openapi;

namespace {

// A document whose value under "x" makes it `depth` levels deep in all (the mapping is one).
std::string nested_json(int depth)
{
    const auto inner = static_cast<std::size_t>(depth - 1);
    return R"({"openapi": "3.0.3", "x": )" + std::string(inner, '[') + std::string(inner, ']') +
           "}";
}

std::string nesting_error(const std::string& name, const std::string& text)
{
    try {
        parse_source(source_from_text(name, text));
    } catch (const Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("documents may nest up to the limit, in JSON and in YAML")
{
    CHECK(nesting_error("d.json", nested_json(max_nesting_depth)) == "(no error)");
    CHECK(nesting_error("d.json", nested_json(max_nesting_depth + 1)) ==
          "d.json: the document is nested more than 256 levels deep (under 'x')");
    // JSON is YAML: the same text read by the YAML reader meets the same limit.
    CHECK(nesting_error("d.yaml", nested_json(max_nesting_depth)) == "(no error)");
    CHECK(nesting_error("d.yaml", nested_json(max_nesting_depth + 1)) ==
          "d.yaml: the document is nested more than 256 levels deep (under 'x')");
    // A top level that is a sequence has no key to name.
    const std::string sequences = std::string(300, '[') + std::string(300, ']');
    CHECK(nesting_error("s.json", sequences) ==
          "s.json: the document is nested more than 256 levels deep");
}

TEST_CASE("excess nesting is found at any depth without recursing")
{
    Json deep = Json::array();
    for (int level = 0; level < 1'000'000; ++level) {
        deep = Json::array({std::move(deep)});
    }
    CHECK(find_excess_nesting(deep) == std::string());
    CHECK_FALSE(find_excess_nesting(Json{{"a", {{"b", {1, 2, 3}}}}}));
}

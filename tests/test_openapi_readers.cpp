#include "errors.hpp"
#include "openapi/source.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace apicat;
using namespace apicat::openapi;

namespace {

Json read(const std::string& name, const std::string& text)
{
    return parse_source(source_from_text(name, text));
}

std::string reading_error(const std::string& name, const std::string& text)
{
    try {
        read(name, text);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("YAML: an alias used as a key stands for the anchored scalar's text")
{
    Json document = read("d.yaml", "a: &k \"x\n  y\"\n*k : 1\nb: &n 200\n*n : 2\n");
    CHECK(document["x y"] == 1);
    CHECK(document["200"] == 2);
    CHECK(reading_error("d.yaml", "a: &m {b: 1}\n*m : 1\n")
              .find("d.yaml:2:2: a mapping key must be") != std::string::npos);
}

TEST_CASE("YAML: an alias that names no anchor, and a block scalar under its key, are refused")
{
    CHECK(reading_error("d.yaml", "a: 1\nb: *nowhere\n")
              .find("d.yaml:2:5: invalid YAML: the alias") != std::string::npos);
    // libfyaml reads such lines into the scalar, with a text it never wrote.
    std::string under_key = reading_error("d.yaml", "a:\n  b: |-\n  x\n    more\n");
    CHECK(under_key.find("d.yaml:3:3: invalid YAML: a scalar's line is not indented") !=
          std::string::npos);
    CHECK(reading_error("d.yaml", "a:\n  ? |-\n  x\n  : v\n").find("d.yaml:3:3") !=
          std::string::npos);
    CHECK(read("d.yaml", "a:\n  b: |-\n    x\n      more\n\n    last\n")["a"]["b"] ==
          "x\n  more\n\nlast");
    CHECK(read("d.yaml", "k:\n- |\n  x\n- >-\n  y\n  z\n")["k"] == Json::array({"x\n", "y z"}));
    // Quoted scalars alike: libfyaml read this key as "k140folded".
    CHECK(reading_error("d.yaml", "a:\n  ? \"k140\\\n    \\ \nfolded\"\n  : 1\n")
              .find("d.yaml:4:1") != std::string::npos);
    CHECK(read("d.yaml", "? \"a\n b\"\n: 1\nc: 'x\n  y'\n") == Json{{"a b", 1}, {"c", "x y"}});
}

TEST_CASE(
    "YAML: doubled quotes in single-quoted scalars, which libfyaml misreads, read as YAML says")
{
    Json document = read("d.yaml", "a: '''''27'\n'''''27': 1\nb: 'it''s\n  folded'\nc: ''''\n");
    CHECK(document["a"] == "''27");
    CHECK(document["''27"] == 1);
    CHECK(document["b"] == "it's folded");
    CHECK(document["c"] == "'");
}

// Found by the draft_edits fuzzer (fuzz/corpus/draft_edits/regression-empty-block-scalar-at-end):
// libfyaml 0.7.12 read `x: |` ending the text as "\0", and an edit that appended after it
// changed the value to "".
TEST_CASE("YAML: an empty block scalar at the end of the text is empty")
{
    for (const char* text : {"x: |\n", "x: >\n", "x: |+\n", "x: |2\n", "x: | # c\n", "x: |\r\n",
                             "%YAML 1.2\n---\nx: |\n"}) {
        CAPTURE(text);
        CHECK(read("d.yaml", text) == Json{{"x", ""}});
    }
    CHECK(read("d.yaml", "- |\n") == Json::array({""}));
    CHECK(read("d.yaml", "a:\n  x: |\n") == Json{{"a", {{"x", ""}}}});
    // Where libfyaml was right already.
    CHECK(read("d.yaml", "x: |\ny: 1\n") == Json{{"x", ""}, {"y", 1}});
    CHECK(read("d.yaml", "x: |+\n\n") == Json{{"x", "\n"}});
}

// A fuzzed product file: libfyaml 0.7.12 read past the text printing the line of this error,
// and `apicat` crashed. Errors are now collected with their place, not printed.
TEST_CASE("YAML: an error whose line libfyaml cannot print is reported with its place")
{
    const auto path = std::filesystem::path(APICAT_SOURCE_DIR) / "fuzz" / "corpus" /
                      "product_file" / "regression-flow-scalar-error-display";
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    REQUIRE_FALSE(text.str().empty());
    CHECK(reading_error("p.yaml", text.str()) ==
          "p.yaml:2:907: invalid YAML: single-quoted scalar without closing quote");
    // Errors found elsewhere in libfyaml keep their place as before.
    CHECK(reading_error("p.yaml", "a: [1, 2\nb: }") ==
          "p.yaml:2:4: invalid YAML: mismatched flow mapping end");
    CHECK(reading_error("p.yaml", "a: !<x y> 1") ==
          "p.yaml:1:7: invalid YAML: missing '>' uri terminator");
}

TEST_CASE("YAML: an empty key is null unless a tag makes it a string")
{
    CHECK(read("d.yaml", "? \n: 1\n").contains("null"));
    CHECK(read("d.yaml", "! : 1\n").contains(""));
}

TEST_CASE("YAML: duplicate keys are found in small and in large mappings")
{
    std::string large;
    for (int i = 0; i < 40; ++i) {
        large += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    }
    CHECK(read("d.yaml", large).size() == 40);
    CHECK(reading_error("d.yaml", large + "k7: again\n").find("d.yaml:41:1: duplicate key 'k7'") !=
          std::string::npos);
    CHECK(reading_error("d.yaml", "a: 1\nb: 2\na: 3\n").find("d.yaml:3:1: duplicate key 'a'") !=
          std::string::npos);
}

TEST_CASE("YAML: nesting through aliases counts as nesting")
{
    std::string deep = "a: &deep " + std::string(200, '[') + std::string(200, ']') + "\n";
    std::string under = "b: " + std::string(60, '[');
    CHECK(reading_error("d.yaml", deep + under + "*deep" + std::string(60, ']') + "\n")
              .find("nested more than 256 levels deep (under 'b')") != std::string::npos);
    CHECK(read("d.yaml", deep + "b: [[*deep]]\n")["b"].is_array());
}

TEST_CASE("JSON: what simdjson declines is read by nlohmann's parser, as before")
{
    // Beyond 64 bits: a double, as nlohmann reads it.
    Json big = read("d.json", "{\"n\": 123456789012345678901234567890}");
    CHECK(big["n"].is_number_float());
    // Duplicate keys: nlohmann's reading (the last one wins).
    CHECK(read("d.json", "{\"a\": 1, \"a\": 2}")["a"] == 2);
    // Integers as nlohmann types them: unsigned when not negative.
    Json numbers = read("d.json", "{\"u\": 5, \"i\": -5, \"f\": 1.5}");
    CHECK(numbers["u"].is_number_unsigned());
    CHECK(numbers["i"].is_number_integer());
    CHECK(numbers["f"] == 1.5);
    CHECK(reading_error("d.json", "{\"a\": [1,}").find("d.json:1:10: invalid JSON") !=
          std::string::npos);
    CHECK(reading_error("d.json", "{\"e\": 1e400}").find("d.json: invalid JSON: number overflow") !=
          std::string::npos);
}

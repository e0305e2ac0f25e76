#include "openapi/layout.hpp"
#include "openapi/nesting.hpp"

#include <doctest/doctest.h>

using namespace apicat::openapi;

namespace {

std::string text_of(std::string_view text, const LayoutNode& node)
{
    return std::string(text.substr(node.begin, node.end - node.begin));
}

const LayoutNode& at(const LayoutNode& root, const std::vector<std::string>& path)
{
    const LayoutNode* node = find_layout_node(root, path);
    REQUIRE(node != nullptr);
    return *node;
}

} // namespace

TEST_CASE("layout finds block mapping entries and where their values end")
{
    std::string text = "a: 1\nb:\n  c: two words  # comment\n  d: [x, y]\ne: last\n";
    LayoutNode root = parse_layout(text);
    REQUIRE(root.is_mapping());
    CHECK(root.entries.size() == 3);
    CHECK(text_of(text, at(root, {"b", "c"})) == "two words");
    CHECK(text_of(text, at(root, {"b", "d"})) == "[x, y]");
    CHECK(at(root, {"b", "d"}).flow);
    CHECK(at(root, {"b"}).indent == 2);
    CHECK(text_of(text, at(root, {"b"})) == "c: two words  # comment\n  d: [x, y]");
    CHECK(text_of(text, at(root, {"e"})) == "last");
}

TEST_CASE("layout reads block sequences, compact and indented, with mappings in items")
{
    std::string text = "list:\n- name: a\n  in: query\n- name: b\nnext:\n  - x\n  - y\n";
    LayoutNode root = parse_layout(text);
    const LayoutNode& list = at(root, {"list"});
    REQUIRE(list.is_sequence());
    CHECK(list.indent == 0);
    CHECK(list.items.size() == 2);
    CHECK(text_of(text, at(root, {"list", "0", "in"})) == "query");
    CHECK(at(root, {"list", "0"}).indent == 2);
    CHECK(at(root, {"next"}).indent == 2);
    CHECK(text_of(text, at(root, {"next", "1"})) == "y");
}

TEST_CASE("layout decodes quoted keys and spans quoted and multi-line scalars")
{
    std::string text = "'200':\n  description: \"a \\\"quoted\\\" one\"\n\"it''s\": 'it''s'\n"
                       "long: first line\n  second line\nafter: 1\n";
    LayoutNode root = parse_layout(text);
    CHECK(text_of(text, at(root, {"200", "description"})) == "\"a \\\"quoted\\\" one\"");
    CHECK(text_of(text, at(root, {"it''s"})) == "'it''s'");
    CHECK(text_of(text, at(root, {"long"})) == "first line\n  second line");
    CHECK(text_of(text, at(root, {"after"})) == "1");
}

TEST_CASE("layout ends a block scalar at its last content line")
{
    std::string text = "description: |\n  line one\n\n  line three\n\nnext: x\n";
    LayoutNode root = parse_layout(text);
    CHECK(text_of(text, at(root, {"description"})) == "|\n  line one\n\n  line three");
    CHECK(text_of(text, at(root, {"next"})) == "x");
}

TEST_CASE("layout skips anchors, tags and comments and reads aliases")
{
    std::string text = "# head\nbase: &b\n  x: 1\ncopy: *b\ntagged: !!str 5\n";
    LayoutNode root = parse_layout(text);
    CHECK(at(root, {"base"}).is_mapping());
    CHECK(text_of(text, at(root, {"base", "x"})) == "1");
    CHECK(at(root, {"copy"}).kind == LayoutNode::Kind::alias);
    CHECK(text_of(text, at(root, {"tagged"})) == "5");
}

TEST_CASE("layout reads JSON as flow collections, with the closing bracket")
{
    std::string text = "{\n  \"a\": {\"b\": [1, 2]},\n  \"c\": \"x,y\"\n}\n";
    LayoutNode root = parse_layout(text);
    REQUIRE(root.flow);
    CHECK(text[root.close] == '}');
    CHECK(text_of(text, at(root, {"a", "b", "1"})) == "2");
    CHECK(text_of(text, at(root, {"c"})) == "\"x,y\"");
}

TEST_CASE("layout handles CRLF line ends")
{
    std::string text = "a:\r\n  b: 1\r\n  c: two\r\nd: 3\r\n";
    LayoutNode root = parse_layout(text);
    CHECK(text_of(text, at(root, {"a", "c"})) == "two");
    CHECK(text_of(text, at(root, {"a"})) == "b: 1\r\n  c: two");
}

TEST_CASE("layout marks a key with nothing after it as an empty value")
{
    std::string text = "a:\nb:   # nothing\nc: 1\n";
    LayoutNode root = parse_layout(text);
    CHECK(at(root, {"a"}).empty);
    CHECK(at(root, {"b"}).empty);
    CHECK(text_of(text, at(root, {"c"})) == "1");
}

TEST_CASE("layout refuses what it does not cover")
{
    CHECK_THROWS_AS(parse_layout("? [complex]\n: key\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("s: [a: 1]\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("s: [? a : 1]\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("~: 1\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("? \n: 1\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("a: &x [1]\n*x : 2\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("a: 1\n---\nb: 2\n"), LayoutUnsupported);
    CHECK_THROWS_AS(parse_layout("   \n# only a comment\n"), LayoutUnsupported);
}

TEST_CASE("line index gives 0-based lines and columns")
{
    LineIndex lines("ab\ncd\n");
    CHECK(lines.line_of(0) == 0);
    CHECK(lines.line_of(4) == 1);
    CHECK(lines.column_of(4) == 1);
    CHECK(lines.line_start(4) == 3);
}

// Found by fuzz/product_file.cpp: a product file of tabs and 3,435 '[' that yaml-cpp read as
// something shallow led this reader down until the stack overflowed.
TEST_CASE("layout reads nesting as deep as apicat reads documents, and refuses deeper")
{
    const auto brackets = [](std::size_t depth) {
        return "a: " + std::string(depth, '[') + std::string(depth, ']') + "\n";
    };
    const std::string deepest = brackets(max_nesting_depth);
    CHECK(parse_layout(deepest).kind == LayoutNode::Kind::mapping);
    CHECK_THROWS_AS(parse_layout(brackets(100'000)), LayoutUnsupported);
}

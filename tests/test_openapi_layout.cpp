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

TEST_CASE(
    "layout folds a plain scalar's line that starts with '- ' or '? ' into it, as PyYAML wraps")
{
    // PyYAML wraps "Lists the items - one ? two ? three" at a blank: a line may start with "- ".
    std::string text = "x:\n  a: Lists the items\n    - one ? two\n    ? three\n  f: 1\n";
    LayoutNode root = parse_layout(text);
    CHECK(at(root, {"x"}).entries.size() == 2);
    CHECK(text_of(text, at(root, {"x", "a"})) == "Lists the items\n    - one ? two\n    ? three");
    CHECK_THROWS_AS(parse_layout("x:\n  a: b\n    : c\n"), LayoutUnsupported);
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

std::vector<std::string> keys_of(const LayoutNode& mapping)
{
    std::vector<std::string> keys;
    for (const LayoutEntry& entry : mapping.entries) {
        keys.push_back(entry.key);
    }
    return keys;
}

TEST_CASE("layout reads explicit keys as PyYAML writes keys longer than 128 characters")
{
    std::string text = "paths:\n"
                       "  ? /a/long/path\n"
                       "  : get:\n"
                       "      responses: {}\n"
                       "    post: {}\n"
                       "  /short: {}\n";
    LayoutNode root = parse_layout(text);
    const LayoutNode& paths = at(root, {"paths"});
    CHECK(keys_of(paths) == std::vector<std::string>{"/a/long/path", "/short"});
    const LayoutEntry& entry = paths.entries[0];
    CHECK(text[entry.key_begin] == '?');
    CHECK(text[entry.colon] == ':');
    CHECK(LineIndex(text).line_of(entry.colon) == 2);
    // The value is a compact mapping that starts on the ':' line, its keys in column 4.
    CHECK(entry.value.indent == 4);
    CHECK(keys_of(entry.value) == std::vector<std::string>{"get", "post"});
    CHECK(text_of(text, at(root, {"paths", "/a/long/path", "post"})) == "{}");
}

TEST_CASE("layout reads explicit keys with comments before their ':', or with no ':' at all")
{
    std::string text =
        "? a   # the key\n# between\n: 1\n? b   # no ':', so null\nc:\n- ? d\n  : 4\n";
    LayoutNode root = parse_layout(text);
    CHECK(keys_of(root) == std::vector<std::string>{"a", "b", "c"});
    CHECK(text_of(text, at(root, {"a"})) == "1");
    CHECK(root.entries[1].colon == LayoutEntry::no_colon);
    CHECK(at(root, {"b"}).empty);
    CHECK(at(root, {"b"}).begin == text.find("b   #") + 1);
    CHECK(text_of(text, at(root, {"c", "0", "d"})) == "4");
    CHECK(at(root, {"c", "0"}).indent == 2);
}

TEST_CASE("layout decodes explicit keys over several lines: plain, quoted and block scalars")
{
    std::string text = "? plain key\n  folded\n\n  twice\n: 1\n"
                       "? 'single\n  quoted'\n: 2\n"
                       "? \"double\\t\\\n  \\ continued\n  folded\"\n: 3\n"
                       "? |\n  literal\n: 4\n"
                       "? >-\n  folded\n  block\n: 5\n"
                       "? |2+\n    kept\n\n: 6\n";
    LayoutNode root = parse_layout(text);
    CHECK(keys_of(root) == std::vector<std::string>{"plain key folded\ntwice", "single quoted",
                                                    "double\t continued folded", "literal\n",
                                                    "folded block", "  kept\n\n"});
    CHECK(text_of(text, at(root, {"  kept\n\n"})) == "6");
}

TEST_CASE("layout reads explicit keys in flow mappings, on one line or over several")
{
    std::string text = "{? a : 1, ? b, c, ? 'long\n    key'\n  : {? d : 2}}\n";
    LayoutNode root = parse_layout(text);
    CHECK(keys_of(root) == std::vector<std::string>{"a", "b", "c", "long key"});
    CHECK(text[root.entries[0].key_begin] == '?');
    CHECK(root.entries[1].colon == LayoutEntry::no_colon);
    CHECK(root.entries[2].colon == LayoutEntry::no_colon);
    CHECK(text_of(text, at(root, {"long key", "d"})) == "2");
}

TEST_CASE("layout spans block scalars with indentation and chomping indicators")
{
    std::string text = "a: |2-\n    two more\n  base\nb: >+\n  kept\n\n\nc: |-1\n  x\n"
                       "d: >\n  spaced\n      \n  line\n";
    LayoutNode root = parse_layout(text);
    CHECK(text_of(text, at(root, {"a"})) == "|2-\n    two more\n  base");
    CHECK(at(root, {"a"}).indent == 2);
    // A kept block scalar's empty lines are its own: what is added after it goes below them.
    CHECK(text_of(text, at(root, {"b"})) == ">+\n  kept\n\n");
    CHECK(text_of(text, at(root, {"c"})) == "|-1\n  x");
    CHECK(at(root, {"c"}).indent == 1);
    // A line of blanks wider than the indentation is content.
    CHECK(text_of(text, at(root, {"d"})) == ">\n  spaced\n      \n  line");
}

TEST_CASE("layout reads folded plain and quoted values, and document markers")
{
    std::string text = "--- # a draft\n"
                       "description: a plain scalar\n  folded\n"
                       "quoted: \"a tab\\t\\\n  \\ and more\"\n"
                       "flow: [a multi\n  line plain, 'and\n  quoted']\n"
                       "...\n# after the end\n";
    LayoutNode root = parse_layout(text);
    CHECK(text_of(text, at(root, {"description"})) == "a plain scalar\n  folded");
    CHECK(text_of(text, at(root, {"quoted"})) == "\"a tab\\t\\\n  \\ and more\"");
    CHECK(text_of(text, at(root, {"flow", "1"})) == "'and\n  quoted'");
    CHECK(root.end == text.find("\n..."));
}

TEST_CASE("layout reads tags, verbatim ones too, on keys and values")
{
    std::string text = "!!str 5: five\n!<tag:yaml.org,2002:str> 6: six\n"
                       "bin: !!binary R0lG\nv: !<tag:yaml.org,2002:str> [x]\n";
    LayoutNode root = parse_layout(text);
    CHECK(root.indent == 0);
    CHECK(keys_of(root) == std::vector<std::string>{"5", "6", "bin", "v"});
    CHECK(root.entries[0].key_begin == 0);
    CHECK(text_of(text, at(root, {"bin"})) == "R0lG");
    CHECK(text_of(text, at(root, {"v"})) == "[x]");
    CHECK(at(root, {"v"}).props == text.find("!<tag:yaml.org,2002:str> [x]"));
}

TEST_CASE("layout gives an anchor on a key to the key, and an alias as a key the anchored text")
{
    std::string text = "&k key: v\nlist:\n- &a k: 1\n  b: 2\nname: &n \"the\n  name\"\n"
                       "*n : 3\n{? *a : 4}: no\n";
    CHECK_THROWS_AS(parse_layout(text), LayoutUnsupported); // a flow mapping as a key
    text = "&k key: v\nlist:\n- &a k: 1\n  b: 2\nname: &n \"the\n  name\"\n*n : 3\n"
           "flow: {*a : 4}\n";
    LayoutNode root = parse_layout(text);
    CHECK(keys_of(root) == std::vector<std::string>{"key", "list", "name", "the name", "flow"});
    CHECK(root.indent == 0);
    CHECK(root.entries[0].key_begin == 0);
    CHECK(keys_of(at(root, {"list", "0"})) == std::vector<std::string>{"k", "b"});
    CHECK(at(root, {"list", "0"}).indent == 2);
    CHECK(text_of(text, at(root, {"the name"})) == "3");
    CHECK(text_of(text, at(root, {"flow", "k"})) == "4");
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

TEST_CASE("a layout along a path keeps the path's nodes and ends every other node where it ends")
{
    for (std::string text : {
             std::string(
                 R"({"a": {"x": [1, {"y": "}]\"{"}]}, "b": {"c": 1, "d": [2, 3]}, "e": 5})"),
             std::string("{a: {x: it's}, b: {c: 1, d: [2, 3]}, e: [5, # comment\n 6]}"),
             std::string("a:\n  x: [1, 2]\nb:\n  c: 1\n  d:\n  - 2\n  - 3\ne: {f: 5}\n"),
         }) {
        CAPTURE(text);
        LayoutNode full = parse_layout(text);
        Layout along = parse_layout_along(text, {"b", "d"});
        for (const char* key : {"a", "b", "e"}) {
            const LayoutNode& expected = at(full, {key});
            const LayoutNode& kept = at(along.root, {key});
            CHECK(kept.begin == expected.begin);
            CHECK(kept.end == expected.end);
            CHECK(kept.kind == expected.kind);
        }
        CHECK(at(along.root, {"b"}).entries.size() == 2);
        CHECK(at(along.root, {"b", "d"}).items.size() == 2);
        CHECK(at(along.root, {"a"}).entries.empty()); // off the path, not the last
        CHECK(text_of(text, at(along.root, {"b", "d", "1"})) == "3");
    }
}

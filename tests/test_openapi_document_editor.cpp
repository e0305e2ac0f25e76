#include "errors.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/render.hpp"
#include "support/draft_source.hpp"
#include "support/yaml_forms.hpp"

#include <doctest/doctest.h>

#include <optional>

using namespace apicat;
using namespace apicat::openapi;
using apicat::test::json_source;
using apicat::test::yaml_source;

namespace {

template <typename Edit> EditOutcome edit(const Source& source, Edit&& change)
{
    EditOutcome outcome = edit_document(source, parse_source(source), change);
    // Whatever the text, it must mean what the edit intended.
    DocumentEditor expected(source, parse_source(source));
    change(expected);
    CHECK(parse_source(Source{source.file, outcome.text, source.syntax}) == expected.document());
    return outcome;
}

Json api_key_definition(const char* header, const char* key_type)
{
    Json definition = Json::object();
    definition["type"] = "apiKey";
    definition["in"] = "header";
    definition["name"] = header;
    definition["x-key-type"] = key_type;
    return definition;
}

Json option(std::initializer_list<const char*> names)
{
    Json requirement = Json::object();
    for (const char* name : names) {
        requirement[name] = Json::array();
    }
    return requirement;
}

const char* commented_draft = R"(# Weather, with comments that must survive.
swagger: "2.0"   # quoted version
info:
  title: Weather   # trailing comment
  version: 1.0.0

paths:
  /current:
    get:
      parameters:
      - name: zipcode   # compact sequence
        in: query
      responses:
        '200': {description: OK}
# a comment at the end
)";

} // namespace

TEST_CASE("adding a mapping to a YAML draft inserts lines and changes nothing else")
{
    EditOutcome outcome = edit(yaml_source(commented_draft), [](DocumentEditor& editor) {
        editor.set({"securityDefinitions", "client-id"},
                   api_key_definition("X-IBM-Client-Id", "client_id"));
    });
    CHECK_FALSE(outcome.normalised);
    CHECK(outcome.text == std::string(commented_draft)
                              .replace(std::string(commented_draft).find("# a comment at the end"),
                                       0,
                                       "securityDefinitions:\n"
                                       "  client-id:\n"
                                       "    type: apiKey\n"
                                       "    in: header\n"
                                       "    name: X-IBM-Client-Id\n"
                                       "    x-key-type: client_id\n"));
}

TEST_CASE("a new key goes after the last entry of a nested block mapping")
{
    std::string text = "info:\n    title: T   # keep\n    version: '1'\nother: x\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& editor) {
        editor.set({"info", "x-ibm-name"}, "t");
    });
    CHECK(outcome.text ==
          "info:\n    title: T   # keep\n    version: '1'\n    x-ibm-name: t\nother: x\n");
}

TEST_CASE("sequences appended to follow the file's dash placement")
{
    std::string compact = "a: 1\nsecurity:\n- x: []\n";
    CHECK(edit(yaml_source(compact), [](DocumentEditor& e) {
              e.append({"security"}, option({"b", "c"}));
          }).text == "a: 1\nsecurity:\n- x: []\n- b: []\n  c: []\n");

    std::string indented = "list:\n  - a\nsecurity:\n    - x: []\n";
    CHECK(edit(yaml_source(indented), [](DocumentEditor& e) {
              e.append({"security"}, option({"b"}));
          }).text == "list:\n  - a\nsecurity:\n    - x: []\n    - b: []\n");

    std::string none = "list:\n  - a\n";
    CHECK(edit(yaml_source(none), [](DocumentEditor& e) {
              e.append({"security"}, option({"b", "c"}));
          }).text == "list:\n  - a\nsecurity:\n  - b: []\n    c: []\n");
}

TEST_CASE("flow collections in YAML take new members inline")
{
    std::string text = "defs: {a: {type: basic}}   # inline\nlist: [x]\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) {
        e.set({"defs", "b"}, Json::object({{"type", "basic"}}));
        e.append({"list"}, "y");
    });
    CHECK(outcome.text ==
          "defs: {a: {type: basic}, b: {\"type\": \"basic\"}}   # inline\nlist: [x, \"y\"]\n");
}

TEST_CASE("a key with a flow indicator is quoted in a YAML flow mapping, and patched in place")
{
    EditOutcome outcome = edit(yaml_source("defs: {a: 1}\n"), [](DocumentEditor& e) {
        e.set({"defs", "b,c"}, 2);
        e.set({"defs", "d}"}, 3);
    });
    CHECK_FALSE(outcome.normalised);
    CHECK(outcome.text == "defs: {a: 1, \"b,c\": 2, \"d}\": 3}\n");
}

TEST_CASE("an empty flow mapping placeholder in YAML becomes block style")
{
    std::string text = "swagger: '2.0'\npaths: {}\nx: 1\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) {
        e.set({"paths", "/current", "get", "operationId"}, "getCurrent");
    });
    CHECK(outcome.text ==
          "swagger: '2.0'\npaths:\n  /current:\n    get:\n      operationId: getCurrent\nx: 1\n");
}

TEST_CASE("pretty JSON keeps its indentation, two, four spaces or tabs")
{
    for (std::string indent : {"  ", "    ", "\t"}) {
        std::string text = "{\n" + indent + "\"swagger\": \"2.0\",\n" + indent + "\"info\": {\n" +
                           indent + indent + "\"title\": \"T\"\n" + indent + "}\n}\n";
        EditOutcome outcome = edit(json_source(text), [](DocumentEditor& e) {
            e.set({"info", "version"}, "1.0");
            e.set({"security"}, Json::array({option({"a"})}));
        });
        CHECK(outcome.text == "{\n" + indent + "\"swagger\": \"2.0\",\n" + indent +
                                  "\"info\": {\n" + indent + indent + "\"title\": \"T\",\n" +
                                  indent + indent + "\"version\": \"1.0\"\n" + indent + "},\n" +
                                  indent + "\"security\": [\n" + indent + indent + "{\n" + indent +
                                  indent + indent + "\"a\": []\n" + indent + indent + "}\n" +
                                  indent + "]\n}\n");
    }
}

TEST_CASE("minified JSON stays on one line without spaces")
{
    std::string text = R"({"swagger":"2.0","paths":{}})";
    EditOutcome outcome = edit(json_source(text), [](DocumentEditor& e) {
        e.set({"paths", "/a"}, Json::object());
        e.set({"x"}, 1);
    });
    CHECK(outcome.text == R"({"swagger":"2.0","paths":{"/a":{}},"x":1})");
}

TEST_CASE("CRLF files get CRLF in the inserted lines")
{
    std::string text = "a: 1\r\nb:\r\n  c: 2\r\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) {
        e.set({"b", "d"}, Json::array({1}));
    });
    CHECK(outcome.text == "a: 1\r\nb:\r\n  c: 2\r\n  d:\r\n    - 1\r\n");
}

TEST_CASE("anchors, aliases and odd quoting outside the edit stay as written")
{
    std::string text = "base: &b {x: 1}\ncopy: *b\n'quoted key': \"v\"\nplain: yes  \n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) { e.set({"z"}, "on"); });
    CHECK_FALSE(outcome.normalised);
    // "on" reads as a boolean in YAML 1.1, so it is quoted, in the file's preferred quotes.
    CHECK(outcome.text == text + "z: \"on\"\n");
}

TEST_CASE("a file without a final line end gets none either")
{
    EditOutcome outcome =
        edit(yaml_source("a: 1\nb: 2"), [](DocumentEditor& e) { e.set({"c"}, 3); });
    CHECK(outcome.text == "a: 1\nb: 2\nc: 3");
    CHECK(edit(yaml_source("a: 1\nb: 2"), [](DocumentEditor& e) { e.remove({"b"}); }).text ==
          "a: 1");
}

TEST_CASE("removing entries and items takes their lines and leaves the rest")
{
    std::string text = "a: 1\nb:   # b's comment\n  x: 1\n  y: 2\n# about c\nc: 3\n";
    CHECK(edit(yaml_source(text), [](DocumentEditor& e) { e.remove({"b"}); }).text ==
          "a: 1\n# about c\nc: 3\n");
    CHECK(edit(yaml_source(text), [](DocumentEditor& e) { e.remove({"c"}); }).text ==
          "a: 1\nb:   # b's comment\n  x: 1\n  y: 2\n# about c\n");
    CHECK(edit(yaml_source(text), [](DocumentEditor& e) {
              e.remove({"b", "y"});
          }).text == "a: 1\nb:   # b's comment\n  x: 1\n# about c\nc: 3\n");
    CHECK(edit(yaml_source(text), [](DocumentEditor& e) {
              e.remove({"b", "x"});
              e.remove({"b", "y"});
          }).text == "a: 1\nb: {}\n# about c\nc: 3\n");

    std::string items = "s:\n  - a: 1\n    b: 2\n  - c: 3\n";
    CHECK(edit(yaml_source(items), [](DocumentEditor& e) {
              e.remove({"s", "0", "a"});
          }).text == "s:\n  - b: 2\n  - c: 3\n");
    CHECK(edit(yaml_source(items), [](DocumentEditor& e) {
              e.remove({"s", "1"});
          }).text == "s:\n  - a: 1\n    b: 2\n");
}

TEST_CASE("removing from JSON takes the member and one comma")
{
    std::string text = "{\n  \"a\": 1,\n  \"b\": [1, 2],\n  \"c\": 3\n}\n";
    CHECK(edit(json_source(text), [](DocumentEditor& e) { e.remove({"a"}); }).text ==
          "{\n  \"b\": [1, 2],\n  \"c\": 3\n}\n");
    CHECK(edit(json_source(text), [](DocumentEditor& e) { e.remove({"c"}); }).text ==
          "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");
    CHECK(edit(json_source(text), [](DocumentEditor& e) {
              e.remove({"b", "1"});
          }).text == "{\n  \"a\": 1,\n  \"b\": [1],\n  \"c\": 3\n}\n");
}

TEST_CASE("replacing a value keeps what surrounds it")
{
    std::string text = "a:\n  target-url: https://old.example.com   # upstream\nb: 1\n";
    CHECK(edit(yaml_source(text), [](DocumentEditor& e) {
              e.set({"a", "target-url"}, "mock:");
          }).text == "a:\n  target-url: 'mock:'   # upstream\nb: 1\n");
    std::string empty = "securityDefinitions:\nb: 1\n";
    CHECK(edit(yaml_source(empty), [](DocumentEditor& e) {
              e.set({"securityDefinitions", "x", "type"}, "basic");
          }).text == "securityDefinitions:\n  x:\n    type: basic\nb: 1\n");
}

TEST_CASE("an edit that is already in place changes nothing")
{
    std::string text = "a:\n  b: [1, 2]\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) {
        e.set({"a", "b"}, Json::array({1, 2}));
        e.remove({"missing"});
    });
    CHECK_FALSE(outcome.changed);
    CHECK(outcome.text == text);
}

TEST_CASE("what the layout does not cover is re-emitted, and said so")
{
    // A pair in a flow sequence is a mapping without braces, which the editor cannot extend.
    std::string text = "s: [a: 1]\nb: 1\n";
    EditOutcome outcome = edit(yaml_source(text), [](DocumentEditor& e) { e.set({"c"}, 2); });
    CHECK(outcome.changed);
    CHECK(outcome.normalised);
    CHECK(outcome.text == "s:\n  - a: 1\nb: 1\nc: 2\n");
}

TEST_CASE("entries with explicit keys are found, replaced, extended and removed in place")
{
    const std::string text = "paths:\n"
                             "  ? /a/long/path\n"
                             "  : get:\n"
                             "      operationId: a\n"
                             "  ? /b/long/path   # comment\n"
                             "  # between\n"
                             "  : {}\n"
                             "  ? /c\n"
                             "x: 1\n";
    auto in_place = [&](auto change) {
        EditOutcome outcome = edit(yaml_source(text), change);
        CHECK_FALSE(outcome.normalised);
        return outcome.text;
    };
    CHECK(in_place([](DocumentEditor& e) {
              e.set({"paths", "/a/long/path", "get", "operationId"}, "renamed");
          }) == "paths:\n  ? /a/long/path\n  : get:\n      operationId: renamed\n" +
                    text.substr(text.find("  ? /b")));
    // The value's compact mapping ("get:" on the ':' line) takes a key in its own column.
    CHECK(in_place([](DocumentEditor& e) {
              e.set({"paths", "/a/long/path", "post", "operationId"}, "p");
          }) == "paths:\n  ? /a/long/path\n  : get:\n      operationId: a\n"
                "    post:\n      operationId: p\n" +
                    text.substr(text.find("  ? /b")));
    CHECK(in_place([](DocumentEditor& e) {
              e.remove({"paths", "/b/long/path"});
          }) == "paths:\n  ? /a/long/path\n  : get:\n      operationId: a\n  ? /c\nx: 1\n");
    CHECK(in_place([](DocumentEditor& e) {
              e.set({"paths", "/a/long/path"}, "replaced");
          }) == "paths:\n  ? /a/long/path\n  : replaced\n" + text.substr(text.find("  ? /b")));
    // "? /c" alone is null: its value comes with the ':' it lacked.
    CHECK(in_place([](DocumentEditor& e) {
              e.set({"paths", "/c", "get"}, Json::object());
          }) == text.substr(0, text.find("x: 1")) + "  :\n    get: {}\nx: 1\n");
    CHECK(in_place([](DocumentEditor& e) {
              e.set({"paths", "/new"}, Json{{"get", 1}});
          }) == text.substr(0, text.find("x: 1")) + "  /new:\n    get: 1\nx: 1\n");

    const std::string flow = "defs: {? a : 1, ? b, c}\n";
    CHECK(edit(yaml_source(flow), [](DocumentEditor& e) {
              e.set({"defs", "b"}, 2);
              e.set({"defs", "c"}, Json{{"x", 1}});
          }).text == "defs: {? a : 1, ? b: 2, c: {\"x\": 1}}\n");
    CHECK(edit(yaml_source(flow), [](DocumentEditor& e) {
              e.remove({"defs", "a"});
              e.remove({"defs", "c"});
          }).text == "defs: {? b}\n");
    CHECK(edit(yaml_source(flow), [](DocumentEditor& e) {
              e.set({"defs", "d"}, 4);
          }).text == "defs: {? a : 1, ? b, c, d: 4}\n");
}

TEST_CASE("a key with flow indicators added to a YAML flow mapping is quoted")
{
    CHECK(edit(yaml_source("paths: {/a: {}}\n"), [](DocumentEditor& e) {
              e.set({"paths", "/b/{id}"}, Json::object());
          }).text == "paths: {/a: {}, \"/b/{id}\": {}}\n");
}

TEST_CASE("setting through a value that is not a mapping is an error")
{
    Source source = yaml_source("a: 1\n");
    DocumentEditor editor(source, parse_source(source));
    CHECK_THROWS_AS(editor.set({"a", "b"}, 1), Error);
}

// A draft that holds .inf or .nan (or 1e999) keeps it through an edit: NaN equals nothing under
// ==, so the editor's check failed and every edit re-emitted the draft, writing null for both.
TEST_CASE("infinities and NaN survive edits and re-emitting; JSON refuses to hold them")
{
    const std::string text = "a: .nan\nb: [-.inf, 1e999]\n";
    EditOutcome outcome = edit_document(yaml_source(text), parse_source(yaml_source(text)),
                                        [](DocumentEditor& e) { e.set({"c"}, 1); });
    CHECK_FALSE(outcome.normalised);
    CHECK(outcome.text == text + "c: 1\n");
    const Json document = parse_source(yaml_source(text));
    CHECK(render_document(document, default_text_style(Syntax::yaml)) ==
          "a: .nan\nb:\n  - -.inf\n  - .inf\n");
    CHECK_THROWS_AS(render_document(document, default_text_style(Syntax::json)), Error);
}

// Found by fuzz/draft_edits.cpp: a key of 1100 characters, re-emitted as "key: value", made a
// file that the YAML reader refuses (an implicit key has at most 1024 characters).
TEST_CASE("a key longer than YAML allows an implicit key is re-emitted as an explicit one")
{
    Json document = Json::object();
    const std::string key(1100, 'k');
    document["a"] = 1;
    document[key] = Json{{"b", 2}};
    const std::string text = render_document(document, default_text_style(Syntax::yaml));
    CHECK(text == "a: 1\n? " + key + "\n:\n  b: 2\n");
    CHECK(parse_source(yaml_source(text)) == document);
}

// `security-definition add w.yaml $'bad\xff'` wrote a draft that apicat then refused to read
// ("not a text file"); in JSON the name was mangled into U+FFFD instead.
TEST_CASE("names and values that are not UTF-8 text are refused, whatever the syntax")
{
    for (const Source& source : {yaml_source("a: 1\n"), json_source("{\"a\": 1}\n")}) {
        DocumentEditor editor(source, parse_source(source));
        CHECK_THROWS_WITH_AS(editor.set({"defs", "bad\xff"}, Json::object()),
                             doctest::Contains("not UTF-8 text"), Error);
        CHECK_THROWS_AS(editor.set({"b"}, "caf\xe9"), Error);
        CHECK_THROWS_AS(editor.append({"list"}, Json{{"k\xc0", Json::array()}}), Error);
        editor.set({"b"}, "caf\xc3\xa9");
        CHECK(parse_source(Source{source.file, editor.finish().text, source.syntax})["b"] ==
              "caf\xc3\xa9");
    }
}

namespace {

// Documents whose odd corners an edit must not touch.
std::vector<std::string> tricky_documents()
{
    return {
        "%YAML 1.2\n---\nswagger: '2.0'\ninfo:\n  title: T\n  description: |\n    Two lines\n\n    "
        "of text.\n"
        "paths: {}\n...\n",
        "swagger: \"2.0\"\ninfo:\n    title: Long\n    summary: a plain scalar\n      that "
        "folds\n# trailing\n\n\n",
        "swagger: '2.0'\ntags: [\n  a,\n  b\n]\n\"a:b\": !!str 1\nbase: &anchor\n  x: 1\ncopy: "
        "*anchor\n"
        "info: {title: T, version: '1'}   # flow info\n",
        "swagger: '2.0'\nsecurity:\n- existing: []\nx-end: >-\n  folded\n  text\n",
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"T\"}, \"paths\": {\"/a\": {\"get\": "
        "{\"responses\": "
        "{\"200\": {\"description\": \"OK\"}}}}}}\n",
        "{\n    \"swagger\": \"2.0\",\n    \"security\": [],\n    \"info\": {\n        \"title\": "
        "\"T\"\n    }\n}",
        // As PyYAML writes a draft: keys longer than 128 characters are explicit, long strings
        // wrap at 80 columns.
        R"(swagger: '2.0'
info:
  title: T
  description: A long description that PyYAML wraps
    over two lines.
  version: '2019-01-01'
paths:
  ? /subscriptions/{id}/providers/a/very/long/path
  : get:
      description: "a tab\tand a description wrapped\
        \ with a continuation"
      responses:
        '200':
          description: OK
  ? |-
    /block/key
  # a comment between ? and :
  : {}
)",
        R"(# flow style, as PyYAML's default_flow_style writes it
{swagger: '2.0', info: {title: T, ? version
    : '1', description: 'multi
    line'}, paths: {? '/long/{id}'
    : {get: {responses: {'200': {description: OK}}}}}}
)",
        R"(--- # markers, tags, anchors on keys, block scalar indicators
swagger: !!str 2.0
&i info:
  !!str title: T
  !<tag:yaml.org,2002:str> version: 1.0
  description: |2-
      indented two more
    base
  x-strip: >-1
   folded with
   an indicator
  x-keep: |+
    kept

paths: {}
...
)",
    };
}

// Drafts in the forms emitters write (support/yaml_forms.hpp), the same ones every run.
std::vector<std::string> generated_drafts(std::size_t count)
{
    apicat::test::YamlFormGenerator generator(2024);
    std::vector<std::string> drafts;
    for (std::size_t i = 0; i < count; ++i) {
        drafts.push_back(generator.draft());
    }
    return drafts;
}

// Whether every mapping of `layout` has the keys of the mapping `document` has there, in
// order: the editor finds entries by the key the layout decoded.
bool same_keys(const LayoutNode& layout, const Json& document)
{
    if (layout.is_mapping()) {
        if (!document.is_object() || document.size() != layout.entries.size()) {
            return false;
        }
        auto entry = layout.entries.begin();
        for (const auto& [key, value] : document.items()) {
            if (entry->key != key || !same_keys(entry->value, value)) {
                return false;
            }
            ++entry;
        }
        return true;
    }
    if (layout.is_sequence()) {
        if (!document.is_array() || document.size() != layout.items.size()) {
            return false;
        }
        for (std::size_t i = 0; i < document.size(); ++i) {
            if (!same_keys(layout.items[i].value, document[i])) {
                return false;
            }
        }
    }
    return true;
}

void additive_edits(DocumentEditor& e)
{
    e.set({"securityDefinitions", "client-id"}, api_key_definition("X-IBM-Client-Id", "client_id"));
    e.append({"security"}, option({"client-id"}));
    e.set({"info", "x-ibm-name"}, "t");
    e.set({"paths", "/new/{id}", "get", "responses", "200", "description"}, "OK");
}

std::string with_crlf(const std::string& text)
{
    std::string out;
    for (char c : text) {
        out += c == '\n' ? std::string("\r\n") : std::string(1, c);
    }
    return out;
}

// True when `after` is `before` with text inserted (anywhere, in any number of places) and
// nothing of `before` changed or removed.
bool only_inserts(const std::string& before, const std::string& after)
{
    std::size_t i = 0;
    for (char c : after) {
        if (i < before.size() && before[i] == c) {
            ++i;
        }
    }
    return i == before.size();
}

} // namespace

TEST_CASE("additive edits of tricky documents, with LF and CRLF, only insert text")
{
    for (const std::string& base : tricky_documents()) {
        for (const std::string& text : {base, with_crlf(base)}) {
            bool is_json = text.front() == '{';
            Source source = is_json ? json_source(text) : yaml_source(text);
            CAPTURE(text);
            CHECK(same_keys(parse_layout(text), parse_source(source)));
            EditOutcome outcome = edit(source, additive_edits);
            CHECK_FALSE(outcome.normalised);
            CHECK(only_inserts(text, outcome.text));
            if (text.find("\r\n") != std::string::npos) {
                CHECK(outcome.text.find_first_of('\n') == outcome.text.find("\r\n") + 1);
                for (std::size_t at = outcome.text.find('\n'); at != std::string::npos;
                     at = outcome.text.find('\n', at + 1)) {
                    CHECK(outcome.text[at - 1] == '\r');
                }
            }
        }
    }
}

TEST_CASE("edits of mutated documents either patch in place or re-emit, and always mean the intent")
{
    // A fixed seed: the same few thousand mutations every run.
    std::uint32_t state = 12345;
    auto next = [&state](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    const std::string alphabet = " \n:-#{}[],'\"&*!|>?abc01";
    int accepted = 0;
    std::vector<std::string> documents = tricky_documents();
    for (const std::string& draft : generated_drafts(20)) {
        documents.push_back(draft);
    }
    for (int round = 0; round < 6000; ++round) {
        std::string text = documents[next(static_cast<std::uint32_t>(documents.size()))];
        for (int change = 0, changes = 1 + static_cast<int>(next(3)); change < changes; ++change) {
            std::size_t at = next(static_cast<std::uint32_t>(text.size()));
            if (next(2) == 0) {
                text.erase(at, 1);
            } else {
                text.insert(at, 1, alphabet[next(static_cast<std::uint32_t>(alphabet.size()))]);
            }
        }
        Source source = text.front() == '{' ? json_source(text) : yaml_source(text);
        Json document;
        try {
            document = parse_source(source);
        } catch (const Error&) {
            continue; // not a document at all: nothing to edit
        }
        if (!document.is_object() || (document.contains("info") && !document["info"].is_object()) ||
            (document.contains("security") && !document["security"].is_array())) {
            continue;
        }
        ++accepted;
        CAPTURE(text);
        std::optional<LayoutNode> layout;
        try {
            layout = parse_layout(text);
        } catch (const LayoutUnsupported&) {
            // The edit below re-emits the document.
        }
        CHECK((!layout || same_keys(*layout, document)));
        // One insertion is checked on its own (insertion_check.hpp), two in the whole document:
        // either way the text must mean the intent, which edit() checks by reading it all.
        switch (round % 4) {
        case 0:
            edit(source, [](DocumentEditor& e) {
                e.set({"info", "x-ibm-name"}, "t");
                e.append({"security"}, option({"client-id"}));
            });
            break;
        case 1:
            edit(source, [](DocumentEditor& e) { e.set({"info", "x-ibm-name"}, "t"); });
            break;
        case 2:
            edit(source, [](DocumentEditor& e) { e.append({"security"}, option({"client-id"})); });
            break;
        default:
            edit(source, [](DocumentEditor& e) {
                e.set({"securityDefinitions", "client-id"},
                      api_key_definition("X-IBM-Client-Id", "client_id"));
            });
        }
    }
    CHECK(accepted > 600);
}

TEST_CASE("edits of drafts in the forms emitters write stay in place and mean the intent")
{
    for (const std::string& text : generated_drafts(300)) {
        CAPTURE(text);
        Source source = yaml_source(text);
        Json document;
        REQUIRE_NOTHROW(document = parse_source(source));
        CHECK(same_keys(parse_layout(text), document));

        EditOutcome added = edit(source, additive_edits);
        CHECK_FALSE(added.normalised);
        CHECK(only_inserts(text, added.text));

        // Each entry of `info` and `paths` (explicit keys or not) replaced, then removed.
        for (const char* mapping : {"info", "paths"}) {
            for (const auto& [key, value] : document[mapping].items()) {
                Path path{mapping, key};
                CHECK_FALSE(edit(source, [&](DocumentEditor& e) {
                                e.set(path, Json{{"x-replaced", true}});
                            }).normalised);
                CHECK_FALSE(edit(source, [&](DocumentEditor& e) { e.remove(path); }).normalised);
            }
        }
    }
}

// A re-emitted document means the same to every common reader: strings that a YAML 1.1 reader
// (PyYAML, js-yaml, Psych) or a YAML 1.2 core reader would take for another type are quoted,
// and the others stay plain.

#include "openapi/document_editor.hpp"
#include "openapi/layout.hpp"
#include "openapi/render.hpp"
#include "openapi/scalar_text.hpp"
#include "openapi/text_style.hpp"
#include "support/draft_source.hpp"
#include "support/scratch_dir.hpp"
#include "support/yaml11_reading.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace apicat;
using namespace apicat::openapi;
using apicat::test::yaml11_plain_type;
using apicat::test::yaml11_string;
using apicat::test::yaml_source;

namespace {

// Strings of every kind YAML 1.1 or 1.2 readers resolve to another type, near misses of them
// that are strings, and short runs of the characters numbers and dates are made of.
class ScalarGenerator {
public:
    explicit ScalarGenerator(unsigned seed)
        : random_(seed)
    {
    }

    std::string next()
    {
        static const std::vector<std::string (ScalarGenerator::*)()> kinds = {
            &ScalarGenerator::timestamp, &ScalarGenerator::number, &ScalarGenerator::word,
            &ScalarGenerator::soup, &ScalarGenerator::unwritable};
        std::string text = (this->*kinds[below(kinds.size())])();
        return chance(35) ? near_miss(text) : text;
    }

private:
    std::mt19937 random_;

    std::size_t below(std::size_t n)
    {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }
    bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }
    template <typename T> const T& pick(const std::vector<T>& options)
    {
        return options[below(options.size())];
    }

    std::string digits(std::size_t least, std::size_t most,
                       std::string_view alphabet = "0123456789")
    {
        std::string out;
        for (std::size_t n = least + below(most - least + 1); n > 0; --n) {
            out += alphabet[below(alphabet.size())];
        }
        return out;
    }
    std::string sign() { return pick<std::string>({"", "", "-", "+"}); }

    std::string timestamp()
    {
        std::string text = digits(4, 4) + "-" + digits(1, 2) + "-" + digits(1, 2);
        if (chance(70)) {
            text += pick<std::string>({"T", "t", " ", "  "}) + digits(1, 2) + ":" + digits(2, 2);
            text += chance(85) ? ":" + digits(2, 2) : "";
            text += chance(50) ? "." + digits(0, 4) : "";
            text += pick<std::string>({"", "Z", "z", " Z", "+01:00", "-5", " -05:30", "+0100"});
        }
        return text;
    }

    std::string number()
    {
        switch (below(8)) {
        case 0:
            return sign() + pick<std::string>({"0b", "0B"}) + digits(1, 8, "01_");
        case 1:
            return sign() + "0" + digits(1, 5, "01234567_");
        case 2:
            return sign() + pick<std::string>({"0x", "0X"}) +
                   digits(1, 6, "0123456789abcdefABCDEF_");
        case 3:
            return sign() + pick<std::string>({"0o", "0O"}) + digits(1, 4, "01234567_");
        case 4:
            return sign() + digits(1, 1, "123456789") + digits(0, 6, "0123456789_,");
        case 5: {
            std::string text = sign() + digits(1, 1, "0123456789") + digits(0, 2);
            for (std::size_t groups = 1 + below(3); groups > 0; --groups) {
                text += ":" + digits(1, 1, "012345") + digits(0, 1);
            }
            return text + (chance(50) ? "." + digits(0, 3) : "");
        }
        case 6:
            return sign() + (chance(50) ? digits(1, 4, "0123456789_") : "") + "." +
                   digits(0, 4, "0123456789_") +
                   pick<std::string>(
                       {"", "e+" + digits(1, 2), "E-" + digits(1, 2), "e" + digits(1, 2)});
        default:
            return sign() + cased(pick<std::string>({".inf", ".nan"}));
        }
    }

    std::string cased(std::string word)
    {
        for (char& c : word) {
            c = chance(50) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        }
        return word;
    }

    std::string word()
    {
        return cased(pick<std::string>(
            {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="}));
    }

    std::string soup() { return digits(1, 10, "0123456789-+.:_,eExobZTn "); }

    // Characters YAML text cannot hold as they are, inside or around a word.
    std::string unwritable()
    {
        std::string character =
            pick<std::string>({"\x7f", "\xc2\x85", "\xc2\x9f", "\xe2\x80\xa8", "\xe2\x80\xa9",
                               "\xef\xbf\xbe", "\t", "\xef\xbb\xbf"});
        return pick<std::string>({"a" + character + "b", character + "a", "... " + character});
    }

    std::string near_miss(const std::string& text)
    {
        switch (below(5)) {
        case 0:
            return text + pick<std::string>({"x", "a", "_", ":", ".", "-"});
        case 1:
            return pick<std::string>({"x", "v"}) + text;
        case 2: {
            std::size_t middle = text.size() / 2;
            while (middle < text.size() &&
                   (static_cast<unsigned char>(text[middle]) & 0xC0) == 0x80) {
                ++middle; // not inside a UTF-8 sequence
            }
            return text.substr(0, middle) + "a" + text.substr(middle);
        }
        case 3:
            return text + text;
        default:
            return text + ".0";
        }
    }
};

std::string_view slice(std::string_view text, std::size_t begin, std::size_t end)
{
    std::string_view part = text.substr(begin, end - begin);
    while (!part.empty() && part.back() == ' ') {
        part.remove_suffix(1);
    }
    return part;
}

// The scalar as the re-emitted text writes it, value or key, read as a YAML 1.1 reader reads it.
void check_reads_back(const std::string& text, const std::string& expected, const char* where,
                      std::string_view written)
{
    INFO(std::string(where) << " written as [" << std::string(written) << "] in:\n" << text);
    std::optional<std::string> read = yaml11_string(written);
    REQUIRE_MESSAGE(read.has_value(),
                    "a YAML 1.1 reader reads it as " << yaml11_plain_type(written));
    CHECK(*read == expected);
}

void check_round_trip(const std::string& value, const TextStyle& style)
{
    Json document = Json::object();
    document["as-value"] = value;
    document["as-key"] = Json::object({{value, "x"}});
    document["as-item"] = Json::array({value});
    std::string text = render_document(document, style);
    INFO("the string [" << value << "] re-emitted as:\n" << text);

    CHECK(parse_source(yaml_source(text)) == document);

    LayoutNode root = parse_layout(text);
    const LayoutNode* as_value = find_layout_node(root, {"as-value"});
    const LayoutNode* as_key = find_layout_node(root, {"as-key"});
    const LayoutNode* as_item = find_layout_node(root, {"as-item", "0"});
    REQUIRE((as_value && as_key && as_item && as_key->entries.size() == 1));
    check_reads_back(text, value, "as a value", slice(text, as_value->begin, as_value->end));
    const LayoutEntry& entry = as_key->entries.front();
    check_reads_back(text, value, "as a key", slice(text, entry.key_begin, entry.colon));
    check_reads_back(text, value, "as an item", slice(text, as_item->begin, as_item->end));
}

std::vector<std::pair<std::string, std::string>> pyyaml_types()
{
    std::vector<std::pair<std::string, std::string>> samples;
    std::istringstream lines(test::source_file("tests/fixtures/yaml11/pyyaml_types.jsonl"));
    for (std::string line; std::getline(lines, line);) {
        Json sample = Json::parse(line);
        samples.emplace_back(sample[0].get<std::string>(), sample[1].get<std::string>());
    }
    return samples;
}

} // namespace

TEST_CASE("the tests' YAML 1.1 reading gives every plain scalar the type PyYAML gives it")
{
    auto samples = pyyaml_types();
    REQUIRE(samples.size() > 2000);
    for (const auto& sample : samples) {
        // Not a structured binding: clang 14 cannot capture one in CHECK_MESSAGE's lambda.
        const std::string& text = sample.first;
        if (sample.second != "str") {
            CHECK_MESSAGE(yaml11_plain_type(text) == sample.second, "[" << text << "]");
        }
    }
}

TEST_CASE("every string reads back as itself after a re-emit, to YAML 1.1 and 1.2 readers")
{
    TextStyle block = default_text_style(Syntax::yaml);
    TextStyle double_quoted = block;
    double_quoted.prefer_double_quotes = true;
    double_quoted.yaml_indent = 4;
    double_quoted.yaml_sequence_offset = 0;

    std::vector<std::string> values;
    for (const auto& sample : pyyaml_types()) {
        values.push_back(sample.first);
    }
    ScalarGenerator generator(13);
    for (int n = 0; n < 3000; ++n) {
        values.push_back(generator.next());
    }
    for (const std::string& value : values) {
        check_round_trip(value, block);
        check_round_trip(value, double_quoted);
    }
}

TEST_CASE("strings that YAML 1.1 or 1.2 readers take for other types are never written plain")
{
    for (const char* text : {"2019-01-01",
                             "2017-10-23T02:33:30Z",
                             "2001-12-14 21:59:43.10 -5",
                             "2019-1-1",
                             "2019-01-01T10:00",
                             "y",
                             "N",
                             "yEs",
                             "nO",
                             "On",
                             "oFF",
                             "tRUE",
                             "False",
                             "nULL",
                             "~",
                             "0777",
                             "0o17",
                             "0x1F",
                             "0b101",
                             "0B101",
                             "-0x_1f",
                             "1:20",
                             "190:20:30.15",
                             "0:30",
                             ".inf",
                             "-.Inf",
                             "+.INF",
                             ".nan",
                             ".NaN",
                             "1_000",
                             "685_230.15",
                             "1,000",
                             "1.",
                             ".5",
                             "1e3",
                             "6.8523015e+5",
                             "<<",
                             "=",
                             "... end"}) {
        CHECK_FALSE_MESSAGE(plain_scalar_is_safe(text), text);
    }
}

TEST_CASE("strings every reader reads as strings stay plain")
{
    for (const char* text :
         {"Returns the weather", "/current", "application/json", "1.0.0", "v2", "2019-01-01x",
          "2019-01-01-preview", "yesno", "1:2:3:a", "0o8", "0bad", "12:61", "1e", "0x", ".",
          "x-ibm-configuration", "https://api.example.com/v1", "127.0.0.1", "...x"}) {
        CHECK_MESSAGE(plain_scalar_is_safe(text), text);
    }
}

TEST_CASE("controls and Unicode line breaks are written as escapes, never as they are")
{
    CHECK(quote_scalar("a\xc2\x85"
                       "b",
                       false) == "\"a\\u0085b\"");
    CHECK(quote_scalar("a\xe2\x80\xa8"
                       "b",
                       false) == "\"a\\u2028b\"");
    CHECK(quote_scalar("a\x7f"
                       "b",
                       true) == "\"a\\u007fb\"");
    CHECK(quote_scalar("\xef\xbf\xbf", false) == "\"\\uffff\"");
    CHECK(quote_scalar("caf\xc3\xa9", false) == "'caf\xc3\xa9'");
    CHECK(render_json_inline(Json::array({"a\xe2\x80\xa9"})) == "[\"a\\u2029\"]");
}

// A flow sequence holding a single-pair mapping is YAML the layout reader does not patch, so
// any edit of this draft re-emits it.
TEST_CASE("a forced re-emit keeps dates and timestamps quoted")
{
    const std::string text = "swagger: '2.0'\n"
                             "info:\n"
                             "  title: Weather\n"
                             "  version: '2019-01-01'\n"
                             "  x-released: '2017-10-23T02:33:30Z'\n"
                             "  description: Returns the weather\n"
                             "x-modes: [fast: 1]\n"
                             "paths:\n"
                             "  /current:\n"
                             "    get:\n"
                             "      produces: [application/json]\n";
    EditOutcome outcome = edit_document(yaml_source(text), parse_source(yaml_source(text)),
                                        [](DocumentEditor& e) { e.set({"x-cache"}, "on"); });
    REQUIRE(outcome.normalised);
    CHECK(outcome.text == "swagger: '2.0'\n"
                          "info:\n"
                          "  title: Weather\n"
                          "  version: '2019-01-01'\n"
                          "  x-released: '2017-10-23T02:33:30Z'\n"
                          "  description: Returns the weather\n"
                          "x-modes:\n"
                          "  - fast: 1\n"
                          "paths:\n"
                          "  /current:\n"
                          "    get:\n"
                          "      produces:\n"
                          "        - application/json\n"
                          "x-cache: 'on'\n");
}

namespace {

// Walks a source's layout and its re-emit's side by side (the same document, so the same
// shape); `check` sees each string the source wrote plain and how the re-emit writes it.
using PlainCheck = std::function<void(std::string_view source, std::string_view reemitted)>;

void walk_plain(const std::string& source, const LayoutNode& a, const std::string& reemitted,
                const LayoutNode& b, const Json& value, const PlainCheck& check)
{
    if (a.kind == LayoutNode::Kind::alias || a.props != a.begin) {
        return; // an alias is written out in full, a tag is dropped: not a plain scalar's case
    }
    if (a.is_mapping()) {
        REQUIRE(a.entries.size() == b.entries.size());
        for (std::size_t i = 0; i < a.entries.size(); ++i) {
            const LayoutEntry& x = a.entries[i];
            const LayoutEntry& y = b.entries[i];
            std::string_view key = slice(source, x.key_begin, x.colon);
            if (key == x.key) {
                check(key, slice(reemitted, y.key_begin, y.colon));
            }
            walk_plain(source, x.value, reemitted, y.value, value.at(x.key), check);
        }
    } else if (a.is_sequence()) {
        REQUIRE(a.items.size() == b.items.size());
        for (std::size_t i = 0; i < a.items.size(); ++i) {
            walk_plain(source, a.items[i].value, reemitted, b.items[i].value, value.at(i), check);
        }
    } else if (value.is_string() && !a.empty && !a.block_scalar) {
        std::string_view written = slice(source, a.begin, a.end);
        if (written == value.get_ref<const std::string&>()) {
            check(written, slice(reemitted, b.begin, b.end));
        }
    }
}

} // namespace

TEST_CASE("a re-emit of the fixture drafts quotes no string that was safe plain")
{
    int files = 0;
    int plain = 0;
    for (const auto& file : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(APICAT_SOURCE_DIR) / "tests/fixtures")) {
        if (file.path().extension() != ".yaml") {
            continue;
        }
        Source source = read_source(file.path().string());
        Json document = parse_source(source);
        TextStyle style =
            detect_text_style(source, parse_layout_along(source.text, {}).indentation);
        std::string reemitted = render_document(document, style);
        INFO(file.path().string() << " re-emitted as:\n" << reemitted);
        REQUIRE(parse_source(yaml_source(reemitted)) == document);
        walk_plain(source.text, parse_layout(source.text), reemitted, parse_layout(reemitted),
                   document, [&](std::string_view written, std::string_view rewritten) {
                       ++plain;
                       if (yaml11_plain_type(written) == "str") {
                           CHECK(rewritten == written);
                       } else {
                           CHECK(yaml11_string(rewritten) == std::string(written));
                       }
                   });
        ++files;
    }
    CHECK(files >= 15);
    CHECK(plain > 500);
}

#include "openapi/scalar_resolve.hpp"
#include "openapi/scalar_text.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace apicat;
using namespace apicat::openapi;

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema")
{
    CHECK(resolve_plain_scalar("").is_null());
    CHECK(resolve_plain_scalar("~").is_null());
    CHECK(resolve_plain_scalar("NULL").is_null());
    CHECK(resolve_plain_scalar("True") == true);
    CHECK(resolve_plain_scalar("false") == false);
    CHECK(resolve_plain_scalar("42") == 42);
    CHECK(resolve_plain_scalar("-7") == -7);
    CHECK(resolve_plain_scalar("0x1F") == 31);
    CHECK(resolve_plain_scalar("0o17") == 15);
    CHECK(resolve_plain_scalar("2.5e3") == 2500.0);
    CHECK(resolve_plain_scalar(".5") == 0.5);
    CHECK(resolve_plain_scalar("18446744073709551616").is_number_float());
    CHECK(resolve_plain_scalar("-.inf") == -std::numeric_limits<double>::infinity());
    // Strings that look close to something else.
    CHECK(resolve_plain_scalar("1.0.0") == "1.0.0");
    CHECK(resolve_plain_scalar("yes") == "yes");
    CHECK(resolve_plain_scalar("0x") == "0x");
    CHECK(resolve_plain_scalar("1e") == "1e");
    CHECK(resolve_plain_scalar("nullable") == "nullable");
}

// Found by fuzz/product_file.cpp: `product: 1.5E22222222022` and a hexadecimal number of 120
// digits made std::stod throw out_of_range, which no caller expected, from the YAML reader;
// hexadecimal past 64 bits was read as decimal.
TEST_CASE("numbers beyond 64 bits or a double's range resolve as YAML means them")
{
    CHECK(resolve_plain_scalar("1.5E22222222022") == std::numeric_limits<double>::infinity());
    CHECK(resolve_plain_scalar("-1e999") == -std::numeric_limits<double>::infinity());
    CHECK(resolve_plain_scalar("1e-999") == 0.0);
    CHECK(resolve_plain_scalar("0x10000000000000000") == 18446744073709551616.0);
    CHECK(resolve_plain_scalar("0o2000000000000000000000") == 18446744073709551616.0);
    CHECK(resolve_plain_scalar("-18446744073709551616") == -18446744073709551616.0);
    CHECK(resolve_plain_scalar("0x" + std::string(118, '3') + "1e").is_number_float());
}

TEST_CASE("words that YAML 1.1 readers misread are recognised")
{
    for (const char* word : {"yes", "Off", "y", "1_000", "12:30", "-1:20:30.5", "190:20:30"}) {
        CHECK_MESSAGE(is_yaml11_special(word), word);
    }
    for (const char* word : {"1.0.0", "12:61", "abc", "1a", "v1"}) {
        CHECK_FALSE_MESSAGE(is_yaml11_special(word), word);
    }
}

TEST_CASE("a string is written plain only when it reads back as the same string")
{
    for (const char* safe :
         {"X-IBM-Client-Id", "/items/{id}", "1.0.0", "https://a.example.com$(request.path)",
          "Weather Provider API", "a:b", "a#b"}) {
        CHECK_MESSAGE(plain_scalar_is_safe(safe), safe);
    }
    for (const char* unsafe :
         {"",   "mock:", "200", "true",  "on",  "null", "- x",   "a: b",   "a #b",        "*alias",
          "&x", "!tag",  "'q'", "\"q\"", "{x}", "[x]",  " lead", "trail ", "line\nbreak", "%x",
          "@x", "`x",    "|x",  ">x",    "#x",  "?x",   ",x"}) {
        CHECK_FALSE_MESSAGE(plain_scalar_is_safe(unsafe), unsafe);
    }
}

TEST_CASE("quoting prefers single quotes and falls back to JSON escapes")
{
    CHECK(quote_scalar("it's", false) == "'it''s'");
    CHECK(quote_scalar("it's", true) == "\"it's\"");
    CHECK(quote_scalar("a\nb", false) == "\"a\\nb\"");
    CHECK(json_string("tab\there") == "\"tab\\there\"");
}

TEST_CASE("quoted scalars decode escapes, doubled quotes and surrogate pairs")
{
    CHECK(decode_quoted_scalar("'it''s'") == "it's");
    CHECK(decode_quoted_scalar("\"a\\\"b\\\\c\\n\"") == "a\"b\\c\n");
    CHECK(decode_quoted_scalar("\"\\u00e9\\x41\"") == "\xC3\xA9"
                                                      "A");
    CHECK(decode_quoted_scalar("\"\\ud83d\\ude00\"") == "\xF0\x9F\x98\x80");
    CHECK(decode_scalar_key("plain") == "plain");
    CHECK(decode_scalar_key("'200'") == "200");
}

TEST_CASE("scalars written over several lines fold as YAML folds them")
{
    // A break between lines is a space; the blanks around it go; each empty line is a newline.
    CHECK(decode_plain_scalar("one  \n   two\n\n  three") == "one two\nthree");
    CHECK(decode_quoted_scalar("'it''s\r\n  folded'") == "it's folded");
    CHECK(decode_quoted_scalar("' lead\n\n\n  trail '") == " lead\n\ntrail ");
    // PyYAML wraps double-quoted strings with '\' continuations; escaped blanks are kept.
    CHECK(decode_quoted_scalar("\"a tab\\t\\\n    \\ and more\"") == "a tab\t and more");
    CHECK(decode_quoted_scalar("\"kept\\t   \n  x\"") == "kept\t x");
    CHECK(decode_quoted_scalar("\"joined\\\n\n  here\"") == "joined\nhere");
    CHECK(decode_scalar_key("\"two\n  lines\"") == "two lines");
}

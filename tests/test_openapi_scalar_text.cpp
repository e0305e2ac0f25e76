#include "openapi/scalar_text.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;
using namespace apicat::openapi;

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

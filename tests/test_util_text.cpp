#include "util/text.hpp"

#include <doctest/doctest.h>

#include <string>

using apicat::util::capitalized;
using apicat::util::equal_ignoring_case;
using apicat::util::hex_digit_value;
using apicat::util::lowercase_first;

TEST_CASE("messages of others start in lower case after apicat's words, acronyms kept")
{
    CHECK(lowercase_first("Connection refused") == "connection refused");
    CHECK(lowercase_first("Address already in use") == "address already in use");
    // A first word in capitals is a name or an acronym, not a capitalised word.
    CHECK(lowercase_first("FILE is required") == "FILE is required");
    CHECK(lowercase_first("TLS handshake failed") == "TLS handshake failed");
    CHECK(lowercase_first("A") == "a");
    CHECK(lowercase_first("") == "");
    CHECK(lowercase_first("already lower") == "already lower");
}

TEST_CASE("a word is capitalised by its first letter alone")
{
    CHECK(capitalized("current") == "Current");
    CHECK(capitalized("default") == "Default");
    CHECK(capitalized("items byId") == "Items byId");
    CHECK(capitalized("9lives") == "9lives");
    CHECK(capitalized("") == "");
}

TEST_CASE("a hex digit has its value in either case, and any other character none")
{
    CHECK(hex_digit_value('0') == 0);
    CHECK(hex_digit_value('9') == 9);
    CHECK(hex_digit_value('a') == 10);
    CHECK(hex_digit_value('F') == 15);
    CHECK(hex_digit_value('g') == -1);
    CHECK(hex_digit_value('G') == -1);
    CHECK(hex_digit_value('/') == -1); // '0' - 1
    CHECK(hex_digit_value(':') == -1); // '9' + 1
    CHECK(hex_digit_value('`') == -1); // 'a' - 1
}

TEST_CASE("header names compare without their letters' case, and nothing else")
{
    CHECK(equal_ignoring_case("X-IBM-Client-Id", "x-ibm-client-id"));
    CHECK(equal_ignoring_case("", ""));
    CHECK_FALSE(equal_ignoring_case("X-IBM-Client-Id", "X-IBM-Client-I"));
    CHECK_FALSE(equal_ignoring_case("X-IBM-Client-Id", "X-IBM-Client-Ie"));
    // '[' is 'Z' + 1 and '{' is 'z' + 1: not letters, so not case pairs of anything.
    CHECK_FALSE(equal_ignoring_case("[", "{"));
}

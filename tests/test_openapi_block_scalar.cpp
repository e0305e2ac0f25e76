#include "openapi/block_scalar.hpp"

#include <doctest/doctest.h>

using apicat::openapi::decode_block_scalar;

TEST_CASE("literal block scalars keep their lines; chomping decides the final line breaks")
{
    const std::string lines = "\n  one\n    two\n\n  three\n\n\n";
    CHECK(decode_block_scalar("|" + lines, 2) == "one\n  two\n\nthree\n");
    CHECK(decode_block_scalar("|-" + lines, 2) == "one\n  two\n\nthree");
    CHECK(decode_block_scalar("|+" + lines, 2) == "one\n  two\n\nthree\n\n\n");
    CHECK(decode_block_scalar("|2-  # a comment" + lines, 2) == "one\n  two\n\nthree");
    CHECK(decode_block_scalar("|1" + lines, 1) == " one\n   two\n\n three\n");
    CHECK(decode_block_scalar("|\n  no final break", 2) == "no final break");
    CHECK(decode_block_scalar("|\r\n  crlf\r\n  lines\r\n", 2) == "crlf\nlines\n");
}

TEST_CASE("folded block scalars fold text lines but not the more indented ones")
{
    const std::string lines = "\n  one\n  two\n\n  three\n    indented\n  four\n";
    CHECK(decode_block_scalar(">" + lines, 2) == "one two\nthree\n  indented\nfour\n");
    CHECK(decode_block_scalar(">-" + lines, 2) == "one two\nthree\n  indented\nfour");
    CHECK(decode_block_scalar(">+\n  kept\n\n", 2) == "kept\n\n");
    // A line of blanks wider than the indentation is content, and is not folded.
    CHECK(decode_block_scalar(">\n  a\n     \n  b\n", 2) == "a\n   \nb\n");
    CHECK(decode_block_scalar(">\n\n  leading\n", 2) == "\nleading\n");
}

#pragma once

// YAML scalars as text: reading a key back from its source, and writing a string so that it
// reads back as the same string.

#include <string>
#include <string_view>

namespace apicat::openapi {

// The string a single- or double-quoted YAML scalar (quotes included) stands for, on one
// line or folded from several.
std::string decode_quoted_scalar(std::string_view quoted);

// The string a plain scalar (from its first character to its last) stands for, on one line or
// folded from several.
std::string decode_plain_scalar(std::string_view text);

// A key as written (plain, or quoted): the string it stands for.
std::string decode_scalar_key(std::string_view text);

// Whether `value` can be written as a plain YAML scalar in block context and still read back
// as this string, by YAML 1.2 readers and by the YAML 1.1 readers many tools still use (not as
// a number, boolean, null or date: see is_yaml11_special()). Flow collections are written as
// JSON, so flow indicators need no care here.
bool plain_scalar_is_safe(std::string_view value);

// `value` as a quoted YAML scalar: single quotes where they suffice and `prefer_double` is
// false, else double quotes with JSON-compatible escapes (\u escapes too for the controls and
// Unicode line breaks that YAML text cannot hold as they are).
std::string quote_scalar(std::string_view value, bool prefer_double);

// The string in JSON syntax (double quotes, escapes).
std::string json_string(std::string_view value);

} // namespace apicat::openapi

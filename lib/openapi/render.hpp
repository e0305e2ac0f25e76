#pragma once

// JSON values written as YAML block text or as JSON text, in a file's own style. The editor
// uses these for the parts it inserts; whole files are written with them when a draft is
// created or when an edit has to fall back to re-emitting the document.

#include "json.hpp"
#include "openapi/text_style.hpp"

#include <string>

namespace apicat::openapi {

// `columns` spaces (none for a negative count): a YAML line's indentation.
std::string spaces(int columns);

std::string render_yaml_scalar(const Json& value, const TextStyle& style);
std::string render_yaml_key(const std::string& key, const TextStyle& style);

// What follows "key:" for a key at column `key_column`: " value", " {}", or a line break and
// the nested lines.
std::string render_yaml_after_key(const Json& value, int key_column, const TextStyle& style);

// What follows "-" for an item whose dash is at column `dash_column`.
std::string render_yaml_after_dash(const Json& value, int dash_column, const TextStyle& style);

// Mapping entries, one per line at `column` (no line end after the last).
std::string render_yaml_mapping(const Json& object, int column, const TextStyle& style);
std::string render_yaml_sequence(const Json& array, int dash_column, const TextStyle& style);

// JSON text; nested lines start with `line_indent` plus one step per level. Minified files
// (style.json_multiline false) get no breaks and no spaces.
std::string render_json(const Json& value, const std::string& line_indent, const TextStyle& style);

// JSON on one line with a space after ',' and ':', as flow collections in YAML are written.
std::string render_json_inline(const Json& value);

// A whole document, ending with a line end.
std::string render_document(const Json& document, const TextStyle& style);

} // namespace apicat::openapi

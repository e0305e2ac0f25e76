#pragma once

// How a file is written: line ends, indentation, quoting. Text that apicat inserts follows
// the file's own habits so the diff a user reviews shows only what was asked.

#include "openapi/layout.hpp"
#include "openapi/source.hpp"

#include <string>

namespace apicat::openapi {

struct TextStyle {
    Syntax syntax = Syntax::yaml;
    std::string eol = "\n";
    int yaml_indent = 2;          // columns between a YAML key and its nested keys
    int yaml_sequence_offset = 2; // columns between a YAML key and the dashes of its sequence
    bool prefer_double_quotes = false;
    std::string json_indent = "  "; // one level of JSON indentation (spaces or a tab)
    bool json_multiline = true;     // false for minified JSON: one line, no spaces
};

// `indentation`: as the document's layout found it (layout.hpp).
TextStyle detect_text_style(const Source& source, const LayoutIndentation& indentation);

// The style apicat writes new files in.
TextStyle default_text_style(Syntax syntax);

} // namespace apicat::openapi

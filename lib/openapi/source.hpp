#pragma once

// A draft or product as the user wrote it: its text, whether it is YAML or JSON, and what it
// means (a JSON value that keeps key order).

#include "json.hpp"

#include <string>

namespace apicat::openapi {

enum class Syntax { yaml, json };

struct Source {
    std::string file; // as the user named it, for messages
    std::string text;
    Syntax syntax = Syntax::yaml;
};

// The syntax a new file is written in: JSON when named .json, else YAML.
Syntax syntax_for_new_file(const std::string& name);

// Reads a file, refusing binary content. Throws apicat::Error.
Source read_source(const std::string& file);

// Text from elsewhere (standard input, a download); `name` says where, for messages and for
// the extension that decides YAML or JSON when the content alone does not.
Source source_from_text(std::string name, std::string text);

// What the text means. Throws apicat::Error naming file:line:column for malformed YAML or
// JSON, an empty document, several documents, or duplicate keys; and naming the file for a
// document nested deeper than max_nesting_depth (nesting.hpp).
Json parse_source(const Source& source);

} // namespace apicat::openapi

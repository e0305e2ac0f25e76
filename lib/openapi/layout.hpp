#pragma once

// Where each node of a YAML or JSON document sits in its text.
//
// The YAML and JSON readers (yaml_to_json.hpp, json_fast_read.hpp) tell what a document means but
// not where its parts end, and lossless editing needs both ends: to insert a key after the last
// entry of a mapping, to cut one entry out, to replace one value. parse_layout() reads the text
// once more and records byte ranges of every mapping entry, sequence item and scalar. It covers the
// YAML that OpenAPI files use and that emitters such as PyYAML write: block and flow collections;
// explicit keys ("? key" then ": value", as PyYAML writes keys longer than 128 characters);
// plain, quoted and block scalars over several lines, with indentation and chomping
// indicators; comments; document markers; anchors, tags and aliases, on keys too; CRLF. JSON
// is read as YAML flow style. For what it does not cover (a collection or null as a key, a
// pair in a flow sequence, several documents) it throws LayoutUnsupported and the editor
// falls back to re-emitting the document.

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::openapi {

class LayoutUnsupported : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct LayoutEntry;
struct LayoutItem;

struct LayoutNode {
    enum class Kind { scalar, mapping, sequence, alias };

    Kind kind = Kind::scalar;
    bool flow = false;         // a flow collection ({…} or […]), as every JSON collection is
    bool empty = false;        // a scalar with no text at all (an implicit null)
    bool block_scalar = false; // a literal (|) or folded (>) scalar
    std::size_t props = 0;     // where the anchor or tag starts, else == begin
    std::size_t begin = 0;     // first byte of the content
    std::size_t end = 0;       // one past the last byte of the content (comments excluded)
    std::size_t close = 0;     // flow collections: the offset of the closing bracket
    int indent = -1; // block collections: the column of their keys or dashes; block scalars:
                     // the column of their content

    std::vector<LayoutEntry> entries; // mappings
    std::vector<LayoutItem> items;    // sequences

    bool is_mapping() const { return kind == Kind::mapping; }
    bool is_sequence() const { return kind == Kind::sequence; }
};

struct LayoutEntry {
    // `colon` of an entry that has a key and no ':' ("? key" alone, or "{key}").
    static constexpr std::size_t no_colon = static_cast<std::size_t>(-1);

    std::string key;           // the key as decoded (quotes, escapes, folding, aliases resolved)
    std::size_t key_begin = 0; // first byte of the key (its '?', anchor or tag, if any)
    std::size_t colon = 0;     // the ':' before the value, or no_colon
    LayoutNode value;          // without ':', an empty node where the key ends
};

struct LayoutItem {
    std::size_t dash = 0; // block sequences: the '-'; flow sequences: the item's begin
    LayoutNode value;
};

// Parses `text` (a single YAML or JSON document). Throws LayoutUnsupported.
LayoutNode parse_layout(std::string_view text);

// How a document's block collections are indented: the columns between a key and the keys
// of the first block mapping nested under one, and between a key and the dashes of the first
// block sequence under one (nullopt where there is none).
struct LayoutIndentation {
    std::optional<int> mapping_step;
    std::optional<int> sequence_offset;
};

// What an edit along one path needs: the nodes on `path` with all their members, the last
// member of every node kept (down to the document's end), and for the other members the
// node alone, without what it holds. The text is read as parse_layout reads it, and refused
// the same way; on a large document this is a few hundred nodes instead of a million.
struct Layout {
    LayoutNode root;
    LayoutIndentation indentation;
};
Layout parse_layout_along(std::string_view text, const std::vector<std::string>& path);

// Finds the node at `path` (mapping keys, or decimal indices for sequences), or nullptr.
const LayoutNode* find_layout_node(const LayoutNode& root, const std::vector<std::string>& path);

// Helpers on offsets, shared with the editor.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    int line_of(std::size_t offset) const;   // 0-based
    int column_of(std::size_t offset) const; // 0-based, in bytes
    std::size_t line_start(std::size_t offset) const;

private:
    std::vector<std::size_t> starts_;
    mutable std::size_t last_line_ = 0; // where the last lookup ended: the next starts there
};

} // namespace apicat::openapi

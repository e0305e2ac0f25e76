#pragma once

// The layout reader's grammar, in three files along YAML's own seam: layout.cpp reads the
// document and what its keys and node properties stand for, layout_block.cpp reads block
// style (where indentation nests), layout_flow.cpp flow style (where brackets nest, as in
// JSON). parse_layout() (layout.hpp) is the one way in.

#include "openapi/layout_cursor.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace apicat::openapi {

// A recursive-descent reader of the document's shape. It trusts that the text is valid YAML
// (the YAML reader, libfyaml, has already read it) and only finds where things are, and what each
// key says.
class LayoutParser : LayoutCursor {
public:
    // `focus`: keep only what an edit along that path needs (parse_layout_along); nullptr:
    // keep everything.
    LayoutParser(std::string_view text, const std::vector<std::string>* focus)
        : LayoutCursor(text)
        , focus_(focus)
    {
    }

    LayoutNode parse_document();
    const LayoutIndentation& indentation() const { return indentation_; }

private:
    // How deep parse_node and parse_flow_node may call each other. The YAML reader has
    // already read the document, no deeper than max_nesting_depth; a text it read as something
    // shallower (tabs and stray brackets) could otherwise lead this reader down until the stack
    // ends.
    class DepthGuard {
    public:
        explicit DepthGuard(int& depth);
        ~DepthGuard() { --depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;

    private:
        int& depth_;
    };

    int depth_ = 0; // of parse_node and parse_flow_node calls (DepthGuard)
    // Anchors seen so far: the text of an anchored scalar, for an alias used as a key; nullopt
    // for an anchored collection or null.
    std::map<std::string, std::optional<std::string>, std::less<>> anchors_;

    // ---- the focus path, and the indentation the document shows (layout_focus.cpp) ----

    const std::vector<std::string>* focus_;
    std::size_t level_ = 0; // steps from the root to the collection being read
    bool on_focus_ = true;  // whether that collection is on the focus path
    std::string index_text_;
    LayoutIndentation indentation_;
    std::size_t mapping_step_at_ = static_cast<std::size_t>(-1); // the key that showed it
    std::size_t sequence_offset_at_ = static_cast<std::size_t>(-1);

    // While one member's value is read: one step deeper, on the focus path or off it.
    class FocusStep {
    public:
        FocusStep(LayoutParser& parser, std::string_view key);
        FocusStep(LayoutParser& parser, std::size_t index);
        ~FocusStep();
        FocusStep(const FocusStep&) = delete;
        FocusStep& operator=(const FocusStep&) = delete;

    private:
        LayoutParser& parser_;
        bool was_on_focus_;
    };
    bool focus_step_is(std::string_view step) const;
    const std::string& index_text(std::size_t index);

    // Once a collection is read, and a focus is given: its members off the focus path keep
    // no members of their own, except its last member.
    void prune(LayoutNode& collection);
    void note_indentation(const LayoutEntry& entry, int mapping_indent);

    static LayoutNode empty_node_at(std::size_t offset);
    static bool reads_as_null(std::string_view plain);

    // ---- node properties and keys (layout.cpp) ----

    // Skips an anchor and a tag, in either order, and returns the anchor's name, if any.
    std::string_view skip_properties();

    // Tags such as !!str, !local or !e!name, and verbatim ones, read the same everywhere;
    // readers split a tag with other characters ('&', '"', ':'...) in different places, so
    // where its node starts is not certain.
    static void refuse_unusual_tag(std::string_view tag);
    bool has_tag(std::size_t props, std::size_t begin) const;
    void remember_anchor(std::string_view anchor, std::optional<std::string> text);
    void remember_anchor(std::string_view anchor, const LayoutNode& node);

    // "a\ " at a line's end: YAML keeps the escaped blank, libfyaml drops it with the break, so
    // the key the editor would look for is not certainly the key the document has.
    static void refuse_escaped_blank_before_break(std::string_view quoted);

    // The string a scalar node stands for.
    std::string scalar_text(const LayoutNode& node) const;

    // An alias used as a key stands for the text of the scalar its anchor is on.
    std::string alias_text(std::string_view alias) const;

    // The key a node written as a key stands for. YAML reads an empty or "~" key (untagged) as
    // null, which readers name differently ("null", "~", ""), so such a key is not found by
    // name.
    std::string key_text(const LayoutNode& key) const;

    // ---- block style (layout_block.cpp) ----

    // A node in block context; pos_ is on its first character (or its properties).
    LayoutNode parse_node(int parent_indent);
    LayoutNode parse_content(int parent_indent);
    void refuse_key_after(const LayoutNode& node);

    // Whether an implicit key of a block mapping starts at `at`: properties, a plain, quoted
    // or alias key, then ':' and a blank, all on one line.
    bool implicit_key_at(std::size_t i) const;
    LayoutNode parse_block_mapping(int indent);

    // "key: value", the key on one line.
    LayoutEntry parse_implicit_entry(int indent);

    // "? key" then, on a line of its own at the same indentation, ": value" (or no ':' at
    // all, for a null value). The key may span lines, and comments may stand between the two.
    LayoutEntry parse_explicit_entry(int indent);

    // Reads an implicit key up to its ':' and leaves pos_ on the ':'. Throws where the line
    // holds no key.
    std::string parse_block_key(bool tagged);

    // The value after a key's ':', an item's '-' or an explicit key's '?': on the same line,
    // on the lines below, or nothing at all.
    LayoutNode parse_value(int parent_indent, bool compact_sequence_allowed);
    LayoutNode parse_block_sequence(int indent);

    // "|" or ">", with an indentation indicator (1-9) and a chomping one ('-' strips the last
    // line break, '+' keeps the empty lines after the content), in either order.
    LayoutNode parse_block_scalar(int parent_indent);
    LayoutNode parse_plain_block(int parent_indent);
    LayoutNode parse_quoted();
    LayoutNode parse_alias();

    // ---- flow style, and JSON (layout_flow.cpp) ----

    LayoutNode parse_flow_node();
    LayoutNode parse_plain_flow();
    LayoutNode parse_flow_collection(LayoutNode::Kind kind, char closing);

    // "key: value", "? key : value", or a key alone ("key" or "? key") for a null value.
    LayoutEntry parse_flow_entry();

    // A pair in a flow sequence ("[a: 1]" or "[? a : 1]") is a mapping without braces: a
    // member added to it would land in the sequence instead, so the editor cannot edit it.
    LayoutItem parse_flow_item(std::size_t index);
    // A member's value; off the focus path, a JSON collection is skipped over whole.
    LayoutNode parse_flow_member_value();
    std::optional<LayoutNode> skip_json_collection();
};

} // namespace apicat::openapi

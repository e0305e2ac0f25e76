#include "openapi/layout_parser.hpp"

#include "openapi/scalar_text.hpp"

#include <algorithm>

namespace apicat::openapi {

namespace {

// Where an entry's value ends, or its key when it has neither ':' nor a value.
std::size_t entry_end(const LayoutEntry& entry)
{
    return entry.value.empty && entry.colon != LayoutEntry::no_colon ? entry.colon + 1
                                                                     : entry.value.end;
}

} // namespace

LayoutNode LayoutParser::parse_node(int parent_indent)
{
    DepthGuard guard(depth_);
    std::size_t props = pos_;
    if ((peek() == '&' || peek() == '!') && implicit_key_at(pos_)) {
        // "&a key: value" anchors the key, not the mapping it starts.
        return parse_block_mapping(column());
    }
    std::string_view anchor = skip_properties();
    if (props != pos_ && (at_end() || is_break(peek()) || at_comment())) {
        std::size_t after_props = pos_;
        skip_to_content();
        bool follows = !at_end() && (column() > parent_indent || at_dash());
        if (!follows) {
            pos_ = after_props;
            remember_anchor(anchor, std::nullopt);
            return empty_node_at(after_props);
        }
        if (peek() == '&' || peek() == '!') {
            // A tag on one line and an anchor on the next: whether they are the node's or
            // its first key's is more than this reader follows.
            throw LayoutUnsupported("node properties over several lines");
        }
    }
    LayoutNode node = parse_content(parent_indent);
    node.props = props;
    remember_anchor(anchor, node);
    return node;
}

LayoutNode LayoutParser::parse_content(int parent_indent)
{
    char c = peek();
    int col = column();
    if (at_dash()) {
        return parse_block_sequence(col);
    }
    if (at_explicit_key(false)) {
        return parse_block_mapping(col);
    }
    if (c == '[' || c == '{') {
        LayoutNode node = parse_flow_node();
        refuse_key_after(node);
        return node;
    }
    if (c == '|' || c == '>') {
        return parse_block_scalar(parent_indent);
    }
    if (implicit_key_at(pos_)) {
        return parse_block_mapping(col);
    }
    if (c == '*') {
        return parse_alias();
    }
    if (c == '"' || c == '\'') {
        return parse_quoted();
    }
    return parse_plain_block(parent_indent);
}

void LayoutParser::refuse_key_after(const LayoutNode& node)
{
    std::size_t i = node.end;
    while (i < t_.size() && is_blank(t_[i])) {
        ++i;
    }
    if (i < t_.size() && t_[i] == ':' && blank_or_end(i + 1)) {
        throw LayoutUnsupported("a collection used as a mapping key");
    }
}

bool LayoutParser::implicit_key_at(std::size_t i) const
{
    while (i < t_.size() && (t_[i] == '&' || t_[i] == '!')) {
        i = property_end(i);
        while (i < t_.size() && is_blank(t_[i])) {
            ++i;
        }
    }
    if (i >= t_.size() || is_flow_indicator(t_[i]) || is_break(t_[i]) || t_[i] == '#' ||
        t_[i] == '|' || t_[i] == '>') {
        return false;
    }
    if (t_[i] == '"' || t_[i] == '\'' || t_[i] == '*') {
        i = t_[i] == '*' ? name_end(i) : quoted_end(i);
        while (i < t_.size() && is_blank(t_[i])) {
            ++i;
        }
        return i < t_.size() && t_[i] == ':' && blank_or_end(i + 1);
    }
    for (std::size_t start = i; i < t_.size() && !is_break(t_[i]); ++i) {
        if (t_[i] == ':' && blank_or_end(i + 1)) {
            return true;
        }
        if (t_[i] == '#' && i > start && is_blank(t_[i - 1])) {
            return false;
        }
    }
    return false;
}

LayoutNode LayoutParser::parse_block_mapping(int indent)
{
    LayoutNode map;
    map.kind = LayoutNode::Kind::mapping;
    map.indent = indent;
    map.props = map.begin = pos_;
    while (true) {
        map.entries.push_back(at_explicit_key(false) ? parse_explicit_entry(indent)
                                                     : parse_implicit_entry(indent));
        map.end = entry_end(map.entries.back());
        note_indentation(map.entries.back(), indent);

        std::size_t saved = pos_;
        skip_to_content();
        if (at_end() || column() != indent || !first_on_line() || at_dash() || at_marker("---") ||
            at_marker("...")) {
            pos_ = saved;
            break;
        }
    }
    prune(map);
    return map;
}

LayoutEntry LayoutParser::parse_implicit_entry(int indent)
{
    LayoutEntry entry;
    entry.key_begin = pos_;
    std::string_view anchor = skip_properties();
    entry.key = parse_block_key(has_tag(entry.key_begin, pos_));
    remember_anchor(anchor, entry.key);
    entry.colon = pos_++;
    FocusStep step(*this, entry.key);
    entry.value = parse_value(indent, true);
    return entry;
}

LayoutEntry LayoutParser::parse_explicit_entry(int indent)
{
    LayoutEntry entry;
    entry.key_begin = pos_++;
    LayoutNode key = parse_value(indent, false);
    entry.key = key_text(key);
    std::size_t after_key = pos_;
    skip_to_content();
    if (!at_end() && column() == indent && peek() == ':' && blank_or_end(pos_ + 1)) {
        entry.colon = pos_++;
        FocusStep step(*this, entry.key);
        entry.value = parse_value(indent, true);
    } else {
        pos_ = after_key;
        entry.colon = LayoutEntry::no_colon;
        entry.value = empty_node_at(key.end);
    }
    return entry;
}

std::string LayoutParser::parse_block_key(bool tagged)
{
    std::string key;
    std::size_t start = pos_;
    if (is_flow_indicator(peek()) || peek() == '|' || peek() == '>') {
        throw LayoutUnsupported("a collection used as a mapping key");
    }
    if (peek() == '"' || peek() == '\'') {
        pos_ = quoted_end(pos_);
        refuse_escaped_blank_before_break(t_.substr(start, pos_ - start));
        key = decode_quoted_scalar(t_.substr(start, pos_ - start));
    } else if (peek() == '*') {
        pos_ = name_end(pos_);
        key = alias_text(t_.substr(start, pos_ - start));
    } else {
        // On one line, before a comment: a line without them is not an entry at all, though
        // some readers (yaml-cpp) read one, or a value, there anyway.
        while (!at_end() && !is_break(peek()) && !(peek() == ':' && blank_or_end(pos_ + 1)) &&
               !at_comment()) {
            ++pos_;
        }
        std::size_t end = pos_;
        while (end > start && is_blank(t_[end - 1])) {
            --end;
        }
        key = std::string(t_.substr(start, end - start));
        if (!tagged && reads_as_null(key)) {
            throw LayoutUnsupported("a null mapping key");
        }
    }
    skip_inline_blanks();
    if (peek() != ':') {
        throw LayoutUnsupported("a mapping key without ':'");
    }
    return key;
}

LayoutNode LayoutParser::parse_value(int parent_indent, bool compact_sequence_allowed)
{
    std::size_t after = pos_;
    skip_inline_blanks();
    if (!at_end() && !is_break(peek()) && !at_comment()) {
        return parse_node(parent_indent);
    }
    skip_to_content();
    if (!at_end() && !at_marker("---") && !at_marker("...")) {
        int col = column();
        if (col > parent_indent ||
            (compact_sequence_allowed && col == parent_indent && at_dash())) {
            return parse_node(parent_indent);
        }
    }
    pos_ = after;
    return empty_node_at(after);
}

LayoutNode LayoutParser::parse_block_sequence(int indent)
{
    LayoutNode seq;
    seq.kind = LayoutNode::Kind::sequence;
    seq.indent = indent;
    seq.props = seq.begin = pos_;
    while (true) {
        LayoutItem item;
        item.dash = pos_++;
        FocusStep step(*this, seq.items.size());
        item.value = parse_value(indent, false);
        seq.end = item.value.empty ? item.dash + 1 : item.value.end;
        seq.items.push_back(std::move(item));

        std::size_t saved = pos_;
        skip_to_content();
        if (at_end() || column() != indent || !at_dash() || !first_on_line()) {
            pos_ = saved;
            break;
        }
    }
    prune(seq);
    return seq;
}

LayoutNode LayoutParser::parse_block_scalar(int parent_indent)
{
    LayoutNode node;
    node.block_scalar = true;
    node.props = node.begin = pos_++;
    int explicit_indent = 0;
    bool keep = false;
    while (!at_end() && !is_blank(peek()) && !is_break(peek())) {
        if (peek() >= '1' && peek() <= '9') {
            explicit_indent = peek() - '0';
        }
        keep = keep || peek() == '+';
        ++pos_;
    }
    node.end = pos_;
    skip_line();
    int indent = explicit_indent > 0 ? std::max(parent_indent, 0) + explicit_indent : -1;
    std::size_t last_empty = std::string_view::npos; // after the last content line
    while (!at_end()) {
        skip_break();
        std::size_t line = pos_;
        while (peek() == ' ') {
            ++pos_;
        }
        int col = static_cast<int>(pos_ - line);
        if (line == t_.size()) {
            break;
        }
        // A line of spaces no wider than the content's indentation is empty; a wider one is
        // content, as a line with text is.
        if ((at_end() || is_break(peek())) && (indent < 0 || col <= indent)) {
            last_empty = line;
            continue;
        }
        if (indent < 0) {
            indent = col;
        }
        if (col < indent || col <= parent_indent) {
            break;
        }
        skip_line();
        node.end = std::max(line, line_content_end(pos_));
        last_empty = std::string_view::npos;
    }
    if (keep && last_empty != std::string_view::npos) {
        // The kept empty lines are the scalar's: what is added after it goes below them.
        node.end = last_empty;
    }
    node.indent = indent;
    pos_ = node.end;
    return node;
}

LayoutNode LayoutParser::parse_plain_block(int parent_indent)
{
    LayoutNode node;
    node.props = node.begin = pos_;
    pos_ = plain_line_end(pos_);
    while (true) {
        std::size_t saved = pos_;
        skip_inline_blanks();
        if (at_comment()) {
            pos_ = saved;
            break;
        }
        while (!at_end() && (is_blank(peek()) || is_break(peek()))) {
            ++pos_;
        }
        if (at_end() || column() <= parent_indent || at_comment() || at_marker("---") ||
            at_marker("...")) {
            pos_ = saved;
            break;
        }
        if (peek() == ':' && blank_or_end(pos_ + 1)) {
            // Not YAML (libfyaml and PyYAML refuse it). A line that starts with "- " or "? "
            // is folded into the scalar, as they read it and as PyYAML wraps long text.
            throw LayoutUnsupported("a plain scalar line that starts with ': '");
        }
        pos_ = plain_line_end(pos_);
    }
    node.end = pos_;
    return node;
}

LayoutNode LayoutParser::parse_quoted()
{
    LayoutNode node;
    node.props = node.begin = pos_;
    pos_ = node.end = quoted_end(pos_);
    return node;
}

LayoutNode LayoutParser::parse_alias()
{
    LayoutNode node;
    node.kind = LayoutNode::Kind::alias;
    node.props = node.begin = pos_;
    pos_ = node.end = name_end(pos_);
    return node;
}

} // namespace apicat::openapi

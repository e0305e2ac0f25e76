#include "openapi/layout.hpp"

#include "openapi/block_scalar.hpp"
#include "openapi/layout_cursor.hpp"
#include "openapi/nesting.hpp"
#include "openapi/scalar_text.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace apicat::openapi {

LineIndex::LineIndex(std::string_view text)
{
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            starts_.push_back(i + 1);
        }
    }
}

int LineIndex::line_of(std::size_t offset) const
{
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<int>(it - starts_.begin()) - 1;
}

std::size_t LineIndex::line_start(std::size_t offset) const
{
    return starts_[static_cast<std::size_t>(line_of(offset))];
}

int LineIndex::column_of(std::size_t offset) const
{
    return static_cast<int>(offset - line_start(offset));
}

namespace {

LayoutNode empty_node_at(std::size_t offset)
{
    LayoutNode node;
    node.empty = true;
    node.props = node.begin = node.end = offset;
    return node;
}

// Where an entry's value ends, or its key when it has neither ':' nor a value.
std::size_t entry_end(const LayoutEntry& entry)
{
    return entry.value.empty && entry.colon != LayoutEntry::no_colon ? entry.colon + 1
                                                                     : entry.value.end;
}

bool reads_as_null(std::string_view plain)
{
    return plain.empty() || plain == "~" || plain == "null" || plain == "Null" || plain == "NULL";
}

// How deep parse_node and parse_flow_node may call each other. yaml-cpp has already read the
// document, no deeper than max_nesting_depth; a text it read as something shallower (tabs and
// stray brackets) could otherwise lead this reader down until the stack ends.
class DepthGuard {
public:
    explicit DepthGuard(int& depth)
        : depth_(depth)
    {
        if (++depth_ > 4 * max_nesting_depth) {
            --depth_;
            throw LayoutUnsupported("nesting deeper than apicat reads");
        }
    }
    ~DepthGuard() { --depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    int& depth_;
};

// A recursive-descent reader of the document's shape. It trusts that the text is valid
// YAML (yaml-cpp has already read it) and only finds where things are, and what each key
// says.
class LayoutParser : LayoutCursor {
public:
    explicit LayoutParser(std::string_view text)
        : LayoutCursor(text)
    {
    }

    LayoutNode parse_document()
    {
        skip_to_content();
        while (!at_end() && peek() == '%' && first_on_line()) {
            skip_line();
            skip_to_content();
        }
        if (at_marker("---")) {
            pos_ += 3;
            skip_to_content();
        }
        if (at_end()) {
            throw LayoutUnsupported("the document is empty");
        }
        LayoutNode root = parse_node(-1);
        skip_to_content();
        if (at_marker("...")) {
            pos_ += 3;
            skip_to_content();
        }
        if (!at_end()) {
            throw LayoutUnsupported(at_marker("---") ? "several documents in one file"
                                                     : "content after the document");
        }
        return root;
    }

private:
    int depth_ = 0; // of parse_node and parse_flow_node calls (DepthGuard)
    // Anchors seen so far: the text of an anchored scalar, for an alias used as a key; nullopt
    // for an anchored collection or null.
    std::map<std::string, std::optional<std::string>, std::less<>> anchors_;

    // Skips an anchor and a tag, in either order, and returns the anchor's name, if any.
    std::string_view skip_properties()
    {
        std::string_view anchor;
        while (peek() == '&' || peek() == '!') {
            std::size_t end = property_end(pos_);
            if (peek() == '&') {
                anchor = t_.substr(pos_ + 1, end - pos_ - 1);
            } else {
                refuse_unusual_tag(t_.substr(pos_, end - pos_));
            }
            if (!blank_or_end(end) && !is_flow_indicator(t_[end])) {
                // "!<tag>#x": readers disagree whether a comment or the node starts there.
                throw LayoutUnsupported("a node property without a blank after it");
            }
            pos_ = end;
            skip_inline_blanks();
        }
        return anchor;
    }

    // Tags such as !!str, !local or !e!name, and verbatim ones, read the same everywhere;
    // readers split a tag with other characters ('&', '"', ':'...) in different places, so
    // where its node starts is not certain.
    static void refuse_unusual_tag(std::string_view tag)
    {
        if (tag.substr(0, 2) == "!<") {
            return;
        }
        for (char c : tag) {
            bool usual = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '!' || c == '-' || c == '_' || c == '.' ||
                         c == '/';
            if (!usual) {
                throw LayoutUnsupported("a tag with unusual characters");
            }
        }
    }

    bool has_tag(std::size_t props, std::size_t begin) const
    {
        return t_.substr(props, begin - props).find('!') != std::string_view::npos;
    }

    void remember_anchor(std::string_view anchor, std::optional<std::string> text)
    {
        if (!anchor.empty()) {
            anchors_.insert_or_assign(std::string(anchor), std::move(text));
        }
    }

    void remember_anchor(std::string_view anchor, const LayoutNode& node)
    {
        bool scalar = node.kind == LayoutNode::Kind::scalar && !node.empty;
        remember_anchor(anchor, scalar ? std::optional(scalar_text(node)) : std::nullopt);
    }

    // The string a scalar node stands for.
    std::string scalar_text(const LayoutNode& node) const
    {
        if (node.block_scalar) {
            std::size_t lines_end = next_line_start(node.end);
            return decode_block_scalar(t_.substr(node.begin, lines_end - node.begin), node.indent);
        }
        return decode_scalar_key(t_.substr(node.begin, node.end - node.begin));
    }

    // An alias used as a key stands for the text of the scalar its anchor is on.
    std::string alias_text(std::string_view alias) const
    {
        auto it = anchors_.find(alias.substr(1));
        if (it == anchors_.end() || !it->second) {
            throw LayoutUnsupported("an alias of a collection used as a mapping key");
        }
        return *it->second;
    }

    // The key a node written as a key stands for. YAML reads an empty or "~" key (untagged) as
    // null, which readers name differently ("null", "~", ""), so such a key is not found by
    // name.
    std::string key_text(const LayoutNode& key) const
    {
        if (key.kind == LayoutNode::Kind::alias) {
            return alias_text(t_.substr(key.begin, key.end - key.begin));
        }
        if (key.kind != LayoutNode::Kind::scalar) {
            throw LayoutUnsupported("a collection used as a mapping key");
        }
        std::string_view text = t_.substr(key.begin, key.end - key.begin);
        if (key.empty || (!has_tag(key.props, key.begin) && reads_as_null(text))) {
            throw LayoutUnsupported("a null mapping key");
        }
        return scalar_text(key);
    }

    // ---- block style ----

    // A node in block context; pos_ is on its first character (or its properties).
    LayoutNode parse_node(int parent_indent)
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

    LayoutNode parse_content(int parent_indent)
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

    void refuse_key_after(const LayoutNode& node)
    {
        std::size_t i = node.end;
        while (i < t_.size() && is_blank(t_[i])) {
            ++i;
        }
        if (i < t_.size() && t_[i] == ':' && blank_or_end(i + 1)) {
            throw LayoutUnsupported("a collection used as a mapping key");
        }
    }

    // Whether an implicit key of a block mapping starts at `at`: properties, a plain, quoted
    // or alias key, then ':' and a blank, all on one line.
    bool implicit_key_at(std::size_t i) const
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

    LayoutNode parse_block_mapping(int indent)
    {
        LayoutNode map;
        map.kind = LayoutNode::Kind::mapping;
        map.indent = indent;
        map.props = map.begin = pos_;
        while (true) {
            if (!at_explicit_key(false) && !implicit_key_at(pos_)) {
                // Not an entry at all, where yaml-cpp reads one (or a value) anyway.
                throw LayoutUnsupported("a line in a mapping that is not an entry");
            }
            map.entries.push_back(at_explicit_key(false) ? parse_explicit_entry(indent)
                                                         : parse_implicit_entry(indent));
            map.end = entry_end(map.entries.back());

            std::size_t saved = pos_;
            skip_to_content();
            if (at_end() || column() != indent || !first_on_line() || at_dash() ||
                at_marker("---") || at_marker("...")) {
                pos_ = saved;
                break;
            }
        }
        return map;
    }

    // "key: value", the key on one line.
    LayoutEntry parse_implicit_entry(int indent)
    {
        LayoutEntry entry;
        entry.key_begin = pos_;
        std::string_view anchor = skip_properties();
        entry.key = parse_block_key(has_tag(entry.key_begin, pos_));
        remember_anchor(anchor, entry.key);
        entry.colon = pos_++;
        entry.value = parse_value(indent, true);
        return entry;
    }

    // "? key" then, on a line of its own at the same indentation, ": value" (or no ':' at
    // all, for a null value). The key may span lines, and comments may stand between the two.
    LayoutEntry parse_explicit_entry(int indent)
    {
        LayoutEntry entry;
        entry.key_begin = pos_++;
        LayoutNode key = parse_value(indent, false);
        entry.key = key_text(key);
        std::size_t after_key = pos_;
        skip_to_content();
        if (!at_end() && column() == indent && peek() == ':' && blank_or_end(pos_ + 1)) {
            entry.colon = pos_++;
            entry.value = parse_value(indent, true);
        } else {
            pos_ = after_key;
            entry.colon = LayoutEntry::no_colon;
            entry.value = empty_node_at(key.end);
        }
        return entry;
    }

    // Reads an implicit key up to its ':' and leaves pos_ on the ':'.
    std::string parse_block_key(bool tagged)
    {
        std::string key;
        std::size_t start = pos_;
        if (peek() == '"' || peek() == '\'') {
            pos_ = quoted_end(pos_);
            key = decode_quoted_scalar(t_.substr(start, pos_ - start));
        } else if (peek() == '*') {
            pos_ = name_end(pos_);
            key = alias_text(t_.substr(start, pos_ - start));
        } else {
            while (!at_end() && !(peek() == ':' && blank_or_end(pos_ + 1))) {
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

    // The value after a key's ':', an item's '-' or an explicit key's '?': on the same line,
    // on the lines below, or nothing at all.
    LayoutNode parse_value(int parent_indent, bool compact_sequence_allowed)
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

    LayoutNode parse_block_sequence(int indent)
    {
        LayoutNode seq;
        seq.kind = LayoutNode::Kind::sequence;
        seq.indent = indent;
        seq.props = seq.begin = pos_;
        while (true) {
            LayoutItem item;
            item.dash = pos_++;
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
        return seq;
    }

    // "|" or ">", with an indentation indicator (1-9) and a chomping one ('-' strips the last
    // line break, '+' keeps the empty lines after the content), in either order.
    LayoutNode parse_block_scalar(int parent_indent)
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

    LayoutNode parse_plain_block(int parent_indent)
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
            if ((peek() == '?' || peek() == '-' || peek() == ':') && blank_or_end(pos_ + 1)) {
                // YAML folds this line into the scalar; yaml-cpp starts an entry or item here.
                throw LayoutUnsupported("a plain scalar line that starts with an indicator");
            }
            pos_ = plain_line_end(pos_);
        }
        node.end = pos_;
        return node;
    }

    LayoutNode parse_quoted()
    {
        LayoutNode node;
        node.props = node.begin = pos_;
        pos_ = node.end = quoted_end(pos_);
        return node;
    }

    LayoutNode parse_alias()
    {
        LayoutNode node;
        node.kind = LayoutNode::Kind::alias;
        node.props = node.begin = pos_;
        pos_ = node.end = name_end(pos_);
        return node;
    }

    // ---- flow style (and JSON) ----

    LayoutNode parse_flow_node()
    {
        DepthGuard guard(depth_);
        skip_to_content();
        std::size_t props = pos_;
        std::string_view anchor = skip_properties();
        skip_to_content();
        LayoutNode node;
        switch (peek()) {
        case '{':
            node = parse_flow_collection(LayoutNode::Kind::mapping, '}');
            break;
        case '[':
            node = parse_flow_collection(LayoutNode::Kind::sequence, ']');
            break;
        case '"':
        case '\'':
            node = parse_quoted();
            break;
        case '*':
            node = parse_alias();
            break;
        default:
            node = parse_plain_flow();
        }
        node.props = props;
        remember_anchor(anchor, node);
        return node;
    }

    LayoutNode parse_plain_flow()
    {
        if (peek() == '#') {
            // Right after a flow indicator ("{#x"), which YAML does not allow and yaml-cpp reads
            // as a comment.
            throw LayoutUnsupported("a '#' that is not a comment");
        }
        LayoutNode node;
        node.begin = pos_;
        std::size_t end = pos_;
        while (!at_end()) {
            char c = peek();
            if (is_flow_indicator(c) ||
                (c == ':' && (blank_or_end(pos_ + 1) || is_flow_indicator(peek(1)))) ||
                at_comment()) {
                break;
            }
            ++pos_;
            if (!is_blank(c) && !is_break(c)) {
                end = pos_;
            }
        }
        if (end == node.begin) {
            pos_ = node.begin;
            return empty_node_at(node.begin);
        }
        node.end = end;
        return node;
    }

    LayoutNode parse_flow_collection(LayoutNode::Kind kind, char closing)
    {
        LayoutNode node;
        node.kind = kind;
        node.flow = true;
        node.begin = pos_++;
        while (true) {
            skip_to_content();
            if (at_end()) {
                throw LayoutUnsupported("an unterminated flow collection");
            }
            if (peek() == closing) {
                break;
            }
            if (kind == LayoutNode::Kind::mapping) {
                node.entries.push_back(parse_flow_entry());
            } else {
                node.items.push_back(parse_flow_item());
            }
            skip_to_content();
            if (peek() == ',') {
                ++pos_;
            } else if (peek() != closing) {
                throw LayoutUnsupported("a flow collection without ',' between entries");
            }
        }
        node.close = pos_++;
        node.end = pos_;
        return node;
    }

    // "key: value", "? key : value", or a key alone ("key" or "? key") for a null value.
    LayoutEntry parse_flow_entry()
    {
        LayoutEntry entry;
        entry.key_begin = pos_;
        LayoutNode key;
        if (at_explicit_key(true)) {
            ++pos_;
            skip_to_content();
            bool none = peek() == ':' || peek() == ',' || peek() == '}';
            key = none ? empty_node_at(pos_) : parse_flow_node();
        } else {
            key = parse_flow_node();
        }
        entry.key = key_text(key);
        skip_to_content();
        if (peek() != ':') {
            entry.colon = LayoutEntry::no_colon;
            entry.value = empty_node_at(key.end);
            return entry;
        }
        entry.colon = pos_++;
        skip_to_content();
        if (peek() == ',' || peek() == '}') {
            entry.value = empty_node_at(entry.colon + 1);
        } else {
            entry.value = parse_flow_node();
        }
        return entry;
    }

    // A pair in a flow sequence ("[a: 1]" or "[? a : 1]") is a mapping without braces: a
    // member added to it would land in the sequence instead, so the editor cannot edit it.
    LayoutItem parse_flow_item()
    {
        if (at_explicit_key(true)) {
            throw LayoutUnsupported("a single-pair mapping inside a flow sequence");
        }
        LayoutItem item;
        item.dash = pos_;
        item.value = parse_flow_node();
        std::size_t saved = pos_;
        skip_to_content();
        if (peek() == ':') {
            throw LayoutUnsupported("a single-pair mapping inside a flow sequence");
        }
        pos_ = saved;
        return item;
    }
};

} // namespace

LayoutNode parse_layout(std::string_view text)
{
    return LayoutParser(text).parse_document();
}

const LayoutNode* find_layout_node(const LayoutNode& root, const std::vector<std::string>& path)
{
    const LayoutNode* node = &root;
    for (const std::string& step : path) {
        const LayoutNode* next = nullptr;
        if (node->is_mapping()) {
            // The last of equal keys wins, as in the parsers that read the document.
            for (const LayoutEntry& entry : node->entries) {
                if (entry.key == step) {
                    next = &entry.value;
                }
            }
        } else if (node->is_sequence()) {
            std::size_t index = 0;
            auto [end, error] = std::from_chars(step.data(), step.data() + step.size(), index);
            if (error == std::errc() && end == step.data() + step.size() &&
                index < node->items.size()) {
                next = &node->items[index].value;
            }
        }
        if (next == nullptr) {
            return nullptr;
        }
        node = next;
    }
    return node;
}

} // namespace apicat::openapi

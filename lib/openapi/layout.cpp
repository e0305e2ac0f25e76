#include "openapi/layout.hpp"

#include "openapi/nesting.hpp"
#include "openapi/scalar_text.hpp"

#include <algorithm>
#include <charconv>

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

bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}
bool is_break(char c)
{
    return c == '\n' || c == '\r';
}
bool is_flow_indicator(char c)
{
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

LayoutNode empty_node_at(std::size_t offset)
{
    LayoutNode node;
    node.empty = true;
    node.props = node.begin = node.end = offset;
    return node;
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
// YAML (yaml-cpp has already read it) and only finds where things are.
class LayoutParser {
public:
    explicit LayoutParser(std::string_view text)
        : t_(text)
        , lines_(text)
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
    std::string_view t_;
    LineIndex lines_;
    std::size_t pos_ = 0;
    int depth_ = 0; // of parse_node and parse_flow_node calls (DepthGuard)

    bool at_end() const { return pos_ >= t_.size(); }
    char peek(std::size_t ahead = 0) const
    {
        return pos_ + ahead < t_.size() ? t_[pos_ + ahead] : '\0';
    }
    bool blank_or_end(std::size_t at) const
    {
        return at >= t_.size() || is_blank(t_[at]) || is_break(t_[at]);
    }
    int column() const { return lines_.column_of(pos_); }
    bool first_on_line() const
    {
        for (std::size_t i = lines_.line_start(pos_); i < pos_; ++i) {
            if (!is_blank(t_[i])) {
                return false;
            }
        }
        return true;
    }
    bool at_marker(std::string_view marker) const
    {
        return column() == 0 && t_.substr(pos_, 3) == marker && blank_or_end(pos_ + 3);
    }
    bool at_dash() const { return peek() == '-' && blank_or_end(pos_ + 1); }
    bool at_comment() const
    {
        return peek() == '#' && (pos_ == 0 || is_blank(t_[pos_ - 1]) || is_break(t_[pos_ - 1]));
    }

    void skip_inline_blanks()
    {
        while (!at_end() && is_blank(peek())) {
            ++pos_;
        }
    }
    void skip_line()
    {
        while (!at_end() && !is_break(peek())) {
            ++pos_;
        }
    }
    // Blanks, line breaks and comments: everything between two tokens, in block and flow style.
    void skip_to_content()
    {
        while (!at_end()) {
            char c = peek();
            if (is_blank(c) || is_break(c)) {
                ++pos_;
            } else if (at_comment()) {
                skip_line();
            } else {
                break;
            }
        }
    }

    void skip_properties()
    {
        while (peek() == '&' || peek() == '!') {
            while (!at_end() && !blank_or_end(pos_) && !is_flow_indicator(peek())) {
                ++pos_;
            }
            skip_inline_blanks();
        }
    }

    // A node in block context; pos_ is on its first character (or its properties).
    LayoutNode parse_node(int parent_indent)
    {
        DepthGuard guard(depth_);
        std::size_t props = pos_;
        skip_properties();
        if (props != pos_ && (at_end() || is_break(peek()) || at_comment())) {
            std::size_t after_props = pos_;
            skip_to_content();
            bool follows = !at_end() && (column() > parent_indent || at_dash());
            if (!follows) {
                pos_ = after_props;
                return empty_node_at(after_props);
            }
        }
        LayoutNode node = parse_content(parent_indent);
        node.props = props;
        return node;
    }

    LayoutNode parse_content(int parent_indent)
    {
        char c = peek();
        int col = column();
        if (at_dash()) {
            return parse_block_sequence(col);
        }
        if (c == '?' && blank_or_end(pos_ + 1)) {
            throw LayoutUnsupported("complex mapping keys");
        }
        if (c == '[' || c == '{') {
            LayoutNode node = parse_flow_node();
            refuse_key_after(node);
            return node;
        }
        if (c == '|' || c == '>') {
            return parse_block_scalar(parent_indent);
        }
        if (c == '*') {
            LayoutNode node = parse_alias();
            refuse_key_after(node);
            return node;
        }
        if (line_has_key_at(pos_)) {
            return parse_block_mapping(col);
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
            throw LayoutUnsupported("a collection or alias used as a mapping key");
        }
    }

    // Whether a block mapping key ("key:" followed by a blank or the line's end) starts here.
    bool line_has_key_at(std::size_t at) const
    {
        std::size_t i = at;
        if (t_[i] == '"' || t_[i] == '\'') {
            i = quoted_end(i);
            while (i < t_.size() && is_blank(t_[i])) {
                ++i;
            }
            return i < t_.size() && t_[i] == ':' && blank_or_end(i + 1);
        }
        for (; i < t_.size() && !is_break(t_[i]); ++i) {
            if (t_[i] == ':' && blank_or_end(i + 1)) {
                return true;
            }
            if (t_[i] == '#' && i > at && is_blank(t_[i - 1])) {
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
            LayoutEntry entry;
            entry.key_begin = pos_;
            skip_properties();
            entry.key = parse_block_key();
            entry.colon = pos_++;
            entry.value = parse_value(indent, true);
            map.end = entry.value.empty ? entry.colon + 1 : entry.value.end;
            map.entries.push_back(std::move(entry));

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

    // Reads a key up to its ':' and leaves pos_ on the ':'.
    std::string parse_block_key()
    {
        std::string key;
        if (peek() == '"' || peek() == '\'') {
            std::size_t start = pos_;
            pos_ = quoted_end(pos_);
            key = decode_quoted_scalar(t_.substr(start, pos_ - start));
        } else {
            std::size_t start = pos_;
            while (!at_end() && !(peek() == ':' && blank_or_end(pos_ + 1))) {
                ++pos_;
            }
            std::size_t end = pos_;
            while (end > start && is_blank(t_[end - 1])) {
                --end;
            }
            key = std::string(t_.substr(start, end - start));
        }
        skip_inline_blanks();
        if (peek() != ':') {
            throw LayoutUnsupported("a mapping key without ':'");
        }
        return key;
    }

    // The value after a key's ':' or an item's '-': on the same line, on the lines below, or
    // nothing at all.
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

    LayoutNode parse_block_scalar(int parent_indent)
    {
        LayoutNode node;
        node.block_scalar = true;
        node.props = node.begin = pos_;
        ++pos_;
        int explicit_indent = 0;
        while (!at_end() && !is_blank(peek()) && !is_break(peek())) {
            if (peek() >= '1' && peek() <= '9') {
                explicit_indent = peek() - '0';
            }
            ++pos_;
        }
        node.end = pos_;
        skip_line();
        int base = std::max(parent_indent, 0);
        int content_indent = explicit_indent > 0 ? base + explicit_indent : -1;
        while (!at_end()) {
            skip_break();
            std::size_t line = pos_;
            skip_inline_blanks();
            if (at_end() || is_break(peek())) {
                continue; // blank lines belong to the scalar only if content follows
            }
            int col = static_cast<int>(pos_ - line);
            if (content_indent < 0) {
                content_indent = col;
            }
            if (col < content_indent || col <= parent_indent) {
                break;
            }
            skip_line();
            node.end = line_content_end(pos_);
        }
        pos_ = node.end;
        return node;
    }

    void skip_break()
    {
        if (peek() == '\r') {
            ++pos_;
        }
        if (peek() == '\n') {
            ++pos_;
        }
    }

    std::size_t line_content_end(std::size_t at) const
    {
        while (at > 0 && (is_blank(t_[at - 1]) || t_[at - 1] == '\r')) {
            --at;
        }
        return at;
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
            pos_ = plain_line_end(pos_);
        }
        node.end = pos_;
        return node;
    }

    // The end of a plain scalar's text on the line that holds `at` (before a comment).
    std::size_t plain_line_end(std::size_t at) const
    {
        std::size_t i = at;
        while (i < t_.size() && !is_break(t_[i]) && !(t_[i] == '#' && is_blank(t_[i - 1]))) {
            ++i;
        }
        while (i > at && is_blank(t_[i - 1])) {
            --i;
        }
        return i;
    }

    std::size_t quoted_end(std::size_t at) const
    {
        char quote = t_[at];
        for (std::size_t i = at + 1; i < t_.size(); ++i) {
            if (quote == '"' && t_[i] == '\\') {
                ++i;
            } else if (t_[i] == quote) {
                if (quote == '\'' && i + 1 < t_.size() && t_[i + 1] == '\'') {
                    ++i;
                } else {
                    return i + 1;
                }
            }
        }
        throw LayoutUnsupported("an unterminated quoted scalar");
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
        while (!at_end() && !blank_or_end(pos_) && !is_flow_indicator(peek())) {
            ++pos_;
        }
        node.end = pos_;
        return node;
    }

    // ---- flow style (and JSON) ----

    LayoutNode parse_flow_node()
    {
        DepthGuard guard(depth_);
        skip_to_content();
        std::size_t props = pos_;
        skip_properties();
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
        return node;
    }

    LayoutNode parse_plain_flow()
    {
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

    LayoutEntry parse_flow_entry()
    {
        if (peek() == '?' && blank_or_end(pos_ + 1)) {
            throw LayoutUnsupported("complex mapping keys");
        }
        LayoutEntry entry;
        entry.key_begin = pos_;
        LayoutNode key = parse_flow_node();
        if (key.kind != LayoutNode::Kind::scalar) {
            throw LayoutUnsupported("a collection or alias used as a mapping key");
        }
        entry.key = decode_scalar_key(t_.substr(key.begin, key.end - key.begin));
        skip_to_content();
        if (peek() != ':') {
            entry.colon = key.end;
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

    LayoutItem parse_flow_item()
    {
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

#include "openapi/layout.hpp"

#include "openapi/block_scalar.hpp"
#include "openapi/layout_parser.hpp"
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
    // Readers ask mostly about the line they asked about last, or the next one.
    for (std::size_t line = last_line_; line < last_line_ + 2 && line < starts_.size(); ++line) {
        if (starts_[line] <= offset && (line + 1 == starts_.size() || offset < starts_[line + 1])) {
            last_line_ = line;
            return static_cast<int>(line);
        }
    }
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    last_line_ = static_cast<std::size_t>(it - starts_.begin()) - 1;
    return static_cast<int>(last_line_);
}

std::size_t LineIndex::line_start(std::size_t offset) const
{
    return starts_[static_cast<std::size_t>(line_of(offset))];
}

int LineIndex::column_of(std::size_t offset) const
{
    return static_cast<int>(offset - line_start(offset));
}

LayoutParser::DepthGuard::DepthGuard(int& depth)
    : depth_(depth)
{
    if (++depth_ > 4 * max_nesting_depth) {
        --depth_;
        throw LayoutUnsupported("nesting deeper than apicat reads");
    }
}

LayoutNode LayoutParser::empty_node_at(std::size_t offset)
{
    LayoutNode node;
    node.empty = true;
    node.props = node.begin = node.end = offset;
    return node;
}

bool LayoutParser::reads_as_null(std::string_view plain)
{
    return plain.empty() || plain == "~" || plain == "null" || plain == "Null" || plain == "NULL";
}

LayoutNode LayoutParser::parse_document()
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

std::string_view LayoutParser::skip_properties()
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

void LayoutParser::refuse_unusual_tag(std::string_view tag)
{
    if (tag.substr(0, 2) == "!<") {
        return;
    }
    for (char c : tag) {
        bool usual = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '!' || c == '-' || c == '_' || c == '.' || c == '/';
        if (!usual) {
            throw LayoutUnsupported("a tag with unusual characters");
        }
    }
}

bool LayoutParser::has_tag(std::size_t props, std::size_t begin) const
{
    return t_.substr(props, begin - props).find('!') != std::string_view::npos;
}

void LayoutParser::remember_anchor(std::string_view anchor, std::optional<std::string> text)
{
    if (!anchor.empty()) {
        anchors_.insert_or_assign(std::string(anchor), std::move(text));
    }
}

void LayoutParser::remember_anchor(std::string_view anchor, const LayoutNode& node)
{
    bool scalar = node.kind == LayoutNode::Kind::scalar && !node.empty;
    remember_anchor(anchor, scalar ? std::optional(scalar_text(node)) : std::nullopt);
}

std::string LayoutParser::scalar_text(const LayoutNode& node) const
{
    if (node.block_scalar) {
        std::size_t lines_end = next_line_start(node.end);
        return decode_block_scalar(t_.substr(node.begin, lines_end - node.begin), node.indent);
    }
    refuse_escaped_blank_before_break(t_.substr(node.begin, node.end - node.begin));
    return decode_scalar_key(t_.substr(node.begin, node.end - node.begin));
}

void LayoutParser::refuse_escaped_blank_before_break(std::string_view text)
{
    if (text.empty() || text.front() != '"') {
        return;
    }
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        if (text[i] == '\\' && is_blank(text[i + 1]) && is_break(text[i + 2])) {
            throw LayoutUnsupported("an escaped blank before a line break in a quoted key");
        }
        if (text[i] == '\\') {
            ++i; // an escaped backslash escapes nothing after it
        }
    }
}

std::string LayoutParser::alias_text(std::string_view alias) const
{
    auto it = anchors_.find(alias.substr(1));
    if (it == anchors_.end() || !it->second) {
        throw LayoutUnsupported("an alias of a collection used as a mapping key");
    }
    return *it->second;
}

std::string LayoutParser::key_text(const LayoutNode& key) const
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

LayoutNode parse_layout(std::string_view text)
{
    return LayoutParser(text, nullptr).parse_document();
}

Layout parse_layout_along(std::string_view text, const std::vector<std::string>& path)
{
    LayoutParser parser(text, &path);
    LayoutNode root = parser.parse_document();
    return Layout{std::move(root), parser.indentation()};
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

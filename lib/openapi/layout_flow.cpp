#include "openapi/layout_parser.hpp"

#include <array>

namespace apicat::openapi {

// Off the focus path, a JSON collection needs no members: its brackets are found by a scan
// that knows only strings and brackets. It takes what JSON can hold and nothing of YAML's own
// (a ', #, &, *, !, ?, |, > or % outside a string, a quote inside a plain scalar): for those
// it says nullopt, and the collection is read member by member.
std::optional<LayoutNode> LayoutParser::skip_json_collection()
{
    // A table, not a search: this loop sees every byte of a large JSON file.
    static constexpr auto yaml_only = [] {
        std::array<bool, 256> table{};
        for (char c : std::string_view("'#&*!?|>%@`")) {
            table[static_cast<unsigned char>(c)] = true;
        }
        return table;
    }();
    std::size_t at = pos_;
    int depth = 0;
    char before = '\0'; // the last character outside strings and blanks
    while (at < t_.size()) {
        char c = t_[at];
        if (c == '"') {
            if (before != '\0' && std::string_view("{[,:").find(before) == std::string_view::npos) {
                return std::nullopt;
            }
            at = quoted_end(at);
            before = '"';
            continue;
        }
        if (yaml_only[static_cast<unsigned char>(c)]) {
            return std::nullopt;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                LayoutNode node;
                node.kind = c == '}' ? LayoutNode::Kind::mapping : LayoutNode::Kind::sequence;
                node.flow = true;
                node.props = node.begin = pos_;
                node.close = at;
                node.end = at + 1;
                pos_ = at + 1;
                return node;
            }
        }
        if (!is_blank(c) && !is_break(c)) {
            before = c;
        }
        ++at;
    }
    return std::nullopt;
}

LayoutNode LayoutParser::parse_flow_member_value()
{
    skip_to_content();
    if (focus_ != nullptr && !on_focus_ && (peek() == '{' || peek() == '[')) {
        if (std::optional<LayoutNode> skipped = skip_json_collection()) {
            return std::move(*skipped);
        }
    }
    return parse_flow_node();
}

LayoutNode LayoutParser::parse_flow_node()
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

LayoutNode LayoutParser::parse_plain_flow()
{
    if (peek() == '#') {
        // Right after a flow indicator ("{#x"), which YAML does not allow and some readers
        // (yaml-cpp) read as a comment.
        throw LayoutUnsupported("a '#' that is not a comment");
    }
    LayoutNode node;
    node.begin = pos_;
    std::size_t end = pos_;
    while (!at_end()) {
        char c = peek();
        if (is_flow_indicator(c) ||
            (c == ':' && (blank_or_end(pos_ + 1) || is_flow_indicator(peek(1)))) || at_comment()) {
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

LayoutNode LayoutParser::parse_flow_collection(LayoutNode::Kind kind, char closing)
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
            node.items.push_back(parse_flow_item(node.items.size()));
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
    prune(node);
    return node;
}

LayoutEntry LayoutParser::parse_flow_entry()
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
        FocusStep step(*this, entry.key);
        entry.value = parse_flow_member_value();
    }
    return entry;
}

LayoutItem LayoutParser::parse_flow_item(std::size_t index)
{
    if (at_explicit_key(true)) {
        throw LayoutUnsupported("a single-pair mapping inside a flow sequence");
    }
    LayoutItem item;
    item.dash = pos_;
    FocusStep step(*this, index);
    item.value = parse_flow_member_value();
    std::size_t saved = pos_;
    skip_to_content();
    if (peek() == ':') {
        throw LayoutUnsupported("a single-pair mapping inside a flow sequence");
    }
    pos_ = saved;
    return item;
}

} // namespace apicat::openapi

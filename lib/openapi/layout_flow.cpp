#include "openapi/layout_parser.hpp"

namespace apicat::openapi {

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
        entry.value = parse_flow_node();
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
    item.value = parse_flow_node();
    std::size_t saved = pos_;
    skip_to_content();
    if (peek() == ':') {
        throw LayoutUnsupported("a single-pair mapping inside a flow sequence");
    }
    pos_ = saved;
    return item;
}

} // namespace apicat::openapi

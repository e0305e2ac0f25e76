#include "openapi/document_editor.hpp"

#include "errors.hpp"
#include "openapi/render.hpp"
#include "openapi/same_document.hpp"
#include "openapi/scalar_text.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

namespace apicat::openapi {

// Where a node sits: it decides how a replacement for the node is written.
struct DocumentEditor::Slot {
    enum class Kind { root, block_entry, block_item, flow_child };
    Kind kind = Kind::root;
    const LayoutNode* node = nullptr;
    std::size_t anchor = 0; // block: the entry's ':' or the item's '-'
    int parent_column = 0;  // block: the column of the entry's key or of the item's dash
};

namespace {

std::optional<std::size_t> parse_index(const std::string& step)
{
    std::size_t index = 0;
    auto [end, error] = std::from_chars(step.data(), step.data() + step.size(), index);
    if (error != std::errc() || end != step.data() + step.size()) {
        return std::nullopt;
    }
    return index;
}

std::string describe(const Path& path, std::size_t length)
{
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        out += (i == 0 ? "" : ".") + path[i];
    }
    return out.empty() ? "the document" : "'" + out + "'";
}

// The value at `path`, or nullptr; const or not, as the document is.
template <typename Document> Document* find_value(Document& document, const Path& path)
{
    Document* node = &document;
    for (const std::string& step : path) {
        if (node->is_object()) {
            auto it = node->find(step);
            if (it == node->end()) {
                return nullptr;
            }
            node = &*it;
        } else if (auto index = parse_index(step);
                   node->is_array() && index && *index < node->size()) {
            node = &(*node)[*index];
        } else {
            return nullptr;
        }
    }
    return node;
}

// The value at `path`, creating mappings where the path leads through absent keys or nulls.
Json& make_path(Json& document, const Path& path)
{
    Json* node = &document;
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (node->is_null()) {
            *node = Json::object();
        }
        if (node->is_object()) {
            node = &(*node)[path[i]];
        } else if (auto index = parse_index(path[i]);
                   node->is_array() && index && *index < node->size()) {
            node = &(*node)[*index];
        } else {
            throw Error(fmt::format("cannot set {}: {} is not a mapping",
                                    describe(path, path.size()), describe(path, i)));
        }
    }
    return *node;
}

Json nest(const Path& path, std::size_t from, const Json& value)
{
    Json nested = value;
    for (std::size_t i = path.size(); i-- > from;) {
        Json outer = Json::object();
        outer[path[i]] = std::move(nested);
        nested = std::move(outer);
    }
    return nested;
}

bool is_null_text(std::string_view text)
{
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::string spaces(int n)
{
    return std::string(static_cast<std::size_t>(std::max(n, 0)), ' ');
}

bool is_text(const std::string& text)
{
    return !util::find_binary_content(text).has_value();
}

// A document is UTF-8 text: a key or string that is not (a name from the command line) would
// make a file that apicat itself refuses to read, or that JSON has to mangle.
void require_text(const std::string& file, const Path& path, const Json& value)
{
    bool text = std::all_of(path.begin(), path.end(), is_text);
    std::vector<const Json*> pending{&value};
    while (text && !pending.empty()) {
        const Json& node = *pending.back();
        pending.pop_back();
        if (node.is_string()) {
            text = is_text(node.get_ref<const std::string&>());
        } else if (node.is_structured()) {
            for (const auto& item : node.items()) {
                text = text && (node.is_array() || is_text(item.key()));
                pending.push_back(&item.value());
            }
        }
    }
    if (!text) {
        throw Error(fmt::format("{}: cannot write a name or value that is not UTF-8 text", file),
                    "give names and values as UTF-8 text");
    }
}

} // namespace

DocumentEditor::DocumentEditor(Source source, Json document)
    : source_(std::move(source))
    , text_(source_.text)
    , document_(std::move(document))
{
    try {
        layout_ = parse_layout(text_);
        style_ = detect_text_style(source_, *layout_);
    } catch (const LayoutUnsupported&) {
        style_ = default_text_style(source_.syntax);
        text_lost_ = true;
    }
}

template <typename Patch> void DocumentEditor::patch_text(Patch&& patch)
{
    if (text_lost_) {
        return;
    }
    try {
        if (!layout_) {
            layout_ = parse_layout(text_);
        }
        // The patch changes the text, so the layout it was made from is stale afterwards.
        LayoutNode root = std::move(*layout_);
        layout_.reset();
        patch(root);
    } catch (const LayoutUnsupported&) {
        text_lost_ = true;
    }
}

void DocumentEditor::replace(std::size_t begin, std::size_t end, const std::string& text)
{
    text_.replace(begin, end - begin, text);
}

void DocumentEditor::set(const Path& path, const Json& value)
{
    if (const Json* existing = find_value(document_, path); existing && *existing == value) {
        return;
    }
    require_text(source_.file, path, value);
    make_path(document_, path) = value;
    changed_ = true;
    patch_text([&](const LayoutNode& root) { set_text(root, path, value); });
}

void DocumentEditor::remove(const Path& path)
{
    if (path.empty()) {
        throw Error("cannot remove the whole document");
    }
    Path parent_path(path.begin(), path.end() - 1);
    Json* parent = find_value(document_, parent_path);
    if (find_value(document_, path) == nullptr || parent == nullptr) {
        return;
    }
    if (parent->is_object()) {
        parent->erase(path.back());
    } else {
        parent->erase(*parse_index(path.back()));
    }
    changed_ = true;
    patch_text([&](const LayoutNode& root) { remove_text(root, path); });
}

void DocumentEditor::append(const Path& path, const Json& item)
{
    require_text(source_.file, path, item);
    const Json* existing = find_value(document_, path);
    if (existing == nullptr || existing->is_null()) {
        Json array = Json::array();
        array.push_back(item);
        set(path, array);
        return;
    }
    if (!existing->is_array()) {
        throw Error(
            fmt::format("cannot append to {}: it is not a sequence", describe(path, path.size())));
    }
    make_path(document_, path).push_back(item);
    changed_ = true;
    patch_text([&](const LayoutNode& root) { append_text(root, path, item); });
}

EditOutcome DocumentEditor::finish() const
{
    if (!changed_) {
        return {source_.text, false, false};
    }
    if (!text_lost_) {
        try {
            if (same_document(parse_source(Source{source_.file, text_, source_.syntax}),
                              document_)) {
                return {text_, true, false};
            }
        } catch (const Error&) {
            // The patch broke the syntax: fall through to re-emitting the document.
        }
    }
    // The re-emitted document is checked too: a file is never written that does not read
    // back as the intended document.
    std::string text = render_document(document_, style_);
    try {
        if (same_document(parse_source(Source{source_.file, text, source_.syntax}), document_)) {
            return {std::move(text), true, true};
        }
    } catch (const Error&) {
        // Reported below, as a mismatch is.
    }
    throw Error(fmt::format("{}: cannot write this edit: the document apicat would write does "
                            "not read back the same",
                            source_.file),
                "the file is unchanged; please report this with the draft");
}

// ---- where the path leads in the text ----

DocumentEditor::Slot DocumentEditor::walk(const LayoutNode& root, const Path& path,
                                          std::size_t& depth) const
{
    Slot slot{Slot::Kind::root, &root};
    for (depth = 0; depth < path.size(); ++depth) {
        const LayoutNode& node = *slot.node;
        if (node.is_mapping()) {
            auto entry = std::find_if(node.entries.begin(), node.entries.end(),
                                      [&](const LayoutEntry& e) { return e.key == path[depth]; });
            if (entry == node.entries.end()) {
                break;
            }
            slot = Slot{node.flow ? Slot::Kind::flow_child : Slot::Kind::block_entry, &entry->value,
                        entry->colon, node.indent};
        } else if (auto index = parse_index(path[depth]);
                   node.is_sequence() && index && *index < node.items.size()) {
            const LayoutItem& item = node.items[*index];
            slot = Slot{node.flow ? Slot::Kind::flow_child : Slot::Kind::block_item, &item.value,
                        item.dash, node.indent};
        } else {
            break;
        }
    }
    return slot;
}

void DocumentEditor::set_text(const LayoutNode& root, const Path& path, const Json& value)
{
    std::size_t depth = 0;
    Slot slot = walk(root, path, depth);
    const LayoutNode& reached = *slot.node;
    if (depth == path.size()) {
        replace_value(slot, value);
    } else if (reached.is_mapping()) {
        insert_entry(slot, path[depth], nest(path, depth + 1, value));
    } else if (reached.kind == LayoutNode::Kind::scalar && !reached.block_scalar &&
               is_null_text(
                   std::string_view(text_).substr(reached.begin, reached.end - reached.begin))) {
        replace_value(slot, nest(path, depth, value));
    } else {
        throw LayoutUnsupported("the path leads through a value that is not a mapping");
    }
}

void DocumentEditor::remove_text(const LayoutNode& root, const Path& path)
{
    std::size_t depth = 0;
    Slot slot = walk(root, Path(path.begin(), path.end() - 1), depth);
    const LayoutNode& parent = *slot.node;
    if (depth + 1 != path.size()) {
        throw LayoutUnsupported("the text does not have the value to remove");
    }
    if (parent.is_mapping()) {
        for (std::size_t i = 0; i < parent.entries.size(); ++i) {
            if (parent.entries[i].key == path.back()) {
                remove_child(slot, i);
                return;
            }
        }
    } else if (auto index = parse_index(path.back());
               parent.is_sequence() && index && *index < parent.items.size()) {
        remove_child(slot, *index);
        return;
    }
    throw LayoutUnsupported("the text does not have the value to remove");
}

void DocumentEditor::append_text(const LayoutNode& root, const Path& path, const Json& item)
{
    std::size_t depth = 0;
    Slot slot = walk(root, path, depth);
    if (depth != path.size() || !slot.node->is_sequence()) {
        throw LayoutUnsupported("the text does not have the sequence to append to");
    }
    insert_item(slot, item);
}

// ---- patches ----

void DocumentEditor::replace_value(const Slot& slot, const Json& value)
{
    const LayoutNode& node = *slot.node;
    bool json = style_.syntax == Syntax::json;
    bool entry = slot.kind == Slot::Kind::block_entry || slot.kind == Slot::Kind::flow_child;
    if (entry && slot.anchor == LayoutEntry::no_colon) {
        add_value_indicator(slot, value);
        return;
    }
    switch (slot.kind) {
    case Slot::Kind::root:
        replace(node.props, node.end,
                json ? render_json(value, "", style_)
                     : (value.is_object() && !value.empty() ? render_yaml_mapping(value, 0, style_)
                                                            : render_yaml_scalar(value, style_)));
        return;
    case Slot::Kind::flow_child:
        replace(node.props, node.end,
                json ? render_json(value, line_indent(node.begin), style_)
                     : render_json_inline(value));
        return;
    case Slot::Kind::block_entry:
    case Slot::Kind::block_item:
        break;
    }
    bool collection = (value.is_object() || value.is_array()) && !value.empty();
    int column = column_of(node.begin);
    bool block_below = !node.empty && !node.flow && (node.is_mapping() || node.is_sequence()) &&
                       !same_line(slot.anchor, node.begin) && column > slot.parent_column;
    if (collection && block_below) {
        // Keep the indentation the old value had.
        replace(line_start(node.begin), node.end,
                value.is_object() ? render_yaml_mapping(value, column, style_)
                                  : render_yaml_sequence(value, column, style_));
        return;
    }
    std::string text = slot.kind == Slot::Kind::block_entry
                           ? render_yaml_after_key(value, slot.parent_column, style_)
                           : render_yaml_after_dash(value, slot.parent_column, style_);
    replace(slot.anchor + 1, node.empty ? slot.anchor + 1 : node.end, text);
}

// "? key" alone (or "{key}") has a null value and no ':': the new value comes with one, on
// the line after the key in block style ("? key" then ": value"), after the key in flow style.
void DocumentEditor::add_value_indicator(const Slot& slot, const Json& value)
{
    std::size_t key_end = slot.node->begin;
    if (slot.kind == Slot::Kind::flow_child) {
        replace(key_end, key_end, ": " + flow_value(value, line_indent(key_end)));
        return;
    }
    replace(key_end, key_end,
            style_.eol + spaces(slot.parent_column) + ":" +
                render_yaml_after_key(value, slot.parent_column, style_));
}

std::string DocumentEditor::flow_key(const std::string& key) const
{
    // Inside a flow collection, a plain key ends at a flow indicator: "/a/{id}" is quoted.
    bool flow_safe = key.find_first_of(",[]{}") == std::string::npos;
    if (style_.syntax == Syntax::yaml && flow_safe && plain_scalar_is_safe(key)) {
        return key;
    }
    return json_string(key);
}

// A value inside a flow collection (or JSON): multi-line in pretty JSON, else on one line.
std::string DocumentEditor::flow_value(const Json& value, const std::string& indent) const
{
    return style_.syntax == Syntax::json ? render_json(value, indent, style_)
                                         : render_json_inline(value);
}

// Adds the first member to an empty flow collection: "{}" becomes {"k": v} or, in pretty
// JSON, a multi-line object.
void DocumentEditor::fill_empty_flow(const LayoutNode& node, const std::string& member_key,
                                     const Json& value)
{
    bool pretty = style_.syntax == Syntax::json && style_.json_multiline;
    bool minified = style_.syntax == Syntax::json && !style_.json_multiline;
    std::string key = node.is_mapping() ? flow_key(member_key) + (minified ? ":" : ": ") : "";
    if (!pretty) {
        replace(node.begin + 1, node.close, key + flow_value(value, ""));
        return;
    }
    std::string outer = line_indent(node.begin);
    std::string inner = outer + style_.json_indent;
    replace(node.begin + 1, node.close,
            style_.eol + inner + key + render_json(value, inner, style_) + style_.eol + outer);
}

void DocumentEditor::insert_entry(const Slot& slot, const std::string& key, const Json& value)
{
    const LayoutNode& map = *slot.node;
    if (!map.flow) {
        std::size_t at = line_end(map.end);
        replace(at, at,
                style_.eol + spaces(map.indent) + render_yaml_key(key, style_) + ":" +
                    render_yaml_after_key(value, map.indent, style_));
        return;
    }
    if (map.entries.empty()) {
        insert_into_empty_flow(slot, key, value);
        return;
    }
    const LayoutEntry& last = map.entries.back();
    insert_after_flow_member(map, last.key_begin, last.value.end, flow_key(key), value);
}

void DocumentEditor::insert_item(const Slot& slot, const Json& item)
{
    const LayoutNode& seq = *slot.node;
    if (!seq.flow) {
        std::size_t at = line_end(seq.end);
        replace(at, at,
                style_.eol + spaces(seq.indent) + "-" +
                    render_yaml_after_dash(item, seq.indent, style_));
        return;
    }
    if (seq.items.empty()) {
        insert_into_empty_flow(slot, "", item);
        return;
    }
    const LayoutItem& last = seq.items.back();
    insert_after_flow_member(seq, last.value.props, last.value.end, "", item);
}

void DocumentEditor::insert_into_empty_flow(const Slot& slot, const std::string& key,
                                            const Json& value)
{
    const LayoutNode& node = *slot.node;
    bool in_block = slot.kind == Slot::Kind::block_entry || slot.kind == Slot::Kind::block_item;
    if (style_.syntax == Syntax::yaml && in_block) {
        // "paths: {}" is a placeholder in YAML drafts: its first member turns it into the
        // block style of the rest of the file.
        Json filled = node.is_mapping() ? Json::object() : Json::array();
        if (node.is_mapping()) {
            filled[key] = value;
        } else {
            filled.push_back(value);
        }
        replace_value(slot, filled);
        return;
    }
    fill_empty_flow(node, key, value);
}

// Adds a member after the last one of a non-empty flow collection, on a line of its own
// when the members stand one per line.
void DocumentEditor::insert_after_flow_member(const LayoutNode& node, std::size_t last_begin,
                                              std::size_t last_end, const std::string& key,
                                              const Json& value)
{
    bool minified = style_.syntax == Syntax::json && !style_.json_multiline;
    std::string separator = key.empty() ? "" : key + (minified ? ":" : ": ");
    if (same_line(node.begin, last_begin)) {
        replace(last_end, last_end, (minified ? "," : ", ") + separator + flow_value(value, ""));
        return;
    }
    std::string indent = line_indent(last_begin);
    replace(last_end, last_end, "," + style_.eol + indent + separator + flow_value(value, indent));
}

void DocumentEditor::remove_child(const Slot& slot, std::size_t index)
{
    const LayoutNode& parent = *slot.node;
    bool mapping = parent.is_mapping();
    std::size_t count = mapping ? parent.entries.size() : parent.items.size();
    if (count == 1) {
        replace_value(slot, mapping ? Json::object() : Json::array());
        return;
    }
    auto start = [&](std::size_t i) {
        return mapping ? parent.entries[i].key_begin
                       : (parent.flow ? parent.items[i].value.props : parent.items[i].dash);
    };
    auto end = [&](std::size_t i) {
        const LayoutNode& value = mapping ? parent.entries[i].value : parent.items[i].value;
        std::size_t indicator = mapping ? parent.entries[i].colon : parent.items[i].dash;
        return value.empty && indicator != LayoutEntry::no_colon
                   ? std::max(value.end, indicator + 1)
                   : value.end;
    };
    if (parent.flow) {
        if (index == 0) {
            replace(start(0), start(1), "");
        } else {
            replace(end(index - 1), end(index), "");
        }
        return;
    }
    if (!first_on_line(start(index))) {
        // "- a: 1\n  b: 2" without a: the next entry moves up onto the dash's line.
        replace(start(index), start(index + 1), "");
        return;
    }
    std::size_t from = line_start(start(index));
    std::size_t to = next_line_start(end(index));
    if (to == text_.size() && line_end(end(index)) == text_.size()) {
        // The last line has no line end: take the one before it instead.
        from -= (from >= 2 && text_[from - 2] == '\r') ? 2 : 1;
    }
    replace(from, to, "");
}

// ---- offsets ----

std::size_t DocumentEditor::line_start(std::size_t offset) const
{
    auto at = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    return (at == std::string::npos || offset == 0) ? 0 : at + 1;
}

std::size_t DocumentEditor::line_end(std::size_t offset) const
{
    auto at = text_.find('\n', offset);
    if (at == std::string::npos) {
        return text_.size();
    }
    return (at > offset && text_[at - 1] == '\r') ? at - 1 : at;
}

std::size_t DocumentEditor::next_line_start(std::size_t offset) const
{
    auto at = text_.find('\n', offset);
    return at == std::string::npos ? text_.size() : at + 1;
}

std::string DocumentEditor::line_indent(std::size_t offset) const
{
    std::size_t begin = line_start(offset);
    std::size_t end = begin;
    while (end < text_.size() && (text_[end] == ' ' || text_[end] == '\t')) {
        ++end;
    }
    return text_.substr(begin, end - begin);
}

bool DocumentEditor::first_on_line(std::size_t offset) const
{
    for (std::size_t i = line_start(offset); i < offset; ++i) {
        if (text_[i] != ' ' && text_[i] != '\t') {
            return false;
        }
    }
    return true;
}

int DocumentEditor::column_of(std::size_t offset) const
{
    return static_cast<int>(offset - line_start(offset));
}

bool DocumentEditor::same_line(std::size_t a, std::size_t b) const
{
    auto [low, high] = std::minmax(a, b);
    return text_.find('\n', low) >= high;
}

} // namespace apicat::openapi

#include "openapi/document_editor.hpp"

#include "errors.hpp"
#include "openapi/nesting.hpp"
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
    : owned_source_(std::move(source))
    , owned_document_(std::move(document))
    , source_(owned_source_)
    , document_(owned_document_)
    , text_(source_.text)
    , style_(default_text_style(source_.syntax))
{
}

DocumentEditor::DocumentEditor(InPlace, const Source& source, Json& document)
    : source_(source)
    , document_(document)
    , text_(source.text)
    , style_(default_text_style(source_.syntax))
{
}

template <typename Patch> void DocumentEditor::patch_text(const Path& path, Patch&& patch)
{
    if (text_lost_) {
        return;
    }
    try {
        // Read afresh for each patch, since the one before changed the text, and only as
        // much as a patch along `path` needs.
        Layout layout = parse_layout_along(text_, path);
        if (!style_detected_) {
            style_ = detect_text_style(source_, layout.indentation);
            style_detected_ = true;
        }
        layout_ = std::move(layout.root);
        patch(layout_);
    } catch (const LayoutUnsupported&) {
        text_lost_ = true;
    }
}

void DocumentEditor::replace(std::size_t begin, std::size_t end, const std::string& text)
{
    text_.replace(begin, end - begin, text);
    ++patches_;
}

void DocumentEditor::set(const Path& path, const Json& value)
{
    if (const Json* existing = find_value(document_, path); existing && *existing == value) {
        return;
    }
    require_text(source_.file, path, value);
    make_path(document_, path) = value;
    changed_ = true;
    patch_text(path, [&](const LayoutNode& root) { set_text(root, path, value); });
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
    patch_text(path, [&](const LayoutNode& root) { remove_text(root, path); });
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
    patch_text(path, [&](const LayoutNode& root) { append_text(root, path, item); });
}

EditOutcome DocumentEditor::finish()
{
    if (!changed_) {
        return {std::move(text_), false, false};
    }
    if (!text_lost_) {
        if (insertion_proves_edit()) {
            return {std::move(text_), true, false};
        }
        try {
            if (same_document(parse_source(Source{source_.file, text_, source_.syntax}),
                              document_)) {
                return {std::move(text_), true, false};
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
        insertion_parent_.assign(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(depth));
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
    insertion_parent_ = path;
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
    if (style_.syntax == Syntax::json) {
        return json_string(key);
    }
    // In a flow collection a plain key also ends at ',', '[', ']', '{' or '}'.
    bool plain = plain_scalar_is_safe(key) && key.find_first_of(",[]{}") == std::string::npos;
    return plain ? key : quote_scalar(key, true);
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
        std::string text = style_.eol + spaces(map.indent) + render_yaml_key(key, style_) + ":" +
                           render_yaml_after_key(value, map.indent, style_);
        replace(at, at, text);
        note_block_insertion(map, at, text.size(), Json{{key, value}});
        return;
    }
    if (map.entries.empty()) {
        insert_into_empty_flow(slot, key, value);
        return;
    }
    const LayoutEntry& last = map.entries.back();
    insert_after_flow_member(map, last.key_begin, last.value.end, flow_key(key),
                             Json{{key, value}});
}

void DocumentEditor::insert_item(const Slot& slot, const Json& item)
{
    const LayoutNode& seq = *slot.node;
    if (!seq.flow) {
        std::size_t at = line_end(seq.end);
        std::string text = style_.eol + spaces(seq.indent) + "-" +
                           render_yaml_after_dash(item, seq.indent, style_);
        replace(at, at, text);
        note_block_insertion(seq, at, text.size(), Json::array({item}));
        return;
    }
    if (seq.items.empty()) {
        insert_into_empty_flow(slot, "", item);
        return;
    }
    const LayoutItem& last = seq.items.back();
    insert_after_flow_member(seq, last.value.props, last.value.end, "", Json::array({item}));
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
// when the members stand one per line. `member` is {key: value} or [item].
void DocumentEditor::insert_after_flow_member(const LayoutNode& node, std::size_t last_begin,
                                              std::size_t last_end, const std::string& key,
                                              const Json& member)
{
    const Json& value = member.is_object() ? member.front() : member.at(0);
    bool minified = style_.syntax == Syntax::json && !style_.json_multiline;
    std::string separator = key.empty() ? "" : key + (minified ? ":" : ": ");
    std::string text;
    if (same_line(node.begin, last_begin)) {
        text = (minified ? "," : ", ") + separator + flow_value(value, "");
    } else {
        std::string indent = line_indent(last_begin);
        text = "," + style_.eol + indent + separator + flow_value(value, indent);
    }
    replace(last_end, last_end, text);
    if (style_.syntax == Syntax::json) {
        insertion_ =
            Insertion{Insertion::Kind::json_member, last_end + 1, last_end + text.size(), member};
    }
}

// Notes a block insertion of `length` bytes at `at`, after the last line of `collection`, for
// the check of the insertion alone (insertion_check.hpp says when that is a proof).
void DocumentEditor::note_block_insertion(const LayoutNode& collection, std::size_t at,
                                          std::size_t length, Json expected)
{
    const LayoutNode* last = &collection;
    while (last->is_mapping() || last->is_sequence()) {
        if (last->flow || (last->is_mapping() ? last->entries.empty() : last->items.empty())) {
            break;
        }
        last = last->is_mapping() ? &last->entries.back().value : &last->items.back().value;
    }
    if (last->block_scalar) {
        std::string_view header(text_.data() + last->begin, last->end - last->begin);
        if (header.substr(0, header.find_first_of("\r\n")).find('+') != std::string_view::npos) {
            return; // its kept line breaks now follow the insertion
        }
    }
    std::size_t begin = at + style_.eol.size();
    std::size_t end = at + length;
    // The inserted lines stand at the collection's column, none less indented.
    for (std::size_t line = begin; line < end; line = next_line_start(line)) {
        std::size_t content = text_.find_first_not_of(" ", line);
        bool blank = content >= end || text_[content] == '\r' || text_[content] == '\n';
        int column = static_cast<int>(content - line);
        if (!blank &&
            (column < collection.indent || (line == begin && column != collection.indent))) {
            return;
        }
    }
    // The line that ended the collection still ends it: less indented, or not a next item.
    for (std::size_t next = end; next < text_.size();) {
        std::size_t content = text_.find_first_not_of(" \t\r\n", next);
        if (content == std::string::npos) {
            break;
        }
        if (text_[content] == '#') {
            next = next_line_start(content);
            continue;
        }
        int column = column_of(content);
        bool dash =
            text_[content] == '-' &&
            (content + 1 == text_.size() ||
             std::string_view(" \t\r\n").find(text_[content + 1]) != std::string_view::npos);
        if (column > collection.indent ||
            (column == collection.indent && (collection.is_mapping() || dash))) {
            return;
        }
        break;
    }
    insertion_ = Insertion{Insertion::Kind::block, begin, end, std::move(expected)};
}

namespace {

// Lines end in LF or CRLF and hold no control characters but tabs: what the argument of
// insertion_check.hpp reads lines as. A lone CR, which YAML also takes for a line break, or a
// control character that readers treat each their own way, leaves the check to the whole text.
bool plain_line_structure(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 && c != '\t' && c != '\n' &&
            !(c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            return false;
        }
    }
    return true;
}

} // namespace

bool DocumentEditor::insertion_proves_edit() const
{
    if (!insertion_ || patches_ != 1 ||
        find_excess_nesting(nest(insertion_parent_, 0, insertion_->expected)) ||
        !plain_line_structure(text_) || !layout_agrees_on_the_way()) {
        return false;
    }
    return insertion_reads_as_expected(source_, text_, *insertion_);
}

// The layout found the collection by the keys it decoded itself. The insertion is where the
// document has it only if those are the keys the reader read, in every mapping on the way and
// in the collection (which now has one member more in the document).
bool DocumentEditor::layout_agrees_on_the_way() const
{
    const LayoutNode* node = &layout_;
    const Json* value = &document_;
    for (std::size_t depth = 0;; ++depth) {
        bool collection = depth == insertion_parent_.size();
        std::size_t added = collection ? 1 : 0;
        if (node->is_mapping() && value->is_object()) {
            if (node->entries.size() + added != value->size()) {
                return false;
            }
            auto member = value->items().begin();
            for (const LayoutEntry& entry : node->entries) {
                if (entry.key != member.key()) {
                    return false;
                }
                ++member;
            }
        } else if (!(node->is_sequence() && value->is_array() &&
                     node->items.size() + added == value->size())) {
            return false;
        }
        if (collection) {
            return true;
        }
        const std::string& step = insertion_parent_[depth];
        if (node->is_mapping()) {
            auto entry = std::find_if(node->entries.begin(), node->entries.end(),
                                      [&](const LayoutEntry& e) { return e.key == step; });
            node = &entry->value; // present: the keys are the document's
            value = &(*value)[step];
        } else {
            std::size_t index = *parse_index(step);
            node = &node->items[index].value;
            value = &(*value)[index];
        }
    }
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

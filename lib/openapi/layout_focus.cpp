// The layout reader's focus: what an edit along one path needs of a large document, kept
// while reading instead of the million nodes of the whole (layout.hpp, parse_layout_along);
// and the indentation the document shows, noted while reading.

#include "openapi/layout_parser.hpp"

namespace apicat::openapi {

LayoutParser::FocusStep::FocusStep(LayoutParser& parser, std::string_view key)
    : parser_(parser)
    , was_on_focus_(parser.on_focus_)
{
    parser.on_focus_ = parser.focus_step_is(key);
    ++parser.level_;
}

LayoutParser::FocusStep::FocusStep(LayoutParser& parser, std::size_t index)
    : FocusStep(parser, parser.focus_ != nullptr && parser.on_focus_
                            ? std::string_view(parser.index_text(index))
                            : std::string_view())
{
}

LayoutParser::FocusStep::~FocusStep()
{
    --parser_.level_;
    parser_.on_focus_ = was_on_focus_;
}

// Whether the member named `step` of the collection being read is on the focus path
// (everything is, without a focus).
bool LayoutParser::focus_step_is(std::string_view step) const
{
    return focus_ == nullptr || (on_focus_ && level_ < focus_->size() && (*focus_)[level_] == step);
}

const std::string& LayoutParser::index_text(std::size_t index)
{
    index_text_ = std::to_string(index);
    return index_text_;
}

// The last member of every kept node stays whole: an insertion after a collection follows its
// last members down to the end (insertion_check.hpp). Collections are pruned as they are
// read, so what is held at any time is the open collections' members, not the document.
void LayoutParser::prune(LayoutNode& collection)
{
    if (focus_ == nullptr) {
        return;
    }
    auto forget_members = [](LayoutNode& node) {
        std::vector<LayoutEntry>().swap(node.entries);
        std::vector<LayoutItem>().swap(node.items);
    };
    for (std::size_t i = 0; i + 1 < collection.entries.size(); ++i) {
        if (!focus_step_is(collection.entries[i].key)) {
            forget_members(collection.entries[i].value);
        }
    }
    for (std::size_t i = 0; i + 1 < collection.items.size(); ++i) {
        if (!(on_focus_ && focus_step_is(index_text(i)))) {
            forget_members(collection.items[i].value);
        }
    }
}

// The first block mapping nested in a block mapping, and the first block sequence under a
// key, in document order, tell the indentation an insertion follows. A value is read before
// the entry that holds it is noted, so the entry whose key comes first wins.
void LayoutParser::note_indentation(const LayoutEntry& entry, int mapping_indent)
{
    const LayoutNode& value = entry.value;
    if (value.flow) {
        return;
    }
    if (value.is_mapping() && value.indent > mapping_indent && entry.key_begin < mapping_step_at_) {
        indentation_.mapping_step = value.indent - mapping_indent;
        mapping_step_at_ = entry.key_begin;
    }
    if (value.is_sequence() && value.indent >= mapping_indent &&
        entry.key_begin < sequence_offset_at_) {
        indentation_.sequence_offset = value.indent - mapping_indent;
        sequence_offset_at_ = entry.key_begin;
    }
}

} // namespace apicat::openapi

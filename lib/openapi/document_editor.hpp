#pragma once

// Lossless edits of a YAML or JSON document.
//
// Each edit changes the document's meaning (a JSON value) and, separately, its text: a patch
// at the byte ranges parse_layout_along() finds, written in the file's own style. finish()
// then checks that the patched text means exactly the intended document: by reading the
// inserted text alone when the one patch was an insertion that allows it
// (insertion_check.hpp), else by reading the whole text again (docs/editing.md). Only when a
// patch cannot be made, or that check fails, is the whole document re-emitted, and the
// outcome says so (`normalised`) so the user is warned; the re-emitted text is checked the
// same way, and finish() throws Error rather than return text that fails it. Everything
// outside the edited part stays byte for byte as it was: comments, key order, quoting, blank
// lines, anchors.

#include "json.hpp"
#include "openapi/insertion_check.hpp"
#include "openapi/layout.hpp"
#include "openapi/source.hpp"
#include "openapi/text_style.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::openapi {

// Mapping keys and, for sequences, decimal indices.
using Path = std::vector<std::string>;

// `path` one step deeper: a key, or a sequence's index.
inline Path child(Path path, const std::string& step)
{
    path.push_back(step);
    return path;
}

struct EditOutcome {
    std::string text;
    bool changed = false;
    bool normalised = false; // the document had to be re-emitted: formatting was lost
};

class DocumentEditor {
public:
    DocumentEditor(Source source, Json document);
    // Edits `document` itself, which the caller may go on reading as the edits so far intend
    // it; `source` and `document` outlive the editor. On a large draft this saves a copy of
    // each (GitHub's description: 40 MB and 50 ms).
    struct InPlace {};
    DocumentEditor(InPlace, const Source& source, Json& document);
    DocumentEditor(const DocumentEditor&) = delete;
    DocumentEditor& operator=(const DocumentEditor&) = delete;

    // The document as the edits so far intend it.
    const Json& document() const { return document_; }
    const Source& source() const { return source_; }

    // Sets the value at `path`, creating missing mappings on the way (new keys go last).
    void set(const Path& path, const Json& value);
    // Removes a mapping entry or a sequence item; nothing happens when it is absent.
    void remove(const Path& path);
    // Appends to the sequence at `path`, creating it when missing.
    void append(const Path& path, const Json& item);

    // The outcome of the edits; the editor is spent afterwards.
    EditOutcome finish();

private:
    struct Slot;

    Source owned_source_; // unless editing in place
    Json owned_document_;
    const Source& source_;
    Json& document_;
    std::string text_;
    bool changed_ = false;
    bool text_lost_ = false; // a patch could not be made; finish() re-emits
    LayoutNode layout_;      // the last patch was made from, freed with the editor
    bool style_detected_ = false;
    int patches_ = 0;
    // When the only patch was an insertion that can be checked on its own: what it was, and
    // the path of the collection it went into.
    std::optional<Insertion> insertion_;
    Path insertion_parent_;

    template <typename Patch> void patch_text(const Path& path, Patch&& patch);
    void replace(std::size_t begin, std::size_t end, const std::string& text);

    void set_text(const LayoutNode& root, const Path& path, const Json& value);
    void remove_text(const LayoutNode& root, const Path& path);
    void append_text(const LayoutNode& root, const Path& path, const Json& item);

    Slot walk(const LayoutNode& root, const Path& path, std::size_t& depth) const;
    void replace_value(const Slot& slot, const Json& value);
    void add_value_indicator(const Slot& slot, const Json& value);
    void insert_entry(const Slot& slot, const std::string& key, const Json& value);
    void insert_item(const Slot& slot, const Json& item);
    void insert_into_empty_flow(const Slot& slot, const std::string& key, const Json& value);
    void fill_empty_flow(const LayoutNode& node, const std::string& member_key, const Json& value);
    void insert_after_flow_member(const LayoutNode& node, std::size_t last_begin,
                                  std::size_t last_end, const std::string& key, const Json& value);
    void remove_child(const Slot& slot, std::size_t index);
    void note_block_insertion(const LayoutNode& collection, std::size_t at, std::size_t length,
                              Json expected);
    bool insertion_proves_edit() const;
    bool layout_agrees_on_the_way() const;
    std::string flow_key(const std::string& key) const;
    std::string flow_value(const Json& value, const std::string& indent) const;

    std::size_t line_start(std::size_t offset) const;
    std::size_t line_end(std::size_t offset) const;
    std::size_t next_line_start(std::size_t offset) const;
    std::string line_indent(std::size_t offset) const;
    bool first_on_line(std::size_t offset) const;
    int column_of(std::size_t offset) const;
    bool same_line(std::size_t a, std::size_t b) const;

    TextStyle style_;
};

// Reads `source`, applies `edit` to an editor over it, and returns the outcome.
template <typename Edit>
EditOutcome edit_document(const Source& source, const Json& document, Edit&& edit)
{
    DocumentEditor editor(source, document);
    edit(editor);
    return editor.finish();
}

} // namespace apicat::openapi

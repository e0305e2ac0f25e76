#pragma once

// One edit of a draft through a DocumentEditor, as `apicat` makes it, for the unit tests of
// the edits (security_edits, operation_edits): what it said and the text it left, or the
// Error it threw.

#include "errors.hpp"
#include "json.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"
#include "openapi/source.hpp"

#include <string>
#include <utility>

namespace apicat::test {

// What one edit made of a draft: the sentence it returned, and the text it left.
struct DraftEdit {
    std::string said;
    openapi::EditOutcome outcome;
    openapi::Syntax syntax = openapi::Syntax::yaml;

    // The edited text, read back.
    Json document() const
    {
        return openapi::parse_source(openapi::Source{"edited", outcome.text, syntax});
    }
};

// Runs `edit(editor, draft)` on the draft `source` holds.
template <typename Edit> DraftEdit edit_draft(const openapi::Source& source, Edit&& edit)
{
    const openapi::Draft draft = openapi::draft_from_source(source);
    openapi::DocumentEditor editor(draft.source, draft.document);
    std::string said = edit(editor, draft);
    return DraftEdit{said, editor.finish(), source.syntax};
}

// The message and hint of the Error the edit throws; "(no error)" when it throws none.
template <typename Edit>
std::pair<std::string, std::string> edit_refusal(const openapi::Source& source, Edit&& edit)
{
    const openapi::Draft draft = openapi::draft_from_source(source);
    openapi::DocumentEditor editor(draft.source, draft.document);
    try {
        edit(editor, draft);
    } catch (const Error& error) {
        return {error.what(), error.hint()};
    }
    return {"(no error)", ""};
}

} // namespace apicat::test

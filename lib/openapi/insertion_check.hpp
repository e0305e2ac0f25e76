#pragma once

// The check that a patched document means what the edit intends, made on the inserted text
// alone when the patch was one insertion, instead of re-reading the whole document.
//
// Why reading the insertion alone is still a proof, for the two insertions it accepts:
//
// - A block entry or item, inserted on lines of its own after the last line of a block
//   mapping or sequence M, at M's indentation. YAML's block structure is decided by
//   indentation: the lines before the insertion are as they were, so they are read as
//   before, up to M's last node, which ends where a line no more indented than M begins
//   (a plain or block scalar continues only on lines more indented than M's keys or dashes;
//   every other node is closed by then). The inserted lines start at M's column with a key
//   or a dash and no line of them is less indented, so they are M's next entry or item, and
//   they mean what they mean read on their own at that column, as this check reads them.
//   After them the original text resumes with the line that ended M before, which is less
//   indented than M (or the end of the document), so M ends there again and everything
//   after is read as before. The one node that could end differently is a block scalar
//   that keeps its trailing line breaks (`|+`, `>+`), whose blank lines would now follow
//   the insertion: the editor does not ask for this check then.
// - A member inserted in JSON after the last member of an object or array, before its
//   closing bracket: `, MEMBER`. JSON's grammar has no context: if `{MEMBER}` (or
//   `[MEMBER]`) is valid JSON meaning {key: value} (or [item]), then the collection holds
//   exactly one member more, and nothing else changed.
//
// Together with the nesting check of the whole intended document, that is everything the
// full re-read would have found.

#include "json.hpp"
#include "openapi/source.hpp"

#include <cstddef>
#include <string_view>

namespace apicat::openapi {

struct Insertion {
    enum class Kind { block, json_member };
    Kind kind = Kind::block;
    std::size_t begin = 0; // the inserted text, in the patched text (for a JSON member,
    std::size_t end = 0;   // without the comma before it)
    Json expected;         // {key: value} or [item]
};

// Whether the inserted text of `patched` (a document of `source`'s file and syntax), read on
// its own, means `insertion.expected`.
bool insertion_reads_as_expected(const Source& source, std::string_view patched,
                                 const Insertion& insertion);

} // namespace apicat::openapi

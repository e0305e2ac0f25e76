#pragma once

// What every command that edits a draft shares: lock the draft's folder, load it, edit it
// losslessly, then write it atomically, or only show the diff (--dry-run), or only say whether
// it would change (--check, exit 1 when it would).

#include "context.hpp"

#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace apicat::cli {

struct EditOptions {
    bool dry_run = false;
    bool check = false;
};

void add_edit_flags(CLI::App& command, EditOptions& options);

// The edit returns a sentence saying what it did (or that it was already so).
using DraftEdit = std::function<std::string(openapi::DocumentEditor&, const openapi::Draft&)>;

// Returns the exit status.
int run_draft_edit(const GlobalOptions& global, const EditOptions& options, const std::string& file,
                   const DraftEdit& edit);

// Writes (or, with --dry-run/--check, shows) a whole new file. A file that exists with other
// content is only replaced with `force`.
int write_new_file(const GlobalOptions& global, const EditOptions& options, const std::string& file,
                   const std::string& text, const std::string& message, bool force);

} // namespace apicat::cli

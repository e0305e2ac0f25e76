#include "edit_command.hpp"

#include "output.hpp"

#include "errors.hpp"
#include "util/atomic_file.hpp"
#include "util/text_file.hpp"
#include "util/unified_diff.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace apicat::cli {

void add_edit_flags(CLI::App& command, EditOptions& options)
{
    auto* dry_run = command.add_flag("--dry-run", options.dry_run,
                                     "Print the change as a unified diff and write nothing");
    auto* check = command.add_flag("--check", options.check,
                                   "Write nothing; exit 1 if the file would change (for CI)");
    dry_run->excludes(check);
}

namespace {

int report(const GlobalOptions& global, const EditOptions& options, const std::string& file,
           const std::string& before, const std::string& after, const std::string& message)
{
    bool changed = before != after;
    std::string diff = changed ? util::unified_diff(before, after, "a/" + file, "b/" + file) : "";
    bool write = changed && !options.dry_run && !options.check;
    if (write) {
        util::write_file_atomically(file, after);
    }
    if (global.format() == OutputFormat::json) {
        print_json(Json{{"file", file},
                        {"changed", changed},
                        {"written", write},
                        {"diff", diff},
                        {"message", message}});
    } else if (options.dry_run) {
        if (!global.quiet) {
            fmt::print("{}", diff);
        }
        // The diff alone goes to stdout, so that it can be piped to `git apply`.
        if (!global.quiet) {
            fmt::print(stderr, "{}: {}{}\n", file,
                       changed ? "would change: " : "unchanged: ", message);
        }
    } else if (options.check) {
        print_line(global, fmt::format("{}: {}{}", file,
                                       changed ? "would change: " : "unchanged: ", message));
    } else {
        print_line(global, fmt::format("{}: {}{}", file, changed ? "" : "unchanged: ", message));
    }
    return options.check && changed ? 1 : 0;
}

} // namespace

int run_draft_edit(const GlobalOptions& global, const EditOptions& options, const std::string& file,
                   const DraftEdit& edit)
{
    openapi::Draft draft = openapi::load_draft(file);
    openapi::DocumentEditor editor(draft.source, draft.document);
    std::string message = edit(editor, draft);
    openapi::EditOutcome outcome = editor.finish();
    if (outcome.normalised) {
        print_warning(global, fmt::format("{}: the edit could not be made in place; the whole file "
                                          "was re-emitted and its formatting normalised",
                                          file));
    }
    return report(global, options, file, draft.source.text, outcome.text, message);
}

int write_new_file(const GlobalOptions& global, const EditOptions& options, const std::string& file,
                   const std::string& text, const std::string& message, bool force)
{
    std::string before = std::filesystem::exists(file) ? util::read_text_file(file) : std::string();
    if (!before.empty() && before != text && !force) {
        throw Error(fmt::format("{}: the file exists already", file),
                    "choose another file name, or pass --force to overwrite it");
    }
    return report(global, options, file, before, text, message);
}

} // namespace apicat::cli

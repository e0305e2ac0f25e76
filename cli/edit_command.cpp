#include "edit_command.hpp"

#include "output.hpp"

#include "errors.hpp"
#include "util/atomic_file.hpp"
#include "util/folder_lock.hpp"
#include "util/kept_until_exit.hpp"
#include "util/text_file.hpp"
#include "util/unified_diff.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
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

// How long an edit waits for another edit of a file in the same folder: APICAT_LOCK_WAIT
// seconds, 30 by default, as long as a store write waits for another.
std::chrono::milliseconds lock_wait()
{
    const char* text = std::getenv("APICAT_LOCK_WAIT");
    if (text == nullptr || *text == '\0') {
        return std::chrono::seconds(30);
    }
    char* end = nullptr;
    double seconds = std::strtod(text, &end);
    if (*end != '\0' || !std::isfinite(seconds) || seconds < 0 || seconds > 86400) {
        throw UsageError(fmt::format("invalid APICAT_LOCK_WAIT '{}': expected seconds", text),
                         "set it to how long an edit may wait for another, e.g. 30");
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

int report(const GlobalOptions& global, const EditOptions& options, const std::string& file,
           const std::string& before, const std::string& after, const std::string& message)
{
    bool changed = before != after;
    // Only where it is shown: on a large file the diff costs as much memory as the file.
    bool shown = global.format() == OutputFormat::json || (options.dry_run && !global.quiet);
    std::string diff =
        changed && shown ? util::unified_diff(before, after, "a/" + file, "b/" + file) : "";
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
        if (shown) {
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
    // Held from the read to the write, --dry-run and --check too, so that each edit starts
    // from the file as the one before it left it.
    util::FolderLock lock(file, lock_wait());
    openapi::Draft& draft =
        util::keep_until_exit(std::make_unique<openapi::Draft>(openapi::load_draft(file)));
    openapi::DocumentEditor& editor =
        util::keep_until_exit(std::make_unique<openapi::DocumentEditor>(
            openapi::DocumentEditor::InPlace{}, draft.source, draft.document));
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
    util::FolderLock lock(file, lock_wait());
    std::string before = std::filesystem::exists(file) ? util::read_text_file(file) : std::string();
    if (!before.empty() && before != text && !force) {
        throw Error(fmt::format("{}: the file exists already", file),
                    "choose another file name, or pass --force to overwrite it");
    }
    return report(global, options, file, before, text, message);
}

} // namespace apicat::cli

#pragma once

// Replacing a file's content all at once: readers see the old file or the new one, never a
// half-written one, and a failure leaves the old file as it was.

#include <filesystem>
#include <string_view>

namespace apicat::util {

// Writes `content` to a temporary file next to `path`, syncs it and renames it over `path`.
// The file keeps its permission mode (a new one gets 0666 less the umask). When `path` is a
// symlink, the file it points to is replaced and the link stays a link. Throws Error
// ("cannot write 'PATH': <reason>") on failure, leaving no temporary file behind.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

} // namespace apicat::util

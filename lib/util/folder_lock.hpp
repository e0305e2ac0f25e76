#pragma once

// An advisory lock (flock) on the folder that holds a file, held by a command across reading,
// editing, checking and writing the file, so that edits of one file made at once (parallel CI
// steps, `make -j`, a script's `&`) all land instead of each overwriting the others. It is on
// the folder because the atomic rename that writes the file replaces the file itself, and so
// it leaves nothing behind. The lock ends with the process, however that ends.

#include <chrono>
#include <filesystem>

namespace apicat::util {

class FolderLock {
public:
    // Locks the folder of `file` (of the file a symlink points to), waiting at most `wait` for
    // another process to let it go. Throws Error saying that a lock is held when it does not.
    FolderLock(const std::filesystem::path& file, std::chrono::milliseconds wait);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_ = -1;
};

} // namespace apicat::util

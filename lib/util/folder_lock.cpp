#include "util/folder_lock.hpp"

#include "errors.hpp"
#include "util/system_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace apicat::util {

namespace {

namespace fs = std::filesystem;

// Where the atomic write renames: beside the file a symlink points to.
fs::path folder_of(const fs::path& file)
{
    std::error_code error;
    fs::path real = fs::weakly_canonical(fs::absolute(file), error);
    fs::path folder = (error ? fs::absolute(file) : real).parent_path();
    return folder.empty() ? fs::path(".") : folder;
}

} // namespace

FolderLock::FolderLock(const fs::path& file, std::chrono::milliseconds wait)
{
    const fs::path folder = folder_of(file);
    fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
        throw Error(fmt::format("cannot lock the folder '{}' of '{}': {}", folder.string(),
                                file.string(), describe_errno(errno)));
    }
    const auto deadline = std::chrono::steady_clock::now() + wait;
    auto pause = std::chrono::milliseconds(2);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (error != EWOULDBLOCK && error != EINTR) {
            ::close(fd_);
            throw Error(fmt::format("cannot lock the folder '{}' of '{}': {}", folder.string(),
                                    file.string(), describe_errno(error)));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            throw Error(fmt::format("{}: another command holds the lock on its folder '{}' "
                                    "(waited {} ms); nothing was written",
                                    file.string(), folder.string(), wait.count()),
                        "run the edit again when the other one has finished, or set "
                        "APICAT_LOCK_WAIT to the seconds an edit may wait (30 by default)");
        }
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(50));
    }
}

FolderLock::~FolderLock()
{
    ::close(fd_); // closing the only descriptor releases the lock
}

} // namespace apicat::util

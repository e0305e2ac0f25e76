#include "util/atomic_file.hpp"

#include "util/system_error.hpp"

#include "errors.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace apicat::util {

namespace fs = std::filesystem;

namespace {

// `path` is the one the caller gave, which is what the user knows, even behind a symlink.
[[noreturn]] void fail_writing(const fs::path& path, int error)
{
    throw Error("cannot write '" + path.string() + "': " + describe_errno(error));
}

// The file the content goes to: through symlinks to the file they name, so links stay links.
fs::path resolve_links(const fs::path& path)
{
    fs::path target = path;
    for (int hops = 0; hops < 40; ++hops) { // Linux's MAXSYMLINKS
        // A failure to look (a folder without search permission) is not lost: creating the
        // temporary file next to the target fails the same way and says so.
        std::error_code error;
        if (!fs::is_symlink(fs::symlink_status(target, error))) {
            return target;
        }
        const fs::path link = fs::read_symlink(target, error);
        if (error) {
            fail_writing(path, error.value());
        }
        target = link.is_absolute() ? link : target.parent_path() / link;
    }
    fail_writing(path, ELOOP);
}

// The process's umask. /proc tells it without changing it; elsewhere it can only be read by
// setting it, which is safe while apicat writes files from one thread.
mode_t current_umask()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("Umask:")) {
            return static_cast<mode_t>(std::strtoul(line.c_str() + 6, nullptr, 8));
        }
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

// The mode the new file gets: the old file's, or for a new file what open(2) would give it.
mode_t mode_for(const fs::path& target, const fs::path& path)
{
    struct stat info {};
    if (::stat(target.c_str(), &info) != 0) {
        if (errno != ENOENT) {
            fail_writing(path, errno);
        }
        return 0666 & ~current_umask();
    }
    if (S_ISDIR(info.st_mode)) {
        fail_writing(path, EISDIR);
    }
    return info.st_mode & 07777;
}

// A temporary file next to the target (so renaming it never crosses file systems), named
// ".<name>.XXXXXX" to stay out of listings; removed unless it was renamed into place.
class TempFile {
public:
    TempFile(const fs::path& target, const fs::path& path)
        : path_(path)
    {
        name_ = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
        fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
        if (fd_ < 0) {
            fail_writing(path_, errno);
        }
    }
    ~TempFile()
    {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        if (!renamed_) {
            ::unlink(name_.c_str());
        }
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void set_mode(mode_t mode);
    void write_all(std::string_view content);
    void sync_and_close();
    void rename_to(const fs::path& target);

private:
    fs::path path_;
    std::string name_;
    int fd_ = -1;
    bool renamed_ = false;
};

// mkstemp creates the file 0600, whatever the umask.
void TempFile::set_mode(mode_t mode)
{
    if (::fchmod(fd_, mode) != 0) {
        fail_writing(path_, errno);
    }
}

void TempFile::write_all(std::string_view content)
{
    while (!content.empty()) {
        const ssize_t written = ::write(fd_, content.data(), content.size());
        if (written < 0 && errno != EINTR) {
            fail_writing(path_, errno);
        }
        if (written > 0) {
            content.remove_prefix(static_cast<std::size_t>(written));
        }
    }
}

// Without the sync, a crash soon after the rename can leave an empty file on some file
// systems; close reports the last write errors on others (NFS).
void TempFile::sync_and_close()
{
    if (::fsync(fd_) != 0) {
        fail_writing(path_, errno);
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
        fail_writing(path_, errno);
    }
}

void TempFile::rename_to(const fs::path& target)
{
    if (::rename(name_.c_str(), target.c_str()) != 0) {
        fail_writing(path_, errno);
    }
    renamed_ = true;
}

// Makes the rename itself durable. File systems that cannot sync a folder say EINVAL; for
// them there is nothing more to do.
void sync_folder(const fs::path& folder, const fs::path& path)
{
    const int fd =
        ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        fail_writing(path, errno);
    }
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0 && error != EINVAL) {
        fail_writing(path, error);
    }
}

} // namespace

void write_file_atomically(const fs::path& path, std::string_view content)
{
    const fs::path target = resolve_links(path);
    const mode_t mode = mode_for(target, path);
    TempFile temp(target, path);
    temp.set_mode(mode);
    temp.write_all(content);
    temp.sync_and_close();
    temp.rename_to(target);
    sync_folder(target.parent_path(), path);
}

} // namespace apicat::util

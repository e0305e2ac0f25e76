#include "support/file_mode.hpp"
#include "util/atomic_file.hpp"

#include "errors.hpp"
#include "support/scratch_dir.hpp"
#include "support/umask_for.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <vector>

using apicat::test::mode_of;
using apicat::test::ScratchDir;
using apicat::test::UmaskFor;
using apicat::util::write_file_atomically;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> names_in(const fs::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string atomic_write_error(const fs::path& path, std::string_view content)
{
    try {
        write_file_atomically(path, content);
    } catch (const apicat::Error& error) {
        return error.what();
    }
    return "(no error)";
}

// Caps the size of files this process may write (root included), so writes fail part way.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        ::getrlimit(RLIMIT_FSIZE, &old_);
        old_handler_ = std::signal(SIGXFSZ, SIG_IGN); // fail the write with EFBIG instead
        rlimit limit = old_;
        limit.rlim_cur = bytes;
        ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit old_{};
    void (*old_handler_)(int) = nullptr;
};

} // namespace

TEST_CASE("a new file gets exactly the content")
{
    const ScratchDir dir;
    const auto path = dir.path() / "spec.yaml";
    const std::string content("a: 1\r\nb: \"\0\"\r\nno final newline", 29);
    write_file_atomically(path, content);
    CHECK(dir.read("spec.yaml") == content);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"spec.yaml"});
}

TEST_CASE("an existing file is replaced whole, shorter content included")
{
    const ScratchDir dir;
    const auto path = dir.write("spec.yaml", std::string(10'000, 'x'));
    write_file_atomically(path, "short\n");
    CHECK(dir.read("spec.yaml") == "short\n");
    write_file_atomically(path, "");
    CHECK(dir.read("spec.yaml") == "");
}

TEST_CASE("a new file gets 0666 less the umask")
{
    const ScratchDir dir;
    {
        const UmaskFor mask(022);
        write_file_atomically(dir.path() / "open.yaml", "x");
    }
    {
        const UmaskFor mask(077);
        write_file_atomically(dir.path() / "private.yaml", "x");
    }
    CHECK(mode_of(dir.path() / "open.yaml") == 0644);
    CHECK(mode_of(dir.path() / "private.yaml") == 0600);
}

TEST_CASE("an existing file keeps its permission mode")
{
    const ScratchDir dir;
    const auto secret = dir.write("secret.yaml", "old");
    const auto script = dir.write("script.sh", "old");
    fs::permissions(secret, static_cast<fs::perms>(0600));
    fs::permissions(script, static_cast<fs::perms>(0751));
    write_file_atomically(secret, "new");
    write_file_atomically(script, "new");
    CHECK(mode_of(secret) == 0600);
    CHECK(mode_of(script) == 0751);
    CHECK(dir.read("secret.yaml") == "new");
}

TEST_CASE("writing through a symlink replaces its target and keeps the link")
{
    const ScratchDir dir;
    const auto target = dir.write("real/spec.yaml", "old");
    fs::create_directories(dir.path() / "links");
    const auto link = dir.path() / "links" / "spec.yaml";
    fs::create_symlink("../real/spec.yaml", link);
    write_file_atomically(link, "new\n");
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(fs::read_symlink(link) == "../real/spec.yaml");
    CHECK(dir.read("real/spec.yaml") == "new\n");
    CHECK(names_in(dir.path() / "links") == std::vector<std::string>{"spec.yaml"});
    CHECK(names_in(dir.path() / "real") == std::vector<std::string>{"spec.yaml"});
}

TEST_CASE("a chain of symlinks is followed to the end")
{
    const ScratchDir dir;
    dir.write("spec.yaml", "old");
    fs::create_symlink(dir.path() / "spec.yaml", dir.path() / "first");
    fs::create_symlink("first", dir.path() / "second");
    write_file_atomically(dir.path() / "second", "new");
    CHECK(fs::is_symlink(fs::symlink_status(dir.path() / "second")));
    CHECK(fs::is_symlink(fs::symlink_status(dir.path() / "first")));
    CHECK(dir.read("spec.yaml") == "new");
}

TEST_CASE("a dangling symlink gets its target created")
{
    const ScratchDir dir;
    fs::create_symlink("made.yaml", dir.path() / "link.yaml");
    write_file_atomically(dir.path() / "link.yaml", "new");
    CHECK(fs::is_symlink(fs::symlink_status(dir.path() / "link.yaml")));
    CHECK(dir.read("made.yaml") == "new");
}

TEST_CASE("a symlink loop is an error")
{
    const ScratchDir dir;
    fs::create_symlink("b", dir.path() / "a");
    fs::create_symlink("a", dir.path() / "b");
    const auto path = dir.path() / "a";
    CHECK(atomic_write_error(path, "x") ==
          "cannot write '" + path.string() + "': too many levels of symbolic links");
}

TEST_CASE("a missing folder is an error naming the path")
{
    const ScratchDir dir;
    const auto path = dir.path() / "no" / "such" / "spec.yaml";
    CHECK(atomic_write_error(path, "x") ==
          "cannot write '" + path.string() + "': no such file or directory");
    CHECK(names_in(dir.path()).empty());
}

TEST_CASE("a directory in the way is an error and stays as it was")
{
    const ScratchDir dir;
    dir.write("spec.yaml/inside.txt", "keep");
    const auto path = dir.path() / "spec.yaml";
    CHECK(atomic_write_error(path, "x") == "cannot write '" + path.string() + "': is a directory");
    CHECK(dir.read("spec.yaml/inside.txt") == "keep");
    CHECK(names_in(dir.path()) == std::vector<std::string>{"spec.yaml"});
}

TEST_CASE("a write failing part way leaves the original file and no temporary file")
{
    const ScratchDir dir;
    const auto path = dir.write("spec.yaml", "original\n");
    fs::permissions(path, static_cast<fs::perms>(0640));
    std::string error;
    {
        const FileSizeLimit limit(4096);
        error = atomic_write_error(path, std::string(100'000, 'x'));
    }
    CHECK(error == "cannot write '" + path.string() + "': file too large");
    CHECK(dir.read("spec.yaml") == "original\n");
    CHECK(mode_of(path) == 0640);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"spec.yaml"});
}

#pragma once

// The permission bits of a file, for tests of what apicat creates and keeps private.

#include <doctest/doctest.h>

#include <filesystem>
#include <sys/stat.h>

namespace apicat::test {

// The mode's permission bits, setuid, setgid and sticky included; the test stops when `path`
// cannot be read.
inline mode_t mode_of(const std::filesystem::path& path)
{
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

} // namespace apicat::test

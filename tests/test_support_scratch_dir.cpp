#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

using apicat::test::ScratchDir;
using apicat::test::source_file;

namespace fs = std::filesystem;

TEST_CASE("a scratch folder is fresh, and removed with its contents")
{
    fs::path kept;
    {
        const ScratchDir dir;
        const ScratchDir other;
        kept = dir.path();
        CHECK(dir.path() != other.path());
        CHECK(fs::is_directory(dir.path()));
        CHECK(fs::is_empty(dir.path()));
        CHECK(dir.path().filename().string().starts_with("apicat-test-"));
        dir.write("deep/down/file.txt", "x");
    }
    CHECK_FALSE(fs::exists(kept));
}

TEST_CASE("files written to a scratch folder read back exactly")
{
    const ScratchDir dir;
    const std::string content("crlf\r\nnul\0end", 13);
    const auto path = dir.write("a/b.bin", content);
    CHECK(path == dir.path() / "a" / "b.bin");
    CHECK(dir.read("a/b.bin") == content);
    dir.write("a/b.bin", "shorter");
    CHECK(dir.read("a/b.bin") == "shorter");
}

TEST_CASE("source files are read from the source tree")
{
    CHECK(source_file("tests/CMakeLists.txt").find("apicat_tests") != std::string::npos);
}

#include "util/text_file.hpp"

#include "errors.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using apicat::util::find_binary_content;
using apicat::util::read_text_file;

namespace {

std::string text_file_error(const std::filesystem::path& path)
{
    try {
        read_text_file(path);
    } catch (const apicat::Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("a text file is read byte for byte")
{
    const apicat::test::ScratchDir dir;
    const std::string content = std::string("line\r\nnul \0 byte\nno newline at end", 34);
    CHECK(read_text_file(dir.write("mixed.txt", content)) == content);
    CHECK(read_text_file(dir.write("empty.txt", "")) == "");
}

TEST_CASE("a large file is read whole")
{
    const apicat::test::ScratchDir dir;
    std::string content;
    for (int i = 0; i < 200'000; ++i) {
        content += "line " + std::to_string(i) + "\n";
    }
    CHECK(read_text_file(dir.write("big.txt", content)) == content);
}

TEST_CASE("a missing file is reported as no such file")
{
    const apicat::test::ScratchDir dir;
    const auto path = dir.path() / "missing.yaml";
    CHECK(text_file_error(path) == "cannot read '" + path.string() + "': no such file");
}

TEST_CASE("a directory is reported as a directory")
{
    const apicat::test::ScratchDir dir;
    CHECK(text_file_error(dir.path()) == "'" + dir.path().string() + "' is a directory");
}

TEST_CASE("other failures are reported with the lowercase system reason")
{
    const apicat::test::ScratchDir dir;
    const auto file = dir.write("file.txt", "x");
    const auto below_a_file = file / "child.txt";
    CHECK(text_file_error(below_a_file) ==
          "cannot read '" + below_a_file.string() + "': not a directory");
    if (::geteuid() != 0) { // root reads whatever the mode says
        ::chmod(file.c_str(), 0);
        CHECK(text_file_error(file) == "cannot read '" + file.string() + "': permission denied");
    }
}

TEST_CASE("clean text has no binary content")
{
    CHECK_FALSE(find_binary_content(""));
    CHECK_FALSE(find_binary_content("plain ascii\r\n\ttabs"));
    CHECK_FALSE(find_binary_content("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
    // The edges of the valid ranges: U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF,
    // U+10000, U+10FFFF.
    CHECK_FALSE(find_binary_content("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
                                    "\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
}

TEST_CASE("a NUL byte is binary content at its offset")
{
    CHECK(find_binary_content(std::string_view("ab\0cd", 5)) == 2u);
    CHECK(find_binary_content(std::string_view("\0", 1)) == 0u);
}

TEST_CASE("invalid UTF-8 is binary content at the start of the bad sequence")
{
    CHECK(find_binary_content("ok \x80 stray continuation") == 3u);
    CHECK(find_binary_content("x\xC3(") == 1u);             // missing continuation
    CHECK(find_binary_content("xy\xE2\x82") == 2u);         // cut off by the end
    CHECK(find_binary_content("\xC0\xAF") == 0u);           // overlong '/'
    CHECK(find_binary_content("\xC1\xBF") == 0u);           // overlong
    CHECK(find_binary_content("a\xE0\x9F\xBF") == 1u);      // overlong 3-byte form
    CHECK(find_binary_content("ab\xF0\x8F\xBF\xBF") == 2u); // overlong 4-byte form
    CHECK(find_binary_content("\xED\xA0\x80") == 0u);       // surrogate U+D800
    CHECK(find_binary_content("\xED\xBF\xBF") == 0u);       // surrogate U+DFFF
    CHECK(find_binary_content("\xF4\x90\x80\x80") == 0u);   // U+110000
    CHECK(find_binary_content("\xF5\x80\x80\x80") == 0u);   // no such lead byte
    CHECK(find_binary_content("\xFF") == 0u);
    CHECK(find_binary_content("\xE2\x82\xAC\xE2\x28\xA1") == 3u); // bad third byte
    CHECK(find_binary_content("\xF0\x9F\x98\x28") == 0u);         // bad fourth byte
}

TEST_CASE("binary content is found at its byte wherever it stands among ASCII words")
{
    for (std::size_t at = 0; at < 24; ++at) {
        for (char bad : {'\0', '\xc0', '\xff'}) {
            std::string text(24, 'a');
            text[at] = bad;
            CAPTURE(at);
            CHECK(find_binary_content(text) == at);
        }
        // é, two bytes: text anywhere, but cut in half at the end.
        std::string accented = std::string(24, 'a').replace(at, 2, "\xc3\xa9").substr(0, 24);
        CHECK(find_binary_content(accented).has_value() == (at == 23));
    }
}

#pragma once

// Reading a file whole, and telling text from binary content.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace apicat::util {

// The file's bytes, exactly (no newline translation). Throws Error when it cannot be read:
// "cannot read 'PATH': no such file", "'PATH' is a directory", "cannot read 'PATH': permission
// denied" and the like.
std::string read_text_file(const std::filesystem::path& path);

// The offset of the first byte that keeps `text` from being UTF-8 text: a NUL byte, or the
// start of an invalid UTF-8 sequence (a stray or missing continuation byte, an overlong form,
// a surrogate, a code point past U+10FFFF, a sequence cut off by the end). None for text.
std::optional<std::size_t> find_binary_content(std::string_view text);

} // namespace apicat::util

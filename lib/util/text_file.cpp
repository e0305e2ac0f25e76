#include "util/text_file.hpp"

#include "util/system_error.hpp"

#include "errors.hpp"

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace apicat::util {

namespace {

[[noreturn]] void fail_reading(const std::filesystem::path& path, int error)
{
    if (error == ENOENT) {
        throw Error("cannot read '" + path.string() + "': no such file");
    }
    throw Error("cannot read '" + path.string() + "': " + describe_errno(error));
}

// Closes the descriptor however the reading ends.
class OpenFile {
public:
    explicit OpenFile(const std::filesystem::path& path)
        : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC))
    {
        if (fd_ < 0) {
            fail_reading(path, errno);
        }
    }
    ~OpenFile() { ::close(fd_); }
    OpenFile(const OpenFile&) = delete;
    OpenFile& operator=(const OpenFile&) = delete;

    int fd() const { return fd_; }

private:
    int fd_;
};

// The length of the valid UTF-8 sequence starting at `at`, or 0 (Unicode's table 3-7).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    unsigned char low = 0x80; // the range the second byte must fall in
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead == 0xE0) {
        length = 3;
        low = 0xA0; // below is an overlong form
    } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
        length = 3;
    } else if (lead == 0xED) {
        length = 3;
        high = 0x9F; // above are the UTF-16 surrogates
    } else if (lead == 0xF0) {
        length = 4;
        low = 0x90; // below is an overlong form
    } else if (lead >= 0xF1 && lead <= 0xF3) {
        length = 4;
    } else if (lead == 0xF4) {
        length = 4;
        high = 0x8F; // above is past U+10FFFF
    } else {
        return 0; // a continuation byte, an overlong lead (C0, C1) or no lead at all (F5-FF)
    }
    if (text.size() - at < length || byte(1) < low || byte(1) > high) {
        return 0;
    }
    for (std::size_t i = 2; i < length; ++i) {
        if (byte(i) < 0x80 || byte(i) > 0xBF) {
            return 0;
        }
    }
    return length;
}

} // namespace

std::string read_text_file(const std::filesystem::path& path)
{
    const OpenFile file(path);
    struct stat info {};
    if (::fstat(file.fd(), &info) != 0) {
        fail_reading(path, errno);
    }
    if (S_ISDIR(info.st_mode)) {
        throw Error("'" + path.string() + "' is a directory");
    }
    std::string content;
    if (S_ISREG(info.st_mode)) {
        content.reserve(static_cast<std::size_t>(info.st_size));
    }
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(file.fd(), buffer, sizeof buffer);
        if (got == 0) {
            return content;
        }
        if (got < 0 && errno != EINTR) {
            fail_reading(path, errno);
        }
        if (got > 0) {
            content.append(buffer, static_cast<std::size_t>(got));
        }
    }
}

std::optional<std::size_t> find_binary_content(std::string_view text)
{
    constexpr std::uint64_t ones = 0x0101010101010101u;
    constexpr std::uint64_t highs = 0x8080808080808080u;
    std::size_t at = 0;
    while (at < text.size()) {
        // Eight ASCII bytes at a time, none of them zero: most of a draft.
        std::uint64_t word = 0;
        if (text.size() - at >= sizeof word) {
            std::memcpy(&word, text.data() + at, sizeof word);
            if (((word | ((word - ones) & ~word)) & highs) == 0) {
                at += sizeof word;
                continue;
            }
        }
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte == 0) {
            return at;
        }
        if (byte < 0x80) {
            ++at;
            continue;
        }
        const std::size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            return at;
        }
        at += length;
    }
    return std::nullopt;
}

} // namespace apicat::util

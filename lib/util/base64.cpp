#include "util/base64.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace apicat::util {

namespace {

constexpr std::string_view standard_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad)
{
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        // Each group of up to three bytes gives one character per six bits it covers, the
        // last of them filled out with zero bits.
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k) {
            group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0U);
        }
        for (std::size_t k = 0; k <= n; ++k) {
            out += alphabet[(group >> (18 - 6 * k)) & 0x3f];
        }
        if (pad) {
            out.append(3 - n, '=');
        }
    }
    return out;
}

// The six bits each character stands for, or -1 outside the standard alphabet.
constexpr std::array<std::int8_t, 256> decoding_table()
{
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < standard_alphabet.size(); ++i) {
        table[static_cast<unsigned char>(standard_alphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
}

} // namespace

std::string base64_encode(std::string_view bytes)
{
    return encode(bytes, standard_alphabet, true);
}

std::string base64url_encode(std::string_view bytes)
{
    return encode(bytes, url_alphabet, false);
}

std::optional<std::string> base64_decode(std::string_view text)
{
    static constexpr std::array<std::int8_t, 256> table = decoding_table();
    const std::size_t data_end = text.find('=');
    const std::string_view data = text.substr(0, data_end);
    if (data_end != std::string_view::npos) {
        // Padding only completes the last group of four, and nothing follows it.
        const std::string_view padding = text.substr(data_end);
        if (padding.find_first_not_of('=') != std::string_view::npos || text.size() % 4 != 0 ||
            padding.size() > 2) {
            return std::nullopt;
        }
    }
    if (data.size() % 4 == 1) {
        return std::nullopt; // six bits cannot make a byte
    }
    std::string out;
    out.reserve(data.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : data) {
        const std::int8_t value = table[static_cast<unsigned char>(c)];
        if (value < 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xff);
        }
    }
    return out;
}

} // namespace apicat::util

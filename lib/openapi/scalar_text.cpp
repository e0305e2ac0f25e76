#include "openapi/scalar_text.hpp"

#include "openapi/json.hpp"
#include "openapi/scalar_resolve.hpp"

#include <cstdint>

namespace apicat::openapi {

namespace {

void append_utf8(std::string& out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

std::uint32_t hex_value(std::string_view digits)
{
    std::uint32_t value = 0;
    for (char c : digits) {
        value <<= 4;
        if (c >= '0' && c <= '9') {
            value |= static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            value |= static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            value |= static_cast<std::uint32_t>(c - 'A' + 10);
        }
    }
    return value;
}

char simple_escape(char c)
{
    switch (c) {
    case 'n':
        return '\n';
    case 't':
        return '\t';
    case 'r':
        return '\r';
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case '0':
        return '\0';
    case 'a':
        return '\a';
    case 'e':
        return '\x1b';
    case 'v':
        return '\v';
    default:
        return c; // '"', '\\', '/', ' ' stand for themselves
    }
}

std::string decode_double_quoted(std::string_view body)
{
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        char c = body[++i];
        std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
        if (digits > 0 && i + digits < body.size()) {
            std::uint32_t code = hex_value(body.substr(i + 1, digits));
            // A UTF-16 surrogate pair written as two \u escapes, as JSON does.
            if (c == 'u' && code >= 0xD800 && code < 0xDC00 && body.substr(i + 5, 2) == "\\u" &&
                i + 10 < body.size()) {
                std::uint32_t low = hex_value(body.substr(i + 7, 4));
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
            }
            append_utf8(out, code);
            i += digits;
        } else {
            out += simple_escape(c);
        }
    }
    return out;
}

} // namespace

std::string decode_quoted_scalar(std::string_view quoted)
{
    std::string_view body = quoted.substr(1, quoted.size() - 2);
    if (quoted.front() == '"') {
        return decode_double_quoted(body);
    }
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        out += body[i];
        if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') {
            ++i;
        }
    }
    return out;
}

std::string decode_scalar_key(std::string_view text)
{
    if (!text.empty() && (text.front() == '"' || text.front() == '\'')) {
        return decode_quoted_scalar(text);
    }
    return std::string(text);
}

bool plain_scalar_is_safe(std::string_view value)
{
    if (value.empty() || value.front() == ' ' || value.back() == ' ' || value.back() == ':') {
        return false;
    }
    static constexpr std::string_view leading_indicators = "-?:,[]{}#&*!|>'\"%@`";
    if (leading_indicators.find(value.front()) != std::string_view::npos) {
        return false;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x20 || c == 0x7F) {
            return false;
        }
        bool next_is_blank = i + 1 == value.size() || value[i + 1] == ' ';
        if ((value[i] == ':' && next_is_blank) ||
            (value[i] == '#' && i > 0 && value[i - 1] == ' ')) {
            return false;
        }
    }
    return resolves_as_string(value) && !is_yaml11_special(value);
}

std::string json_string(std::string_view value)
{
    return Json(std::string(value)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string quote_scalar(std::string_view value, bool prefer_double)
{
    bool printable = true;
    for (char c : value) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            printable = false;
        }
    }
    if (prefer_double || !printable) {
        return json_string(value);
    }
    std::string out = "'";
    for (char c : value) {
        out += c;
        if (c == '\'') {
            out += '\'';
        }
    }
    return out + "'";
}

} // namespace apicat::openapi

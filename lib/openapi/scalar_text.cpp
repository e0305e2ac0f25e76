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

// The length of the UTF-8 sequence at `i` when it is a character that YAML text cannot hold as
// it is, else 0: C0 and C1 controls and DEL, which YAML 1.1 readers refuse even inside quotes;
// the Unicode line breaks NEL, LS and PS, which they read as line breaks (PyYAML folds a NEL
// inside quotes into a space); the noncharacters U+FFFE and U+FFFF.
std::size_t unwritable_length(std::string_view text, std::size_t i)
{
    auto byte = [&](std::size_t at) {
        return at < text.size() ? static_cast<unsigned char>(text[at]) : 0U;
    };
    unsigned lead = byte(i);
    if (lead < 0x20 || lead == 0x7F) {
        return 1;
    }
    if (lead == 0xC2 && byte(i + 1) >= 0x80 && byte(i + 1) <= 0x9F) {
        return 2;
    }
    bool line_break = lead == 0xE2 && byte(i + 1) == 0x80 && (byte(i + 2) & 0xFE) == 0xA8;
    bool noncharacter = lead == 0xEF && byte(i + 1) == 0xBF && (byte(i + 2) & 0xFE) == 0xBE;
    return line_break || noncharacter ? 3 : 0;
}

bool has_unwritable(std::string_view text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (unwritable_length(text, i) > 0) {
            return true;
        }
    }
    return false;
}

std::uint32_t code_point(std::string_view utf8)
{
    auto byte = [&](std::size_t at) { return static_cast<std::uint32_t>(utf8[at]) & 0xFF; };
    switch (utf8.size()) {
    case 1:
        return byte(0);
    case 2:
        return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    default:
        return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    }
}

// A double-quoted YAML scalar: JSON's escapes, and \u escapes for what JSON writes as it is
// but YAML text cannot hold.
std::string double_quoted(std::string_view value)
{
    std::string json = json_string(value);
    std::string out;
    for (std::size_t i = 0; i < json.size();) {
        std::size_t length = unwritable_length(json, i);
        if (length == 0) {
            out += json[i++];
            continue;
        }
        static constexpr char hex[] = "0123456789abcdef";
        std::uint32_t code = code_point(std::string_view(json).substr(i, length));
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) {
            out += hex[(code >> shift) & 0xF];
        }
        i += length;
    }
    return out;
}

// Lines that start a YAML marker rather than a scalar: `...` (document end) followed by a space
// or nothing; `---` starts with an indicator and is caught there.
bool starts_document_end(std::string_view value)
{
    return value.substr(0, 3) == "..." && (value.size() == 3 || value[3] == ' ');
}

// Readers drop a byte order mark at the start of a document, so a first key written plain
// would lose one it starts with.
constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

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
    if (leading_indicators.find(value.front()) != std::string_view::npos ||
        starts_document_end(value) || value.substr(0, 3) == byte_order_mark) {
        return false;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (unwritable_length(value, i) > 0) {
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
    if (prefer_double || has_unwritable(value)) {
        return double_quoted(value);
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

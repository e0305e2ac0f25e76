#include "openapi/scalar_text.hpp"

#include "json.hpp"
#include "openapi/scalar_resolve.hpp"
#include "util/text.hpp"

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
        if (const int digit = util::hex_digit_value(c); digit >= 0) {
            value |= static_cast<std::uint32_t>(digit);
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

bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

bool is_break(char c)
{
    return c == '\n' || c == '\r';
}

// Past the line break at `at` ("\n" or "\r\n") and the blanks that indent the next line.
std::size_t after_break(std::string_view text, std::size_t at)
{
    at += (text[at] == '\r' && at + 1 < text.size() && text[at + 1] == '\n') ? 2 : 1;
    while (at < text.size() && is_blank(text[at])) {
        ++at;
    }
    return at;
}

// A scalar written over several lines reads as one: the blanks around a line break go, and
// the break becomes a space, or, when empty lines follow it, one newline for each of them.
// `out` has the text before the break, `kept` the length of it that trailing blanks do not
// trim (escaped blanks are kept). Returns where the text goes on.
std::size_t fold_line_break(std::string_view text, std::size_t at, std::string& out,
                            std::size_t kept)
{
    out.resize(kept);
    at = after_break(text, at);
    std::size_t empty_lines = 0;
    while (at < text.size() && is_break(text[at])) {
        ++empty_lines;
        at = after_break(text, at);
    }
    out += empty_lines == 0 ? std::string(" ") : std::string(empty_lines, '\n');
    return at;
}

std::string decode_double_quoted(std::string_view body)
{
    std::string out;
    std::size_t kept = 0;
    std::size_t i = 0;
    while (i < body.size()) {
        if (is_break(body[i])) {
            i = fold_line_break(body, i, out, kept);
            kept = out.size();
            continue;
        }
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            kept = is_blank(body[i]) ? kept : out.size();
            ++i;
            continue;
        }
        char c = body[++i];
        if (is_break(c)) {
            // An escaped line break joins the lines with nothing between them; the empty lines
            // after it are newlines still.
            for (i = after_break(body, i); i < body.size() && is_break(body[i]);
                 i = after_break(body, i)) {
                out += '\n';
            }
            kept = out.size();
            continue;
        }
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
        kept = out.size();
        ++i;
    }
    return out;
}

// A single-quoted body or a plain scalar: no escapes but '' for ' in the quoted one.
std::string decode_unescaped(std::string_view body, bool single_quoted)
{
    std::string out;
    std::size_t kept = 0;
    std::size_t i = 0;
    while (i < body.size()) {
        if (is_break(body[i])) {
            i = fold_line_break(body, i, out, kept);
            kept = out.size();
            continue;
        }
        out += body[i];
        kept = is_blank(body[i]) ? kept : out.size();
        i += (single_quoted && body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') ? 2
                                                                                              : 1;
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
    // Most keys (all of a JSON file's, nearly) have nothing to decode.
    char escape = quoted.front() == '"' ? '\\' : '\'';
    if (body.find_first_of(std::string_view("\n\r")) == std::string_view::npos &&
        body.find(escape) == std::string_view::npos) {
        return std::string(body);
    }
    return quoted.front() == '"' ? decode_double_quoted(body) : decode_unescaped(body, true);
}

std::string decode_plain_scalar(std::string_view text)
{
    return decode_unescaped(text, false);
}

std::string decode_scalar_key(std::string_view text)
{
    if (!text.empty() && (text.front() == '"' || text.front() == '\'')) {
        return decode_quoted_scalar(text);
    }
    return decode_plain_scalar(text);
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

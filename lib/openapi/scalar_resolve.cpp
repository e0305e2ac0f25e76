#include "openapi/scalar_resolve.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

namespace apicat::openapi {

namespace {

bool one_of(std::string_view text, std::initializer_list<std::string_view> words)
{
    return std::find(words.begin(), words.end(), text) != words.end();
}

bool all_of(std::string_view text, std::string_view allowed)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
        return allowed.find(c) != std::string_view::npos;
    });
}

bool is_decimal_int(std::string_view text)
{
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    return all_of(text, "0123456789");
}

std::size_t count_digits(std::string_view text, std::size_t at)
{
    std::size_t n = 0;
    while (at + n < text.size() && text[at + n] >= '0' && text[at + n] <= '9') {
        ++n;
    }
    return n;
}

// [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?, by hand: this runs
// for every plain scalar of large documents, where std::regex would dominate load time.
bool is_float(std::string_view text)
{
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    std::size_t whole = count_digits(text, i);
    i += whole;
    std::size_t fraction = 0;
    if (i < text.size() && text[i] == '.') {
        fraction = count_digits(text, ++i);
        i += fraction;
        if (whole == 0 && fraction == 0) {
            return false;
        }
    } else if (whole == 0) {
        return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            ++i;
        }
        std::size_t exponent = count_digits(text, i);
        if (exponent == 0) {
            return false;
        }
        i += exponent;
    }
    return i == text.size();
}

Json integer_value(std::string_view digits, int base, bool negative)
{
    std::uint64_t magnitude = 0;
    auto [end, error] =
        std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (error != std::errc() || end != digits.data() + digits.size()) {
        // Past 64 bits: a double, as near as one gets. Decimal through strtod, which rounds
        // correctly; hexadecimal and octal digit by digit (std::stod read them as decimal, or
        // threw).
        double value = 0;
        if (base == 10) {
            value = std::strtod(std::string(digits).c_str(), nullptr);
        } else {
            for (char c : digits) {
                int digit = std::isdigit(static_cast<unsigned char>(c)) != 0
                                ? c - '0'
                                : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
                value = value * base + digit;
            }
        }
        return negative ? -value : value;
    }
    if (!negative) {
        return magnitude;
    }
    if (magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1) {
        return static_cast<std::int64_t>(0 - magnitude);
    }
    return -static_cast<double>(magnitude);
}

} // namespace

Json resolve_plain_scalar(std::string_view text)
{
    // Most scalars are words; only these first characters can start a non-string.
    static constexpr std::string_view non_string_starts = "~nNtTfF0123456789-+.";
    if (!text.empty() && non_string_starts.find(text.front()) == std::string_view::npos) {
        return std::string(text);
    }
    if (one_of(text, {"", "~", "null", "Null", "NULL"})) {
        return nullptr;
    }
    if (one_of(text, {"true", "True", "TRUE"})) {
        return true;
    }
    if (one_of(text, {"false", "False", "FALSE"})) {
        return false;
    }
    if (text.size() > 2 && text.substr(0, 2) == "0x" &&
        all_of(text.substr(2), "0123456789abcdefABCDEF")) {
        return integer_value(text.substr(2), 16, false);
    }
    if (text.size() > 2 && text.substr(0, 2) == "0o" && all_of(text.substr(2), "01234567")) {
        return integer_value(text.substr(2), 8, false);
    }
    if (is_decimal_int(text)) {
        bool negative = text.front() == '-';
        if (text.front() == '-' || text.front() == '+') {
            text.remove_prefix(1);
        }
        return integer_value(text, 10, negative);
    }
    if (is_float(text)) {
        // strtod, as std::stod throws out_of_range where YAML means .inf (1e999) or 0 (1e-999).
        return std::strtod(std::string(text).c_str(), nullptr);
    }
    std::string_view unsigned_text = text;
    bool negative = !text.empty() && text.front() == '-';
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        unsigned_text.remove_prefix(1);
    }
    if (one_of(unsigned_text, {".inf", ".Inf", ".INF"})) {
        return negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    }
    if (one_of(text, {".nan", ".NaN", ".NAN"})) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return std::string(text);
}

bool resolves_as_string(std::string_view text)
{
    return resolve_plain_scalar(text).is_string();
}

bool is_yaml11_special(std::string_view text)
{
    if (one_of(text, {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
                      "off", "Off", "OFF", "=", "<<"})) {
        return true;
    }
    // Numbers with '_' separators (1_000), sexagesimal numbers (12:30) and leading-dot
    // floats: [-+]? ( [0-9][0-9_]* (:[0-5]?[0-9])* (\.[0-9_]*)? | \.[0-9_]+ ).
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    auto fraction = text.find('.');
    std::string_view whole = text.substr(0, fraction);
    if (fraction != std::string_view::npos &&
        !(text.size() == fraction + 1 || all_of(text.substr(fraction + 1), "0123456789_"))) {
        return false;
    }
    if (whole.empty()) {
        return fraction != std::string_view::npos && text.size() > 1;
    }
    std::size_t colon = whole.find(':');
    std::string_view first = whole.substr(0, colon);
    if (first.empty() || first.front() < '0' || first.front() > '9' ||
        !all_of(first, "0123456789_")) {
        return false;
    }
    while (colon != std::string_view::npos) {
        std::size_t next = whole.find(':', colon + 1);
        std::string_view group = whole.substr(colon + 1, next - colon - 1);
        bool sexagesimal = (group.size() == 1 || group.size() == 2) &&
                           all_of(group, "0123456789") &&
                           (group.size() == 1 || group.front() <= '5');
        if (!sexagesimal) {
            return false;
        }
        colon = next;
    }
    return true;
}

} // namespace apicat::openapi

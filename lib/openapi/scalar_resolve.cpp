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

// The YAML 1.1 types (yaml.org/type: bool, null, int, float, timestamp, merge, value) matched
// by hand, as above, and a little wider than their regexps: whatever one common YAML 1.1
// reader (PyYAML, js-yaml's default schema, Ruby's Psych, yaml-cpp's conversions) takes for
// another type must count, while quoting a string that needed none changes nothing a reader
// sees.

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// Booleans and null in any case (Psych and yaml-cpp ignore case: `yEs`, `NuLL`), the merge key
// `<<` and the value key `=`.
bool is_yaml11_word(std::string_view text)
{
    if (one_of(text, {"", "~", "<<", "="})) {
        return true;
    }
    static constexpr std::string_view words[] = {"y",   "n",    "yes",   "no",  "on",
                                                 "off", "true", "false", "null"};
    return std::any_of(std::begin(words), std::end(words),
                       [&](std::string_view word) { return equals_ignoring_case(text, word); });
}

// .inf and .nan in any case (Psych's), after any sign.
bool is_special_float(std::string_view unsigned_text)
{
    return equals_ignoring_case(unsigned_text, ".inf") ||
           equals_ignoring_case(unsigned_text, ".nan");
}

// Reads a scalar left to right, each step taking what a piece of a regexp matches.
class Scan {
public:
    explicit Scan(std::string_view text)
        : text_(text)
    {
    }

    bool done() const { return at_ == text_.size(); }
    bool next_is_digit() const { return !done() && is_digit(text_[at_]); }

    bool take(char c) { return take_one_of(std::string_view(&c, 1)); }
    bool take_one_of(std::string_view chars)
    {
        if (done() || chars.find(text_[at_]) == std::string_view::npos) {
            return false;
        }
        ++at_;
        return true;
    }
    // As many of `chars` as follow; how many.
    std::size_t take_all_of(std::string_view chars)
    {
        std::size_t from = at_;
        while (take_one_of(chars)) {
        }
        return at_ - from;
    }
    // As many digits as follow, up to `most`; whether there were at least `least`.
    bool take_digits(std::size_t least, std::size_t most)
    {
        std::size_t n = 0;
        while (n < most && next_is_digit()) {
            ++at_;
            ++n;
        }
        return n >= least;
    }

private:
    static bool is_digit(char c) { return c >= '0' && c <= '9'; }

    std::string_view text_;
    std::size_t at_ = 0;
};

constexpr std::string_view decimal_digits = "0123456789";

// 0b, 0o or 0x and digits of that base, with `_` (YAML 1.1) or `,` (Psych) between them, and
// upper-case prefixes (go-yaml reads 0X1F).
bool is_prefixed_integer(std::string_view text)
{
    if (text.size() < 3 || text[0] != '0') {
        return false;
    }
    std::string_view allowed;
    switch (text[1]) {
    case 'b':
    case 'B':
        allowed = "01_,";
        break;
    case 'o':
    case 'O':
        allowed = "01234567_,";
        break;
    case 'x':
    case 'X':
        allowed = "0123456789abcdefABCDEF_,";
        break;
    default:
        return false;
    }
    return all_of(text.substr(2), allowed);
}

// A base 60 digit group after ':': [0-5]?[0-9].
bool take_sexagesimal_group(Scan& scan)
{
    if (scan.take_one_of("012345")) {
        scan.take_digits(0, 1);
        return true;
    }
    return scan.take_digits(1, 1);
}

// Decimal, octal (0777), base 60 (1:20, 190:20:30.15) and floating point numbers (1., .5, 1e3,
// 685_230.15): [0-9][0-9_,]* (:[0-5]?[0-9])* (\.[0-9_]*)? ([eE][-+]?[0-9]+)?, or a fraction
// alone, \.[0-9_]* with an exponent or none. `1.0.0` is none of them.
bool is_yaml11_number(std::string_view unsigned_text)
{
    if (is_prefixed_integer(unsigned_text)) {
        return true;
    }
    Scan scan(unsigned_text);
    std::size_t whole = 0;
    if (scan.next_is_digit()) {
        whole = scan.take_all_of("0123456789_,");
        while (scan.take(':')) {
            if (!take_sexagesimal_group(scan)) {
                return false;
            }
        }
    }
    bool point = scan.take('.');
    std::size_t fraction = point ? scan.take_all_of("0123456789_") : 0;
    bool exponent = scan.take_one_of("eE");
    if (exponent) {
        scan.take_one_of("-+");
        if (scan.take_all_of(decimal_digits) == 0) {
            return false;
        }
    }
    // `.e3` has no digits but Psych's float regexp takes it (and then fails to read it).
    return scan.done() && (whole > 0 || fraction > 0 || (point && exponent));
}

// [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}, then optionally a time, ([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}
// (:[0-9]{2})? (\.[0-9]*)?, and a zone, [ \t]*(Z|z|[-+][0-9]{1,2}(:?[0-9]{0,2})). Wider than
// YAML 1.1's regexp: seconds may be left out, the zone's ':' too (Psych), and a '-' may lead
// (Psych's negative years).
bool is_yaml11_timestamp(std::string_view text)
{
    Scan scan(text);
    scan.take('-');
    if (!(scan.take_digits(4, 4) && scan.take('-') && scan.take_digits(1, 2) && scan.take('-') &&
          scan.take_digits(1, 2))) {
        return false;
    }
    if (scan.done()) {
        return true;
    }
    if (!scan.take_one_of("Tt") && scan.take_all_of(" \t") == 0) {
        return false;
    }
    if (!(scan.take_digits(1, 2) && scan.take(':') && scan.take_digits(2, 2))) {
        return false;
    }
    if (scan.take(':') && !scan.take_digits(2, 2)) {
        return false;
    }
    if (scan.take('.')) {
        scan.take_all_of(decimal_digits);
    }
    scan.take_all_of(" \t");
    if (scan.take_one_of("Zz")) {
        return scan.done();
    }
    if (scan.take_one_of("-+")) {
        if (!scan.take_digits(1, 2)) {
            return false;
        }
        scan.take(':');
        scan.take_digits(0, 2);
    }
    return scan.done();
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
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        std::string_view unsigned_text = text.substr(1);
        if (is_yaml11_number(unsigned_text) || is_special_float(unsigned_text)) {
            return true;
        }
    }
    return is_yaml11_word(text) || is_yaml11_number(text) || is_special_float(text) ||
           is_yaml11_timestamp(text);
}

} // namespace apicat::openapi

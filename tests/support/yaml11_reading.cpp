#include "support/yaml11_reading.hpp"

#include <algorithm>
#include <cstdint>
#include <regex>
#include <stdexcept>
#include <vector>

namespace apicat::test {

namespace {

struct Rule {
    const char* type;
    std::regex pattern;
};

std::regex exactly(const std::string& pattern, bool ignore_case = false)
{
    auto flags = std::regex::ECMAScript | std::regex::optimize;
    return std::regex("^(?:" + pattern + ")$", ignore_case ? flags | std::regex::icase : flags);
}

// Each reader's implicit types, in the order it tries them. The regexps are the readers' own,
// rewritten for std::regex.
const std::vector<Rule>& rules()
{
    static const std::vector<Rule> all = {
        // YAML 1.1 as PyYAML resolves it (yaml.org/type, with the float regexp's typo
        // "[0-9.]*" read as "[0-9_]*", as every reader does).
        {"null", exactly("~|null|Null|NULL|")},
        {"bool", exactly("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                         "|on|On|ON|off|Off|OFF")},
        {"int", exactly("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
                        "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+")},
        {"float", exactly("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                          "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                          "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                          "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)")},
        {"timestamp", exactly("[0-9]{4}-[0-9]{2}-[0-9]{2}"
                              "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}"
                              ":[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
                              "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?")},
        {"merge", exactly("<<")},
        {"value", exactly("=")},
        // js-yaml's default schema: an exponent's sign may be left out, and integers may take
        // a float's exponent.
        {"float", exactly("[-+]?[0-9][0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
                          "|\\.[0-9_]+(?:[eE][-+]?[0-9]+)?")},
        {"int", exactly("[-+]?0o[0-7_]+")},
        // Psych: words in any case, base 60 after a leading 0, commas between digits (it
        // drops ',' and '_' before reading an integer), one-digit months and days, and a zone
        // without ':'.
        {"null", exactly("~|null", true)},
        {"bool", exactly("yes|true|on|no|false|off", true)},
        {"float", exactly("-?\\.inf|\\.nan", true)},
        {"int", exactly("[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")},
        {"float", exactly("[-+]?(?:[0-9][0-9_,]*)?\\.[0-9]*(?:[eE][-+][0-9]+)?"
                          "|[-+]?[0-9][0-9_,]*(?::[0-5]?[0-9])+\\.[0-9_]*")},
        {"int", exactly("[-+]?[0-9][0-9_,]*|[-+]?0b[0-1_,]+|[-+]?0x[0-9a-fA-F_,]+")},
        {"timestamp",
         exactly("-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|\\s+)[0-9]{1,2}:[0-9]{2}"
                 ":[0-9]{2}(?:\\.[0-9]*)?(?:\\s*(?:Z|[-+][0-9]{1,2}:?(?:[0-9]{2})?))?"
                 "|[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])")},
    };
    return all;
}

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

// YAML 1.1's double-quoted escapes (spec 1.1, 5.7), one line.
std::string decode_double_quoted(std::string_view body)
{
    static const std::string simple = "0abtnvfre \"/\\N_LP";
    static const std::vector<std::uint32_t> meaning = {
        0, 7, 8, 9, 10, 11, 12, 13, 0x1B, ' ', '"', '/', '\\', 0x85, 0xA0, 0x2028, 0x2029};
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\') {
            out += body[i];
            continue;
        }
        if (++i == body.size()) {
            throw std::invalid_argument("a double-quoted scalar ends in '\\'");
        }
        std::size_t known = simple.find(body[i]);
        if (known != std::string::npos) {
            append_utf8(out, meaning[known]);
            continue;
        }
        std::size_t digits = body[i] == 'x' ? 2 : body[i] == 'u' ? 4 : body[i] == 'U' ? 8 : 0;
        if (digits == 0 || i + digits >= body.size()) {
            throw std::invalid_argument("an unknown or short escape in a double-quoted scalar");
        }
        append_utf8(out, static_cast<std::uint32_t>(
                             std::stoul(std::string(body.substr(i + 1, digits)), nullptr, 16)));
        i += digits;
    }
    return out;
}

std::string decode_single_quoted(std::string_view body)
{
    std::string out;
    for (std::size_t i = 0; i < body.size(); ++i) {
        out += body[i];
        if (body[i] == '\'') {
            if (i + 1 == body.size() || body[i + 1] != '\'') {
                throw std::invalid_argument("a lone quote inside a single-quoted scalar");
            }
            ++i;
        }
    }
    return out;
}

} // namespace

std::string yaml11_plain_type(std::string_view plain)
{
    // Psych's float regexp matches these, but Psych reads them as strings, as all others do.
    if (plain == "." || plain == "-." || plain == "+.") {
        return "str";
    }
    std::string text(plain);
    for (const Rule& rule : rules()) {
        if (std::regex_match(text, rule.pattern)) {
            return rule.type;
        }
    }
    return "str";
}

std::optional<std::string> yaml11_string(std::string_view written)
{
    bool quoted = written.size() >= 2 && (written.front() == '\'' || written.front() == '"') &&
                  written.back() == written.front();
    if (!quoted) {
        if (yaml11_plain_type(written) != "str") {
            return std::nullopt;
        }
        return std::string(written);
    }
    std::string_view body = written.substr(1, written.size() - 2);
    return written.front() == '"' ? decode_double_quoted(body) : decode_single_quoted(body);
}

} // namespace apicat::test

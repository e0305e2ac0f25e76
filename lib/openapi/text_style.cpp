#include "openapi/text_style.hpp"

#include <algorithm>

namespace apicat::openapi {

namespace {

std::size_t count(std::string_view text, std::string_view what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

std::string leading_whitespace(std::string_view line)
{
    auto end = line.find_first_not_of(" \t");
    return std::string(line.substr(0, end == std::string_view::npos ? line.size() : end));
}

// The indentation step of pretty-printed JSON: the whitespace the line after the first
// opening bracket adds to that bracket's line.
void detect_json_indentation(std::string_view text, TextStyle& style)
{
    auto first_break = text.find('\n');
    auto last_content = text.find_last_not_of(" \t\r\n");
    style.json_multiline = first_break != std::string_view::npos && first_break < last_content;
    std::size_t line_begin = 0;
    while (line_begin < text.size()) {
        auto line_end = text.find('\n', line_begin);
        if (line_end == std::string_view::npos) {
            return;
        }
        std::string_view line = text.substr(line_begin, line_end - line_begin);
        auto last = line.find_last_not_of(" \t\r");
        if (last != std::string_view::npos && (line[last] == '{' || line[last] == '[')) {
            std::string outer = leading_whitespace(line);
            auto next_end = text.find('\n', line_end + 1);
            std::string inner =
                leading_whitespace(text.substr(line_end + 1, next_end - line_end - 1));
            if (inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0) {
                style.json_indent = inner.substr(outer.size());
                return;
            }
        }
        line_begin = line_end + 1;
    }
}

} // namespace

TextStyle default_text_style(Syntax syntax)
{
    TextStyle style;
    style.syntax = syntax;
    return style;
}

TextStyle detect_text_style(const Source& source, const LayoutIndentation& indentation)
{
    TextStyle style = default_text_style(source.syntax);
    auto first_break = source.text.find('\n');
    if (first_break != std::string::npos && first_break > 0 &&
        source.text[first_break - 1] == '\r') {
        style.eol = "\r\n";
    }
    if (source.syntax == Syntax::json) {
        detect_json_indentation(source.text, style);
        return style;
    }
    style.yaml_indent = indentation.mapping_step.value_or(style.yaml_indent);
    style.yaml_sequence_offset = indentation.sequence_offset.value_or(style.yaml_indent);
    std::size_t doubles = count(source.text, ": \"") + count(source.text, "- \"");
    std::size_t singles = count(source.text, ": '") + count(source.text, "- '");
    style.prefer_double_quotes = doubles > singles;
    return style;
}

} // namespace apicat::openapi

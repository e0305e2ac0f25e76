#include "openapi/block_scalar.hpp"

#include <algorithm>
#include <vector>

namespace apicat::openapi {

namespace {

struct ContentLine {
    std::string_view text;        // after the indentation
    std::size_t empty_before = 0; // empty lines between the previous content line and this one
    bool spaced = false;          // folded scalars: it starts with a blank, so it is not folded
};

struct BlockLines {
    std::vector<ContentLine> content;
    std::size_t empty_after = 0; // empty lines after the last content line
    bool last_has_break = false; // the last content line ends with a line break
};

// Splits the lines below the header into content lines and the empty lines between them. A
// line of blanks no wider than the indentation is empty; a wider one is content.
BlockLines split_lines(std::string_view body, std::size_t indent)
{
    BlockLines lines;
    std::size_t empty = 0;
    std::size_t at = 0;
    while (at < body.size()) {
        std::size_t end = body.find('\n', at);
        bool has_break = end != std::string_view::npos;
        std::string_view line = body.substr(at, has_break ? end - at : body.size() - at);
        at = has_break ? end + 1 : body.size();
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        std::size_t spaces = line.find_first_not_of(' ');
        if (spaces == std::string_view::npos && line.size() <= indent) {
            ++empty;
            continue;
        }
        std::string_view text = line.substr(std::min(indent, line.size()));
        bool spaced = !text.empty() && (text.front() == ' ' || text.front() == '\t');
        lines.content.push_back(ContentLine{text, empty, spaced});
        lines.last_has_break = has_break;
        empty = 0;
    }
    lines.empty_after = empty;
    return lines;
}

// What goes between two content lines: a literal scalar keeps every line break; a folded one
// turns a single break between two unindented lines into a space.
std::string join(bool folded, const ContentLine& before, const ContentLine& after)
{
    bool folds = folded && !before.spaced && !after.spaced;
    if (folds) {
        return after.empty_before == 0 ? std::string(" ") : std::string(after.empty_before, '\n');
    }
    return std::string(after.empty_before + 1, '\n');
}

} // namespace

std::string decode_block_scalar(std::string_view text, int indent)
{
    bool folded = text.front() == '>';
    std::size_t header_end = text.find('\n');
    std::string_view header = text.substr(
        1, header_end == std::string_view::npos ? std::string_view::npos : header_end - 1);
    char chomping = '\0';
    for (char c : header.substr(0, header.find_first_of(" \t\r#"))) {
        if (c == '-' || c == '+') {
            chomping = c;
        }
    }
    std::string_view body =
        header_end == std::string_view::npos ? std::string_view() : text.substr(header_end + 1);
    BlockLines lines = split_lines(body, static_cast<std::size_t>(std::max(indent, 0)));

    std::string out;
    for (std::size_t i = 0; i < lines.content.size(); ++i) {
        const ContentLine& line = lines.content[i];
        out += i == 0 ? std::string(line.empty_before, '\n')
                      : join(folded, lines.content[i - 1], line);
        out += line.text;
    }
    // Chomping: '-' drops the final line break, '+' keeps it and the empty lines after it.
    if (chomping == '+') {
        bool last_break = !lines.content.empty() && lines.last_has_break;
        out += std::string((last_break ? 1 : 0) + lines.empty_after, '\n');
    } else if (chomping != '-' && !lines.content.empty() && lines.last_has_break) {
        out += '\n';
    }
    return out;
}

} // namespace apicat::openapi

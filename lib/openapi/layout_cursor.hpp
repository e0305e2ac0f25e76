#pragma once

// A position in a YAML text and what the layout reader asks about it: is a comment, a
// document marker, an indicator here; where does this line's plain text or this quoted
// scalar end. The grammar itself is in layout.cpp.

#include "openapi/layout.hpp"

#include <string_view>

namespace apicat::openapi {

class LayoutCursor {
public:
    explicit LayoutCursor(std::string_view text);

protected:
    static bool is_blank(char c) { return c == ' ' || c == '\t'; }
    static bool is_break(char c) { return c == '\n' || c == '\r'; }
    static bool is_flow_indicator(char c)
    {
        return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
    }

    std::string_view t_;
    LineIndex lines_;
    std::size_t pos_ = 0;

    bool at_end() const { return pos_ >= t_.size(); }
    char peek(std::size_t ahead = 0) const
    {
        return pos_ + ahead < t_.size() ? t_[pos_ + ahead] : '\0';
    }
    bool blank_or_end(std::size_t at) const
    {
        return at >= t_.size() || is_blank(t_[at]) || is_break(t_[at]);
    }
    int column() const { return lines_.column_of(pos_); }
    bool first_on_line() const;
    bool at_marker(std::string_view marker) const;
    bool at_dash() const { return peek() == '-' && blank_or_end(pos_ + 1); }
    // A '?' that starts an explicit key; in flow context a flow indicator may follow it too.
    bool at_explicit_key(bool flow) const
    {
        return peek() == '?' && (blank_or_end(pos_ + 1) || (flow && is_flow_indicator(peek(1))));
    }
    bool at_comment() const;

    void skip_inline_blanks();
    void skip_line();
    void skip_break();
    // Blanks, line breaks and comments: everything between two tokens, in block and flow style.
    void skip_to_content();

    // The end of a node property (an anchor or a tag, verbatim "!<...>" included) at `at`.
    std::size_t property_end(std::size_t at) const;
    // The end of an alias or anchor name at `at` (its '*' or '&').
    std::size_t name_end(std::size_t at) const;
    // One past the closing quote of the quoted scalar that opens at `at`.
    std::size_t quoted_end(std::size_t at) const;
    // The end of a plain scalar's text on the line that holds `at` (before a comment).
    std::size_t plain_line_end(std::size_t at) const;
    // `at` without the blanks and '\r' before it.
    std::size_t line_content_end(std::size_t at) const;
    // Where the line after the one that holds `at` starts (or the text's end).
    std::size_t next_line_start(std::size_t at) const;
};

} // namespace apicat::openapi

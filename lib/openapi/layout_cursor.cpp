#include "openapi/layout_cursor.hpp"

namespace apicat::openapi {

LayoutCursor::LayoutCursor(std::string_view text)
    : t_(text)
    , lines_(text)
{
}

bool LayoutCursor::first_on_line() const
{
    for (std::size_t i = lines_.line_start(pos_); i < pos_; ++i) {
        if (!is_blank(t_[i])) {
            return false;
        }
    }
    return true;
}

bool LayoutCursor::at_marker(std::string_view marker) const
{
    return column() == 0 && t_.substr(pos_, 3) == marker && blank_or_end(pos_ + 3);
}

bool LayoutCursor::at_comment() const
{
    return peek() == '#' && (pos_ == 0 || is_blank(t_[pos_ - 1]) || is_break(t_[pos_ - 1]));
}

void LayoutCursor::skip_inline_blanks()
{
    while (!at_end() && is_blank(peek())) {
        ++pos_;
    }
}

void LayoutCursor::skip_line()
{
    while (!at_end() && !is_break(peek())) {
        ++pos_;
    }
}

void LayoutCursor::skip_break()
{
    if (peek() == '\r') {
        ++pos_;
    }
    if (peek() == '\n') {
        ++pos_;
    }
}

void LayoutCursor::skip_to_content()
{
    while (!at_end()) {
        char c = peek();
        if (is_blank(c) || is_break(c)) {
            ++pos_;
        } else if (at_comment()) {
            skip_line();
        } else {
            break;
        }
    }
}

std::size_t LayoutCursor::property_end(std::size_t at) const
{
    if (t_.substr(at, 2) == "!<") {
        // A verbatim tag is a URI, which may hold ',' and brackets: it ends at its '>'.
        std::size_t close = t_.find('>', at);
        return close == std::string_view::npos ? t_.size() : close + 1;
    }
    return name_end(at);
}

std::size_t LayoutCursor::name_end(std::size_t at) const
{
    while (at < t_.size() && !blank_or_end(at) && !is_flow_indicator(t_[at])) {
        ++at;
    }
    return at;
}

std::size_t LayoutCursor::quoted_end(std::size_t at) const
{
    char quote = t_[at];
    for (std::size_t i = at + 1; i < t_.size(); ++i) {
        if (quote == '"' && t_[i] == '\\') {
            ++i;
        } else if (t_[i] == quote) {
            if (quote == '\'' && i + 1 < t_.size() && t_[i + 1] == '\'') {
                ++i;
            } else {
                return i + 1;
            }
        }
    }
    throw LayoutUnsupported("an unterminated quoted scalar");
}

std::size_t LayoutCursor::plain_line_end(std::size_t at) const
{
    std::size_t i = at;
    while (i < t_.size() && !is_break(t_[i]) && !(t_[i] == '#' && is_blank(t_[i - 1]))) {
        ++i;
    }
    while (i > at && is_blank(t_[i - 1])) {
        --i;
    }
    return i;
}

std::size_t LayoutCursor::line_content_end(std::size_t at) const
{
    while (at > 0 && (is_blank(t_[at - 1]) || t_[at - 1] == '\r')) {
        --at;
    }
    return at;
}

std::size_t LayoutCursor::next_line_start(std::size_t at) const
{
    std::size_t end = t_.find('\n', at);
    return end == std::string_view::npos ? t_.size() : end + 1;
}

} // namespace apicat::openapi

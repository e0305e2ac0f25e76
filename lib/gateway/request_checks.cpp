#include "gateway/request_checks.hpp"

#include "gateway/request_parts.hpp"
#include "util/text_file.hpp"

#include <algorithm>
#include <string_view>

namespace apicat::gateway {

namespace {

bool is_control(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

bool is_utf8_text(std::string_view text)
{
    return !util::find_binary_content(text).has_value();
}

// Whether a segment, decoded once or twice (an upstream that decodes twice is not unheard
// of), holds a slash or backslash or is a dot segment.
bool changes_the_path(const std::string& raw_segment)
{
    const std::string once = percent_decode(raw_segment, false);
    for (const std::string& decoded : {once, percent_decode(once, false)}) {
        if (decoded.find_first_of("/\\") != std::string::npos || decoded == "." ||
            decoded == "..") {
            return true;
        }
    }
    return false;
}

constexpr const char* path_change_refused =
    "The request path may not hold '.' or '..' segments or encoded slashes: upstreams read "
    "them differently";
constexpr const char* path_text_refused =
    "The request path must be UTF-8 text without control characters, once percent-decoded";

std::optional<Answer> check_path(std::string_view path)
{
    std::size_t begin = 1; // after the leading '/'
    while (begin <= path.size()) {
        const std::size_t end = std::min(path.find('/', begin), path.size());
        const std::string_view raw = path.substr(begin, end - begin);
        begin = end + 1;
        // A segment without '%' decodes to itself (but for '+', which becomes a space and
        // changes none of the answers below), so it is checked as it is.
        if (raw.find('%') == std::string_view::npos) {
            if (raw.find('\\') != std::string_view::npos || raw == "." || raw == "..") {
                return error_answer(400, path_change_refused);
            }
            if (std::any_of(raw.begin(), raw.end(), is_control) || !is_utf8_text(raw)) {
                return error_answer(400, path_text_refused);
            }
            continue;
        }
        const std::string segment(raw);
        const std::string decoded = percent_decode(segment, false);
        if (changes_the_path(segment)) {
            return error_answer(400, path_change_refused);
        }
        if (std::any_of(decoded.begin(), decoded.end(), is_control) || !is_utf8_text(decoded)) {
            return error_answer(400, path_text_refused);
        }
    }
    return std::nullopt;
}

std::optional<Answer> check_query(const std::string& target)
{
    const std::size_t question = target.find('?');
    const std::string_view query = question == std::string::npos
                                       ? std::string_view()
                                       : std::string_view(target).substr(question + 1);
    // Without '%', decoding changes only '+' into a space: the raw query is the text to check.
    if (query.find('%') == std::string_view::npos) {
        if (is_utf8_text(query)) {
            return std::nullopt;
        }
        return error_answer(400, "The query string must be UTF-8 text once percent-decoded");
    }
    const RequestParts parts = split_target(target);
    for (const auto& [name, value] : parts.parameters) {
        if (!is_utf8_text(name) || !is_utf8_text(value)) {
            return error_answer(400, "The query string must be UTF-8 text once percent-decoded");
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Answer> refuse_unsafe_target(const std::string& target)
{
    if (target.empty() || target.front() != '/') {
        return error_answer(400, "The request target must be a path starting with '/'");
    }
    // Raw, not percent-encoded: the target goes on to the upstream's request line, where a
    // space or a line end would end it (HTTP servers refuse them; `invoke` passes them on).
    if (std::any_of(target.begin(), target.end(),
                    [](char c) { return c == ' ' || c == '#' || is_control(c); })) {
        return error_answer(400, "The request target may not hold spaces, '#' or control "
                                 "characters: percent-encode them");
    }
    const std::string_view path = std::string_view(target).substr(0, target.find('?'));
    if (std::optional<Answer> refused = check_path(path)) {
        return refused;
    }
    return check_query(target);
}

} // namespace apicat::gateway

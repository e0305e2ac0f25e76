#include "http/response_head.hpp"

#include <charconv>

namespace apicat::http {

namespace {

constexpr std::string_view whitespace = " \t\r\n";

std::string_view trim(std::string_view text)
{
    const auto first = text.find_first_not_of(whitespace);
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(whitespace);
    return text.substr(first, last - first + 1);
}

// "HTTP/1.1 404 Not Found", or "HTTP/2 200" with no reason at all.
void read_status_line(Response& response, std::string_view line)
{
    response = Response{};
    line.remove_prefix(std::string_view{"HTTP/"}.size());
    const auto version_end = line.find(' ');
    response.http_version = std::string(line.substr(0, version_end));
    if (version_end == std::string_view::npos) {
        return;
    }
    const auto rest = trim(line.substr(version_end + 1));
    const auto [end, error] =
        std::from_chars(rest.data(), rest.data() + rest.size(), response.status);
    if (error != std::errc{}) {
        response.status = 0;
        return;
    }
    response.reason = std::string(trim(rest.substr(static_cast<std::size_t>(end - rest.data()))));
}

// Obsolete line folding (RFC 9112 5.2): the line continues the previous header's value.
void read_continuation_line(Response& response, std::string_view line)
{
    if (response.headers.empty()) {
        return;
    }
    auto& value = response.headers.back().value;
    const auto more = trim(line);
    if (!more.empty()) {
        value += value.empty() ? "" : " ";
        value += more;
    }
}

} // namespace

void read_head_line(Response& response, std::string_view line)
{
    if (line.starts_with("HTTP/")) {
        read_status_line(response, line);
        return;
    }
    if (line.starts_with(' ') || line.starts_with('\t')) {
        read_continuation_line(response, line);
        return;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        // The blank line ending the head, or garbage no header could be made of.
        return;
    }
    response.headers.push_back(
        {std::string(line.substr(0, colon)), std::string(trim(line.substr(colon + 1)))});
}

} // namespace apicat::http

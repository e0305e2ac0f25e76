#include "http/message_head.hpp"

#include "util/text.hpp"

#include <boost/beast/http/status.hpp>

#include <charconv>
#include <string_view>

namespace apicat::http {

namespace {

std::string_view decimal(char (&digits)[24], std::uint64_t value)
{
    const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return {digits, static_cast<std::size_t>(end - digits)};
}

std::size_t fields_size(const std::vector<Header>& headers)
{
    std::size_t size = 0;
    for (const Header& header : headers) {
        size += header.name.size() + 2 + header.value.size() + 2;
    }
    return size;
}

void append_fields(std::string& out, const std::vector<Header>& headers)
{
    for (const Header& header : headers) {
        out += header.name;
        out += ": ";
        out += header.value;
        out += "\r\n";
    }
}

} // namespace

std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<Header>& headers, std::string_view host,
                         std::optional<std::uint64_t> content_length)
{
    char length[24] = {};
    const std::string_view length_text =
        content_length ? decimal(length, *content_length) : std::string_view();
    // The start line, Host, Content-Length and the empty line, then each field.
    const std::size_t size = method.size() + 1 + target.size() + 11 + 6 + host.size() + 2 + 16 +
                             length_text.size() + 2 + 2 + fields_size(headers);
    std::string out;
    out.reserve(size);
    out += method;
    out += ' ';
    out += target;
    out += " HTTP/1.1\r\n";
    for (const Header& header : headers) {
        if (util::equal_ignoring_case(header.name, "host") ||
            (content_length && util::equal_ignoring_case(header.name, "content-length"))) {
            continue;
        }
        out += header.name;
        out += ": ";
        out += header.value;
        out += "\r\n";
    }
    out += "Host: ";
    out += host;
    out += "\r\n";
    if (content_length) {
        out += "Content-Length: ";
        out += length_text;
        out += "\r\n";
    }
    out += "\r\n";
    return out;
}

void write_response_head(const ResponseHead& head, const std::vector<Header>& headers,
                         std::string& out)
{
    const auto standard =
        boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(head.status));
    const std::string_view reason =
        head.reason.empty() ? std::string_view(standard.data(), standard.size()) : head.reason;
    char length[24] = {};
    const std::string_view length_text =
        head.content_length ? decimal(length, *head.content_length) : std::string_view();
    const std::string_view connection = head.version >= 11 ? (head.keep_alive ? "" : "close")
                                                           : (head.keep_alive ? "keep-alive" : "");
    // The status line, Content-Length, Connection and the empty line, then each field.
    const std::size_t size = 9 + 4 + reason.size() + 2 + 16 + length_text.size() + 2 + 12 +
                             connection.size() + 2 + 2 + fields_size(headers);
    out.clear();
    out.reserve(size);
    out += head.version >= 11 ? "HTTP/1.1 " : "HTTP/1.0 ";
    char status[24] = {};
    out += decimal(status, static_cast<std::uint64_t>(head.status));
    out += ' ';
    out += reason;
    out += "\r\n";
    append_fields(out, headers);
    if (head.content_length) {
        out += "Content-Length: ";
        out += length_text;
        out += "\r\n";
    }
    if (!connection.empty()) {
        out += "Connection: ";
        out += connection;
        out += "\r\n";
    }
    out += "\r\n";
}

} // namespace apicat::http

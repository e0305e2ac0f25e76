#include "http/message_head.hpp"

#include "util/text.hpp"

#include <boost/beast/http/fields.hpp>

#include <charconv>
#include <string_view>

namespace apicat::http {

namespace {

namespace bhttp = boost::beast::http;

std::string_view view(boost::beast::string_view text)
{
    return {text.data(), text.size()};
}

void append_version(std::string& out, unsigned version)
{
    out += "HTTP/";
    out += static_cast<char>('0' + version / 10);
    out += '.';
    out += static_cast<char>('0' + version % 10);
}

void append_fields(std::string& out, const bhttp::fields& fields)
{
    for (const auto& field : fields) {
        out += view(field.name_string());
        out += ": ";
        out += view(field.value());
        out += "\r\n";
    }
    out += "\r\n";
}

std::size_t fields_size(const bhttp::fields& fields)
{
    std::size_t size = 2;
    for (const auto& field : fields) {
        size += field.name_string().size() + field.value().size() + 4;
    }
    return size;
}

} // namespace

std::string head_bytes(const bhttp::request_header<>& head)
{
    std::string out;
    out.reserve(head.method_string().size() + head.target().size() + 11 + fields_size(head));
    out += view(head.method_string());
    out += ' ';
    out += view(head.target());
    out += ' ';
    append_version(out, head.version());
    out += "\r\n";
    append_fields(out, head);
    return out;
}

std::string head_bytes(const bhttp::response_header<>& head)
{
    std::string out;
    out.reserve(head.reason().size() + 15 + fields_size(head));
    append_version(out, head.version());
    char status[4] = {};
    const auto written = std::to_chars(status, status + 3, head.result_int());
    out += ' ';
    out.append(status, written.ptr);
    out += ' ';
    out += view(head.reason());
    out += "\r\n";
    append_fields(out, head);
    return out;
}

std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<Header>& headers, std::string_view host,
                         std::optional<std::uint64_t> content_length)
{
    char length[24] = {};
    std::string_view length_text;
    if (content_length) {
        const char* end = std::to_chars(length, length + sizeof length, *content_length).ptr;
        length_text = std::string_view(length, static_cast<std::size_t>(end - length));
    }
    // The start line, Host, Content-Length and the empty line, then each field.
    std::size_t size = method.size() + 1 + target.size() + 11 + 6 + host.size() + 2 + 16 +
                       length_text.size() + 2 + 2;
    for (const Header& header : headers) {
        size += header.name.size() + 2 + header.value.size() + 2;
    }
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

} // namespace apicat::http

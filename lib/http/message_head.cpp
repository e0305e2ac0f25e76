#include "http/message_head.hpp"

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

} // namespace apicat::http

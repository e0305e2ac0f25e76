#include "gateway/upstream_headers.hpp"

#include <boost/beast/core/string.hpp>

#include <array>
#include <string>

namespace apicat::gateway {

namespace {

constexpr std::array<std::string_view, 9> hop_by_hop_names = {
    "connection", "keep-alive", "proxy-connection",   "transfer-encoding",
    "te",         "trailer",    "proxy-authenticate", "proxy-authorization",
    "upgrade"};

bool equal_ignoring_case(std::string_view a, std::string_view b)
{
    return boost::beast::iequals({a.data(), a.size()}, {b.data(), b.size()});
}

// Whether the comma-separated `list` has `token`, ignoring case and spaces around items.
bool list_has(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
            item.remove_prefix(1);
        }
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
            item.remove_suffix(1);
        }
        if (equal_ignoring_case(item, token)) {
            return true;
        }
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return false;
}

} // namespace

bool is_hop_by_hop(std::string_view name, std::string_view connection_header)
{
    for (const std::string_view hop_by_hop : hop_by_hop_names) {
        if (equal_ignoring_case(name, hop_by_hop)) {
            return true;
        }
    }
    return list_has(connection_header, name);
}

std::vector<http::Header> request_headers_to_forward(const std::vector<http::Header>& headers)
{
    std::string connection_header;
    for (const http::Header& header : headers) {
        if (equal_ignoring_case(header.name, "connection")) {
            connection_header += header.value + ",";
        }
    }
    std::vector<http::Header> forwarded;
    for (const http::Header& header : headers) {
        if (!is_hop_by_hop(header.name, connection_header) &&
            !equal_ignoring_case(header.name, "host") &&
            !equal_ignoring_case(header.name, "content-length") &&
            !equal_ignoring_case(header.name, "expect")) {
            forwarded.push_back(header);
        }
    }
    return forwarded;
}

void erase_hop_by_hop(boost::beast::http::fields& fields)
{
    const auto connection = fields[boost::beast::http::field::connection];
    // Copied: erasing the Connection field would leave a view of it dangling.
    const std::string connection_header(connection.data(), connection.size());
    for (auto field = fields.begin(); field != fields.end();) {
        const auto name = field->name_string();
        const std::string_view name_view(name.data(), name.size());
        if (is_hop_by_hop(name_view, connection_header) ||
            equal_ignoring_case(name_view, "content-length")) {
            field = fields.erase(field);
        } else {
            ++field;
        }
    }
}

} // namespace apicat::gateway

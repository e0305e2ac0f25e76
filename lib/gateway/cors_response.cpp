#include "gateway/cors_response.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <string_view>

namespace apicat::gateway {

namespace {

bool is_access_control(std::string_view name)
{
    constexpr std::string_view prefix = "access-control-";
    return name.size() > prefix.size() &&
           util::equal_ignoring_case(name.substr(0, prefix.size()), prefix);
}

// Whether a Vary field's list holds `token` (in any case) or `*`.
bool varies_by(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        std::string_view item = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        const std::size_t first = item.find_first_not_of(" \t");
        if (first == std::string_view::npos) {
            continue;
        }
        item = item.substr(first, item.find_last_not_of(" \t") - first + 1);
        if (item == "*" || util::equal_ignoring_case(item, token)) {
            return true;
        }
    }
    return false;
}

void append_list(std::string& list, std::string_view more)
{
    if (more.empty()) {
        return;
    }
    if (!list.empty()) {
        list += ", ";
    }
    list += more;
}

} // namespace

void apply_cors(const CorsResponse& cors, std::vector<http::Header>& headers)
{
    std::string exposed = cors.expose_headers;
    for (const http::Header& header : headers) {
        if (cors.expose_backend &&
            util::equal_ignoring_case(header.name, "Access-Control-Expose-Headers")) {
            append_list(exposed, header.value);
        }
    }
    std::erase_if(headers,
                  [](const http::Header& header) { return is_access_control(header.name); });
    if (!cors.allow_origin.empty()) {
        headers.push_back({"Access-Control-Allow-Origin", cors.allow_origin});
        if (cors.allow_credentials) {
            headers.push_back({"Access-Control-Allow-Credentials", "true"});
        }
        if (!exposed.empty()) {
            headers.push_back({"Access-Control-Expose-Headers", exposed});
        }
    }
    const bool said = std::any_of(headers.begin(), headers.end(), [](const http::Header& header) {
        return util::equal_ignoring_case(header.name, "Vary") && varies_by(header.value, "Origin");
    });
    if (!said) {
        headers.push_back({"Vary", "Origin"});
    }
}

} // namespace apicat::gateway

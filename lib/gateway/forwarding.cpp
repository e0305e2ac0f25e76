#include "gateway/forwarding.hpp"

#include "http/upstream_url.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace apicat::gateway {

namespace {

constexpr std::array<std::string_view, 9> hop_by_hop_names = {
    "connection", "keep-alive", "proxy-connection",   "transfer-encoding",
    "te",         "trailer",    "proxy-authenticate", "proxy-authorization",
    "upgrade"};

constexpr std::array<std::string_view, 3> set_by_client_names = {"host", "content-length",
                                                                 "expect"};

constexpr std::array<std::string_view, 2> well_known_credential_names = {"x-ibm-client-id",
                                                                         "x-ibm-client-secret"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& names, std::string_view name)
{
    return std::any_of(names.begin(), names.end(), [name](std::string_view listed) {
        return util::equal_ignoring_case(listed, name);
    });
}

// Whether the comma-separated `list` has `token`, ignoring case and spaces around items.
bool list_has(std::string_view list, std::string_view token)
{
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (util::equal_ignoring_case(util::trimmed(list.substr(0, comma)), token)) {
            return true;
        }
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    }
    return false;
}

} // namespace

std::string connection_tokens(const std::vector<http::Header>& headers)
{
    std::string tokens;
    for (const http::Header& header : headers) {
        if (util::equal_ignoring_case(header.name, "connection")) {
            tokens += (tokens.empty() ? "" : ",") + header.value;
        }
    }
    return tokens;
}

bool is_hop_by_hop(std::string_view name, std::string_view connection_tokens)
{
    return one_of(hop_by_hop_names, name) || list_has(connection_tokens, name);
}

bool is_well_known_credential(std::string_view name)
{
    return one_of(well_known_credential_names, name);
}

bool forwards_caller_header(std::string_view name, std::string_view connection_tokens)
{
    return !is_well_known_credential(name) && !list_has(connection_tokens, name) &&
           forwards_request_header(name);
}

bool forwards_request_header(std::string_view name)
{
    return !one_of(hop_by_hop_names, name) && !one_of(set_by_client_names, name);
}

bool relays_response_header(std::string_view name, std::string_view connection_tokens)
{
    return !is_hop_by_hop(name, connection_tokens) &&
           !util::equal_ignoring_case(name, "content-length");
}

std::string upstream_host(const std::string& url)
{
    const std::optional<http::UpstreamUrl> parsed = http::parse_upstream_url(url);
    return parsed ? parsed->host_header : "the upstream";
}

} // namespace apicat::gateway

#include "gateway/upstream_request.hpp"

#include "gateway/forwarding.hpp"
#include "gateway/routes.hpp"
#include "util/text.hpp"

#include <algorithm>

namespace apicat::gateway {

namespace {

bool same_name(const std::string& a, const std::string& b)
{
    return util::equal_ignoring_case(a, b);
}

bool is_credential(const std::vector<std::string>& names, const std::string& name)
{
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& credential) { return same_name(credential, name); });
}

// $(request.parameters.NAME): the query's, then the path's, then a header, as API Connect
// looks them up; never a credential.
std::optional<std::string> parameter_of(const CallInFlow& call, const std::string& name)
{
    if (is_credential(call.credentials.parameters, name) ||
        is_credential(call.credentials.headers, name) || is_well_known_credential(name)) {
        return std::nullopt;
    }
    if (const ValuesFound query = find_parameter(call.parts, name); query.first != nullptr) {
        return *query.first;
    }
    if (auto from_path = path_parameter(call.path_template, call.operation_path, name)) {
        return from_path;
    }
    if (const ValuesFound header = find_header(call.request.headers, name);
        header.first != nullptr) {
        return *header.first;
    }
    return std::nullopt;
}

void apply(const assembly::HeaderAction& action, const assembly::CallValues& values,
           std::vector<http::Header>& headers)
{
    if (action.kind != assembly::HeaderAction::Kind::add) {
        headers.erase(std::remove_if(headers.begin(), headers.end(),
                                     [&](const http::Header& header) {
                                         return same_name(header.name, action.header);
                                     }),
                      headers.end());
    }
    if (action.kind != assembly::HeaderAction::Kind::clear) {
        headers.push_back(
            {action.header, assembly::render(action.value, values, assembly::Placement::header)});
    }
}

// The query parameters of the call that a parameter-control lets through, raw as sent.
std::string admitted_query(const std::string& query, const assembly::NameFilter& filter)
{
    std::string admitted;
    std::size_t begin = 0;
    while (begin < query.size()) {
        auto end = query.find('&', begin);
        end = end == std::string::npos ? query.size() : end;
        std::string pair = query.substr(begin, end - begin);
        std::string name = percent_decode(pair.substr(0, pair.find('=')), false);
        if (!pair.empty() && filter.admits(name)) {
            admitted += (admitted.empty() ? "" : "&") + pair;
        }
        begin = end + 1;
    }
    return admitted;
}

} // namespace

Forward upstream_request(const assembly::Flow& flow, const CallInFlow& call)
{
    const assembly::UpstreamCall& upstream = *flow.upstream;
    std::string query = query_without(call.parts.query, call.credentials.parameters);
    assembly::CallValues values{
        percent_encode_path(call.path), query.empty() ? "" : "?" + query,
        [&call](const std::string& name) { return parameter_of(call, name); }};

    Forward forward;
    forward.request.method = upstream.verb.empty() ? call.request.method : upstream.verb;
    forward.request.url = assembly::render(upstream.target, values, assembly::Placement::url);
    if (upstream.parameter_control) {
        std::string admitted = admitted_query(query, *upstream.parameter_control);
        if (!admitted.empty()) {
            bool has_query = forward.request.url.find('?') != std::string::npos;
            forward.request.url += (has_query ? "&" : "?") + admitted;
        }
    }
    forward.request.body = call.request.body;
    forward.request.timeout = upstream.timeout;
    forward.request.max_response_body = upstream_response_limit;
    std::vector<http::Header>& headers = forward.request.headers;
    headers.reserve(call.request.headers.size() + flow.request_headers.size());
    const std::string connection = connection_tokens(call.request.headers);
    for (const http::Header& header : call.request.headers) {
        if (!is_credential(call.credentials.headers, header.name) &&
            forwards_caller_header(header.name, connection)) {
            headers.push_back(header);
        }
    }
    for (const assembly::HeaderAction& action : flow.request_headers) {
        apply(action, values, headers);
    }
    headers.erase(std::remove_if(headers.begin(), headers.end(),
                                 [&](const http::Header& header) {
                                     return !forwards_request_header(header.name) ||
                                            (upstream.header_control &&
                                             !upstream.header_control->admits(header.name));
                                 }),
                  headers.end());
    return forward;
}

} // namespace apicat::gateway

#include "gateway/cors.hpp"

#include "gateway/request_parts.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

namespace apicat::gateway {

namespace {

std::string_view header_value(const Request& request, std::string_view name)
{
    const ValuesFound found = find_header(request.headers, name);
    return found.first == nullptr ? std::string_view() : std::string_view(*found.first);
}

// A page of the gateway's own address (the Explore page, /-/explore) calls without crossing
// origins; its Origin is then the scheme and the Host it called.
bool is_own_origin(const Request& request, std::string_view origin)
{
    const std::string_view host = header_value(request, "Host");
    if (host.empty()) {
        return false;
    }
    for (const std::string_view scheme : {"http://", "https://"}) {
        if (origin.size() == scheme.size() + host.size() && origin.starts_with(scheme) &&
            util::equal_ignoring_case(origin.substr(scheme.size()), host)) {
            return true;
        }
    }
    return false;
}

Answer origin_refused(const RoutedApi& api, std::string_view origin)
{
    Answer refusal =
        error_answer(403, fmt::format("Origin {} is not allowed by the CORS policy of API '{}'",
                                      origin, api.name));
    refusal.headers.push_back({"Vary", "Origin"});
    return refusal;
}

CorsResponse response_for(const openapi::CorsRule& rule, std::string_view origin)
{
    CorsResponse response;
    response.allow_origin = std::string(origin);
    response.allow_credentials = rule.allow_credentials;
    if (rule.expose_predefined) {
        response.expose_headers = gateway_exposed_headers;
    }
    if (!rule.expose_custom.empty()) {
        response.expose_headers +=
            (response.expose_headers.empty() ? "" : ", ") + rule.expose_custom;
    }
    response.expose_backend = rule.expose_backend;
    return response;
}

} // namespace

bool is_preflight(const Request& request)
{
    return request.method == "OPTIONS" && !header_value(request, "Origin").empty() &&
           !header_value(request, "Access-Control-Request-Method").empty();
}

std::string preflight_method(const Request& request)
{
    return std::string(header_value(request, "Access-Control-Request-Method"));
}

CorsVerdict cors_for_call(const RoutedApi& api, const Request& request)
{
    CorsVerdict verdict;
    if (!api.cors.enabled) {
        return verdict;
    }
    const std::string_view origin = header_value(request, "Origin");
    if (origin.empty() || is_own_origin(request, origin)) {
        verdict.response = CorsResponse{}; // not cross-origin: the response still varies by it
        return verdict;
    }
    const openapi::CorsRule* rule = api.cors.rule_for(origin);
    if (rule == nullptr) {
        verdict.refusal = origin_refused(api, origin);
        return verdict;
    }
    verdict.response = response_for(*rule, origin);
    return verdict;
}

Answer answer_preflight(const RoutedApi& api, const Request& request, const std::string& path)
{
    const std::string_view origin = header_value(request, "Origin");
    const openapi::CorsRule* rule = api.cors.rule_for(origin);
    if (rule == nullptr) {
        return origin_refused(api, origin);
    }
    // As API Connect's gateway answers one: the methods the path has, whichever was asked
    // about (the browser compares), and the headers asked for, echoed. No Max-Age: API
    // Connect sends none, so a browser asks again after its own short default (5 s).
    Answer answer{200, reason_phrase(200), {}, {}};
    answer.headers.push_back({"Access-Control-Allow-Origin", std::string(origin)});
    if (rule->allow_credentials) {
        answer.headers.push_back({"Access-Control-Allow-Credentials", "true"});
    }
    answer.headers.push_back({"Access-Control-Allow-Methods",
                              fmt::format("{}", fmt::join(methods_at(api, path), ", "))});
    const std::string_view asked = header_value(request, "Access-Control-Request-Headers");
    if (!asked.empty()) {
        answer.headers.push_back({"Access-Control-Allow-Headers", std::string(asked)});
    }
    answer.headers.push_back({"Vary", "Origin"});
    return answer;
}

} // namespace apicat::gateway

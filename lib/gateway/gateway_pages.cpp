#include "gateway/gateway_pages.hpp"

#include "gateway/explore_page.hpp"
#include "gateway/request_parts.hpp"
#include "gateway/routes.hpp"

#include <charconv>

namespace apicat::gateway {

namespace {

constexpr std::string_view catalog_path = "/-/explore/catalog";
constexpr std::string_view analytics_path = "/-/explore/analytics";
constexpr std::chrono::seconds default_analytics_period{3600};

// The page's scripts and styles are its own, inline; it may call any endpoint (another origin
// is the user's choice, and CORS decides), and nothing may frame it.
constexpr std::string_view page_policy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src *; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

Answer page(std::string content_type, std::string body)
{
    Answer answer{200,
                  reason_phrase(200),
                  {{"Content-Type", std::move(content_type)},
                   {"Cache-Control", "no-store"},
                   {"X-Content-Type-Options", "nosniff"}},
                  std::move(body)};
    return answer;
}

Answer json_page(const Json& body)
{
    // A draft's strings may hold bytes that are not UTF-8: U+FFFD, not a failed page.
    return page("application/json", body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::optional<std::chrono::seconds> since_of(const RequestParts& parts)
{
    const ValuesFound since = find_parameter(parts, "since");
    if (since.count == 0) {
        return default_analytics_period;
    }
    const std::string& text = *since.first;
    long long seconds = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (since.count > 1 || text.empty() || error != std::errc() ||
        end != text.data() + text.size() || seconds <= 0) {
        return std::nullopt;
    }
    return std::chrono::seconds(seconds);
}

// The catalog's endpoint as the browser reaches the gateway: by the Host it asked for, which
// may be a name or a forwarded port rather than the address listened on. Empty without one:
// the page then takes its own origin.
std::string endpoint_for(const Request& request, const std::string& catalog)
{
    const ValuesFound host = find_header(request.headers, "Host");
    if (host.count != 1 || host.first->empty() ||
        host.first->find_first_of("/?#@ \t\"<>") != std::string::npos) {
        return "";
    }
    return "http://" + *host.first + "/" + catalog;
}

} // namespace

bool is_gateway_page(std::string_view target)
{
    const std::string_view path = target.substr(0, target.find('?'));
    return path_under(path, explore_path) || path == metrics_path;
}

Answer answer_gateway_page(const GatewayPageSources& sources, const Request& request)
{
    const RequestParts parts = split_target(request.target);
    if (request.method != "GET" && request.method != "HEAD") {
        Answer refusal = error_answer(405, request.method + " is not allowed for " + parts.path +
                                               "; allowed: GET, HEAD");
        refusal.headers.push_back({"Allow", "GET, HEAD"});
        return refusal;
    }
    if (parts.path == explore_path || parts.path == std::string(explore_path) + "/") {
        Answer answer = page("text/html; charset=utf-8", std::string(explore_page_html()));
        answer.headers.push_back({"Content-Security-Policy", std::string(page_policy)});
        answer.headers.push_back({"Referrer-Policy", "no-referrer"});
        return answer;
    }
    if (parts.path == catalog_path) {
        return json_page(explore_catalog_json(sources.products(), sources.catalog,
                                              endpoint_for(request, sources.catalog),
                                              sources.test_app()));
    }
    if (parts.path == analytics_path) {
        if (!sources.analytics) {
            return error_answer(404, "This gateway records no analytics (--no-analytics)");
        }
        const std::optional<std::chrono::seconds> since = since_of(parts);
        if (!since) {
            return error_answer(400, "Ask " + std::string(analytics_path) +
                                         "?since=SECONDS, a whole number above zero");
        }
        return json_page(sources.analytics(*since));
    }
    if (parts.path == metrics_path) {
        return page("text/plain; version=0.0.4; charset=utf-8", sources.metrics());
    }
    return error_answer(404, "The gateway has no path " + parts.path);
}

} // namespace apicat::gateway

#include "gateway/engine.hpp"

#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "gateway/mock_response.hpp"
#include "gateway/request_checks.hpp"
#include "gateway/request_parts.hpp"
#include "gateway/routes.hpp"
#include "openapi/draft.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace apicat::gateway {

CatalogSnapshot load_catalog_snapshot(store::Transaction& transaction, const std::string& catalog)
{
    return CatalogSnapshot{catalog, transaction.products(catalog), transaction.apps(catalog),
                           transaction.subscriptions(catalog)};
}

namespace {

// What one security option found in a request: the app it identifies, or why not.
struct Authentication {
    const store::App* app = nullptr;
    std::optional<Answer> refusal;
};

// What carries a credential of the API: removed before forwarding, whichever option admitted
// the call and for public operations too, so that the upstream never sees an app's
// credentials.
struct CredentialNames {
    std::vector<std::string> headers;
    std::vector<std::string> parameters;
};

CredentialNames credential_names(const RoutedApi& api)
{
    CredentialNames names;
    for (const auto& [name, scheme] : api.schemes) {
        if (scheme.name.empty()) {
            continue; // a scheme with no header or parameter, such as mutual TLS
        }
        if (scheme.in == "query") {
            names.parameters.push_back(scheme.name);
        } else if (scheme.in == "header") {
            names.headers.push_back(scheme.name);
        }
    }
    return names;
}

std::string where_to_send(const Scheme& scheme)
{
    return scheme.in == "query" ? "in the " + scheme.name + " query parameter"
                                : "in the " + scheme.name + " header";
}

} // namespace

struct Engine::Impl {
    CatalogSnapshot snapshot;
    RouteTable routes;
    RateLimiter& limiter;
    Clock clock;
    std::unordered_map<std::string, const store::App*> apps_by_client_id;
    std::map<std::pair<std::string, std::string>, const store::Subscription*> subscriptions;
    std::map<std::pair<std::string, std::string>, product::RateLimit> plan_limits;

    Impl(CatalogSnapshot catalog, RateLimiter& rate_limiter, Clock now)
        : snapshot(std::move(catalog))
        , routes(snapshot.products)
        , limiter(rate_limiter)
        , clock(std::move(now))
    {
        for (const store::App& app : snapshot.apps) {
            apps_by_client_id[app.client_id] = &app;
        }
        for (const store::Subscription& subscription : snapshot.subscriptions) {
            subscriptions[{subscription.app, subscription.product}] = &subscription;
        }
        for (const store::PublishedProduct& product : snapshot.products) {
            const Json plans = product.snapshot["product"].value("plans", Json::object());
            for (const auto& [name, plan] : plans.items()) {
                plan_limits[{product.name, name}] = first_rate_limit(plan);
            }
        }
    }

    static product::RateLimit first_rate_limit(const Json& plan)
    {
        const Json limits =
            plan.is_object() ? plan.value("rate-limits", Json::object()) : Json::object();
        if (limits.is_object() && !limits.empty() && limits.begin()->is_object()) {
            try {
                return product::parse_rate_limit(limits.begin()->value("value", "unlimited"));
            } catch (const Error&) {
                // Checked when the product was published; an unreadable one limits nothing.
            }
        }
        return product::RateLimit{"unlimited", true, 0, 0};
    }

    Decision decide(const Request& request) const;
    std::optional<Route> route(const Request& request, const RequestParts& parts, std::string& path,
                               std::optional<Answer>& refusal) const;
    Authentication authenticate(const Request& request, const RequestParts& parts,
                                const RoutedApi& api, const openapi::SecurityOption& option) const;
    std::optional<Answer> authorize(const store::App& app, const RoutedApi& api) const;
    Decision carry_out(const Request& request, const RequestParts& parts, const Route& route,
                       const std::string& path, const store::App* app) const;
};

// The operation a request reaches; `path` becomes the part after the catalog.
std::optional<Route> Engine::Impl::route(const Request& request, const RequestParts& parts,
                                         std::string& path, std::optional<Answer>& refusal) const
{
    std::string prefix = "/" + snapshot.catalog;
    bool in_catalog = parts.path.compare(0, prefix.size(), prefix) == 0 &&
                      (parts.path.size() == prefix.size() || parts.path[prefix.size()] == '/');
    path = in_catalog ? parts.path.substr(prefix.size()) : parts.path;
    if (path.empty()) {
        path = "/";
    }
    RouteResult found = in_catalog ? routes.find(request.method, path) : RouteResult{};
    if (found.route) {
        return found.route;
    }
    if (!found.allowed_methods.empty()) {
        refusal =
            error_answer(405, fmt::format("{} is not allowed for {}; allowed: {}", request.method,
                                          path, fmt::join(found.allowed_methods, ", ")));
        refusal->headers.push_back(
            {"Allow", fmt::format("{}", fmt::join(found.allowed_methods, ", "))});
    } else {
        refusal =
            error_answer(404, fmt::format("No API found for {} {} in catalog {}", request.method,
                                          in_catalog ? path : parts.path, snapshot.catalog));
    }
    return std::nullopt;
}

Authentication Engine::Impl::authenticate(const Request& request, const RequestParts& parts,
                                          const RoutedApi& api,
                                          const openapi::SecurityOption& option) const
{
    Authentication result;
    std::optional<std::string> client_id;
    std::optional<std::string> secret;
    const Scheme* id_scheme = nullptr;
    const Scheme* secret_scheme = nullptr;
    for (const std::string& name : option) {
        auto it = api.schemes.find(name);
        if (it == api.schemes.end() || it->second.type == "other") {
            result.refusal = error_answer(401, "This operation requires the security scheme '" +
                                                   name + "', which the gateway cannot check");
            return result;
        }
        const Scheme& scheme = it->second;
        std::vector<std::string> values;
        if (scheme.type == "basic") {
            const std::vector<std::string> headers =
                header_values(request.headers, "Authorization");
            if (headers.size() > 1) {
                result.refusal =
                    error_answer(400, "The Authorization header was sent more than once");
                return result;
            }
            for (const std::string& header : headers) {
                if (header.rfind("Basic ", 0) == 0) {
                    if (auto decoded = base64_decode(header.substr(6));
                        decoded && decoded->find(':') != std::string::npos) {
                        client_id = decoded->substr(0, decoded->find(':'));
                        secret = decoded->substr(decoded->find(':') + 1);
                    }
                }
            }
            id_scheme = secret_scheme = &scheme;
            continue;
        }
        values = scheme.in == "query" ? parameter_values(parts, scheme.name)
                                      : header_values(request.headers, scheme.name);
        if (values.size() > 1) {
            result.refusal = error_answer(400, "The credential " + where_to_send(scheme) +
                                                   " was sent more than once");
            return result;
        }
        bool is_id = scheme.key_type == "client_id";
        (is_id ? id_scheme : secret_scheme) = &scheme;
        if (!values.empty()) {
            (is_id ? client_id : secret) = values.front();
        }
    }
    if (id_scheme == nullptr) {
        return result; // an option without a client ID admits anyone
    }
    if (!client_id || client_id->empty()) {
        result.refusal = error_answer(
            401, id_scheme->type == "basic"
                     ? "Client ID missing: send it as the user name of HTTP basic authentication"
                     : "Client ID missing: send it " + where_to_send(*id_scheme));
        return result;
    }
    auto app = apps_by_client_id.find(*client_id);
    if (app == apps_by_client_id.end()) {
        result.refusal = error_answer(401, "Client ID not registered");
        return result;
    }
    if (secret_scheme != nullptr) {
        if (!secret || secret->empty()) {
            result.refusal = error_answer(401, "Client secret missing: send it " +
                                                   where_to_send(*secret_scheme));
            return result;
        }
        if (app->second->secret_digest.empty() ||
            !credentials::secret_matches(*secret, app->second->secret_digest)) {
            result.refusal = error_answer(401, "Client secret invalid");
            return result;
        }
    }
    result.app = app->second;
    return result;
}

std::optional<Answer> Engine::Impl::authorize(const store::App& app, const RoutedApi& api) const
{
    if (app.state != "active") {
        return error_answer(403, "App '" + app.name + "' is suspended");
    }
    auto subscription = subscriptions.find({app.name, api.product});
    if (subscription == subscriptions.end()) {
        return error_answer(403, "App '" + app.name + "' is not subscribed to a plan of product '" +
                                     api.product + "', which contains this API");
    }
    if (subscription->second->state != "active") {
        return error_answer(403, "The subscription of app '" + app.name + "' to product '" +
                                     api.product + "' is pending approval");
    }
    if (app.test_app) {
        return std::nullopt; // the test app is not rate limited
    }
    const store::Subscription& chosen = *subscription->second;
    auto limit = plan_limits.find({chosen.product, chosen.plan});
    if (limit == plan_limits.end() || limit->second.unlimited) {
        return std::nullopt;
    }
    std::string key = snapshot.catalog + "/" + app.name + "/" + chosen.product + "/" + chosen.plan;
    RateVerdict verdict = limiter.take(key, limit->second, clock());
    if (verdict.allowed) {
        return std::nullopt;
    }
    Answer refusal = error_answer(429, "Rate limit exceeded: plan '" + chosen.plan + "' allows " +
                                           limit->second.text);
    refusal.headers.push_back({"X-RateLimit-Limit", std::to_string(verdict.limit)});
    refusal.headers.push_back({"X-RateLimit-Remaining", std::to_string(verdict.remaining)});
    refusal.headers.push_back({"Retry-After", std::to_string(verdict.retry_after_seconds)});
    return refusal;
}

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

bool is_hop_by_hop(const std::string& name)
{
    static const std::vector<std::string> hop = {
        "connection", "keep-alive",    "proxy-authenticate", "proxy-authorization",
        "te",         "trailer",       "transfer-encoding",  "upgrade",
        "host",       "content-length"};
    return std::find(hop.begin(), hop.end(), util::to_lower(name)) != hop.end();
}

} // namespace

Decision Engine::Impl::carry_out(const Request& request, const RequestParts& parts,
                                 const Route& route, const std::string& path,
                                 const store::App* app) const
{
    Decision decision;
    decision.app = app != nullptr ? app->name : "";
    const RoutedApi& api = *route.api;
    std::string target = openapi::upstream(api.draft).value_or("");
    if (target.rfind("mock:", 0) == 0) {
        decision.action = mock_response(api.draft, api.operations[route.operation]);
        return decision;
    }
    const CredentialNames credentials = credential_names(api);
    std::string query = query_without(parts.query, credentials.parameters);
    std::string url = replace_all(replace_all(target, "$(request.path)", percent_encode_path(path)),
                                  "$(request.search)", query.empty() ? "" : "?" + query);
    Forward forward;
    forward.request.method = request.method;
    forward.request.url = url;
    forward.request.body = request.body;
    forward.request.max_response_body = upstream_response_limit;
    for (const http::Header& header : request.headers) {
        bool credential = std::any_of(
            credentials.headers.begin(), credentials.headers.end(), [&](const std::string& name) {
                return util::to_lower(name) == util::to_lower(header.name);
            });
        if (!credential && !is_hop_by_hop(header.name)) {
            forward.request.headers.push_back(header);
        }
    }
    auto scheme_end = url.find("://");
    auto host_end = url.find_first_of("/?", scheme_end == std::string::npos ? 0 : scheme_end + 3);
    forward.upstream_host =
        url.substr(scheme_end == std::string::npos ? 0 : scheme_end + 3,
                   host_end == std::string::npos ? std::string::npos : host_end - scheme_end - 3);
    decision.action = std::move(forward);
    return decision;
}

Decision Engine::Impl::decide(const Request& request) const
{
    if (std::optional<Answer> unsafe = refuse_unsafe_target(request.target)) {
        return Decision{*unsafe, ""};
    }
    RequestParts parts = split_target(request.target);
    std::string path;
    std::optional<Answer> refusal;
    std::optional<Route> found = route(request, parts, path, refusal);
    if (!found) {
        return Decision{*refusal, ""};
    }
    const RoutedApi& api = *found->api;
    const std::vector<openapi::SecurityOption>& options = api.security[found->operation];
    // The first option that identifies an app wins; one that asks for nothing (`{}`) admits
    // anyone, but only when no option identifies the caller, so that an app sending its
    // credentials is still held to its plan.
    Authentication chosen;
    std::optional<Answer> first_refusal;
    bool admitted = options.empty();
    for (const openapi::SecurityOption& option : options) {
        Authentication attempt = authenticate(request, parts, api, option);
        if (attempt.refusal) {
            if (!first_refusal) {
                first_refusal = attempt.refusal;
            }
        } else if (attempt.app == nullptr) {
            admitted = true;
        } else {
            chosen = attempt;
            admitted = true;
            break;
        }
    }
    if (!admitted) {
        return Decision{*first_refusal, ""};
    }
    if (chosen.app != nullptr) {
        if (std::optional<Answer> denied = authorize(*chosen.app, api)) {
            return Decision{*denied, chosen.app->name};
        }
    }
    return carry_out(request, parts, *found, path, chosen.app);
}

Engine::Engine(CatalogSnapshot snapshot, RateLimiter& limiter, Clock clock)
    : impl_(std::make_unique<Impl>(std::move(snapshot), limiter, std::move(clock)))
{
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;

Decision Engine::decide(const Request& request) const
{
    return impl_->decide(request);
}

CredentialSlots Engine::credential_slots(const Request& request) const
{
    CredentialSlots slots;
    RequestParts parts = split_target(request.target);
    std::string path;
    std::optional<Answer> refusal;
    std::optional<Route> found = impl_->route(request, parts, path, refusal);
    if (!found) {
        return slots;
    }
    // The first option the gateway can check that asks for a client ID: the others either
    // admit anyone or admit no one.
    for (const openapi::SecurityOption& option : found->api->security[found->operation]) {
        CredentialSlots option_slots;
        bool checked = true;
        for (const std::string& name : option) {
            auto it = found->api->schemes.find(name);
            if (it == found->api->schemes.end() || it->second.type == "other") {
                checked = false;
                break;
            }
            const Scheme& scheme = it->second;
            if (scheme.type == "basic") {
                option_slots.client_id = option_slots.client_secret =
                    CredentialSlot{"basic", "Authorization"};
            } else {
                (scheme.key_type == "client_id" ? option_slots.client_id
                                                : option_slots.client_secret) =
                    CredentialSlot{scheme.in, scheme.name};
            }
        }
        if (checked && option_slots.client_id) {
            return option_slots;
        }
    }
    return slots;
}

const std::string& Engine::catalog() const
{
    return impl_->snapshot.catalog;
}

} // namespace apicat::gateway

#include "gateway/engine.hpp"

#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "gateway/cors.hpp"
#include "gateway/credential_placement.hpp"
#include "gateway/credentials_endpoint.hpp"
#include "gateway/mock_response.hpp"
#include "gateway/published_catalog.hpp"
#include "gateway/request_checks.hpp"
#include "gateway/request_parts.hpp"
#include "gateway/routes.hpp"
#include "gateway/upstream_request.hpp"
#include "openapi/draft.hpp"
#include "product/plan.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <memory_resource>
#include <string_view>
#include <unordered_map>

namespace apicat::gateway {

CatalogSnapshot load_catalog_snapshot(store::Transaction& transaction, const std::string& catalog)
{
    return CatalogSnapshot{catalog, catalog::decode_products(transaction.products(catalog))};
}

namespace {

// What one security option found in a request: the app it identifies, or why not.
struct Authentication {
    AppEntry app; // held for the whole call: a refresh may drop it from the directory meanwhile
    std::optional<Answer> refusal;
};

std::string where_to_send(const openapi::SecurityScheme& scheme)
{
    return scheme.in == openapi::SecurityScheme::In::query
               ? "in the " + scheme.name + " query parameter"
               : "in the " + scheme.name + " header";
}

// What the app's subscription lets through: a refusal (403, 429), or headers for the response.
struct Authorization {
    std::optional<Answer> refusal;
    std::vector<http::Header> response_headers;
    bool rate_limited = false; // the refusal is a hard rate limit's
};

// The gateway's own headers go on whatever the call gets: an answer now, or the upstream's
// response when a front end relays it.
void add_response_headers(Decision& decision, const std::vector<http::Header>& headers)
{
    if (auto* answer = std::get_if<Answer>(&decision.action)) {
        answer->headers.insert(answer->headers.end(), headers.begin(), headers.end());
    } else {
        auto& forward = std::get<Forward>(decision.action);
        forward.response_headers.insert(forward.response_headers.end(), headers.begin(),
                                        headers.end());
    }
}

// The CORS fields go on the answer now, or on the upstream's response when it is relayed.
void add_cors(Decision& decision, const CorsResponse& cors)
{
    if (auto* answer = std::get_if<Answer>(&decision.action)) {
        apply_cors(cors, answer->headers);
    } else {
        std::get<Forward>(decision.action).cors = cors;
    }
}

// Where a request goes: the operation it reaches, or the refusal (404, 405) and, for a 405,
// the API whose path it is.
struct Routing {
    std::optional<Route> route;
    const RoutedApi* api = nullptr; // the route's API, or the 405's
    std::string path;               // the part after the catalog, "/" at least
    std::optional<Answer> refusal;
};

} // namespace

struct Engine::Impl {
    std::string catalog;
    std::shared_ptr<const PublishedCatalog> published;
    const AppDirectory& apps;
    RateLimiter& limiter;
    Clock clock;

    Impl(std::string served, std::shared_ptr<const PublishedCatalog> routes,
         const AppDirectory& directory, RateLimiter& rate_limiter, Clock now)
        : catalog(std::move(served))
        , published(std::move(routes))
        , apps(directory)
        , limiter(rate_limiter)
        , clock(std::move(now))
    {
    }

    Decision decide(const Request& given, const ClientCredentials* credentials) const;
    Routing route(const std::string& method, const RequestParts& parts) const;
    std::optional<Decision> answer_preflight_itself(const Request& request,
                                                    const RequestParts& parts) const;
    Decision admit(const Request& given, RequestParts parts, const Routing& routing,
                   const ClientCredentials* credentials) const;
    Authentication authenticate(const Request& request, const RequestParts& parts,
                                const RoutedApi& api, const openapi::SecurityOption& option) const;
    Authorization authorize(const AppAccess& caller, const Route& route) const;
    const product::Plan* plan_of(const store::Subscription& subscription,
                                 std::optional<Answer>& refusal) const;
    Authorization limit(const store::App& app, const store::Subscription& subscription,
                        const product::Plan& plan, const product::PlanOperation* listed) const;
    Decision carry_out(const Request& request, const RequestParts& parts, const Route& route,
                       const std::string& path, const store::App* app) const;
};

Routing Engine::Impl::route(const std::string& method, const RequestParts& parts) const
{
    Routing routing;
    std::string prefix = "/" + catalog;
    const bool in_catalog = path_under(parts.path, prefix);
    routing.path = in_catalog ? parts.path.substr(prefix.size()) : parts.path;
    if (routing.path.empty()) {
        routing.path = "/";
    }
    RouteResult found = in_catalog ? published->routes.find(method, routing.path) : RouteResult{};
    if (found.route) {
        routing.route = found.route;
        routing.api = found.route->api;
        return routing;
    }
    if (!found.allowed_methods.empty()) {
        routing.api = found.path_api;
        routing.refusal =
            error_answer(405, fmt::format("{} is not allowed for {}; allowed: {}", method,
                                          routing.path, fmt::join(found.allowed_methods, ", ")));
        routing.refusal->headers.push_back(
            {"Allow", fmt::format("{}", fmt::join(found.allowed_methods, ", "))});
    } else {
        routing.refusal =
            error_answer(404, fmt::format("No API found for {} {} in catalog {}", method,
                                          in_catalog ? routing.path : parts.path, catalog));
    }
    return routing;
}

// A preflight for a method of an API with CORS enabled is the gateway's to answer, before
// any security check: the browser sends it without the credentials its call will carry.
std::optional<Decision> Engine::Impl::answer_preflight_itself(const Request& request,
                                                              const RequestParts& parts) const
{
    const Routing asked = route(preflight_method(request), parts);
    if (asked.api == nullptr || !asked.api->cors.enabled) {
        return std::nullopt;
    }
    const RoutedApi& api = *asked.api;
    CallFacts facts{api.name,
                    asked.route ? api.operations[asked.route->operation].ref.str() : "",
                    api.product,
                    {}};
    return Decision{answer_preflight(api, request, asked.path), "", std::move(facts)};
}

Authentication Engine::Impl::authenticate(const Request& request, const RequestParts& parts,
                                          const RoutedApi& api,
                                          const openapi::SecurityOption& option) const
{
    Authentication result;
    // Views of the request's own strings (or of `basic`'s decoded pair): a call's credentials
    // are compared, never copied.
    std::optional<std::string_view> client_id;
    std::optional<std::string_view> secret;
    std::optional<std::string> basic;
    const openapi::SecurityScheme* id_scheme = nullptr;
    const openapi::SecurityScheme* secret_scheme = nullptr;
    for (const std::string& name : option) {
        auto it = api.schemes.find(name);
        if (it == api.schemes.end() ||
            it->second.kind == openapi::SecurityScheme::Kind::unchecked) {
            result.refusal = error_answer(401, "This operation requires the security scheme '" +
                                                   name + "', which the gateway cannot check");
            return result;
        }
        const openapi::SecurityScheme& scheme = it->second;
        if (scheme.kind == openapi::SecurityScheme::Kind::basic) {
            const ValuesFound header = find_header(request.headers, "Authorization");
            if (header.count > 1) {
                result.refusal =
                    error_answer(400, "The Authorization header was sent more than once");
                return result;
            }
            if (header.first != nullptr && header.first->starts_with("Basic ")) {
                basic = util::base64_decode(std::string_view(*header.first).substr(6));
                if (basic && basic->find(':') != std::string::npos) {
                    const std::string_view pair = *basic;
                    client_id = pair.substr(0, pair.find(':'));
                    secret = pair.substr(pair.find(':') + 1);
                }
            }
            id_scheme = secret_scheme = &scheme;
            continue;
        }
        const ValuesFound values = scheme.in == openapi::SecurityScheme::In::query
                                       ? find_parameter(parts, scheme.name)
                                       : find_header(request.headers, scheme.name);
        if (values.count > 1) {
            result.refusal = error_answer(400, "The credential " + where_to_send(scheme) +
                                                   " was sent more than once");
            return result;
        }
        bool is_id = scheme.kind == openapi::SecurityScheme::Kind::client_id;
        (is_id ? id_scheme : secret_scheme) = &scheme;
        if (values.first != nullptr) {
            (is_id ? client_id : secret) = *values.first;
        }
    }
    if (id_scheme == nullptr) {
        return result; // an option without a client ID admits anyone
    }
    if (!client_id || client_id->empty()) {
        result.refusal = error_answer(
            401, id_scheme->kind == openapi::SecurityScheme::Kind::basic
                     ? "Client ID missing: send it as the user name of HTTP basic authentication"
                     : "Client ID missing: send it " + where_to_send(*id_scheme));
        return result;
    }
    AppEntry app = apps.find(*client_id);
    if (app == nullptr) {
        result.refusal = error_answer(401, "Client ID not registered");
        return result;
    }
    if (secret_scheme != nullptr) {
        if (!secret || secret->empty()) {
            result.refusal = error_answer(401, "Client secret missing: send it " +
                                                   where_to_send(*secret_scheme));
            return result;
        }
        if (!app->secret_sha256 || !credentials::secret_matches(*secret, *app->secret_sha256)) {
            result.refusal = error_answer(401, "Client secret invalid");
            return result;
        }
    }
    result.app = std::move(app);
    return result;
}

Authorization Engine::Impl::authorize(const AppAccess& caller, const Route& route) const
{
    const store::App& app = caller.app;
    const RoutedApi& api = *route.api;
    if (!caller.active) {
        return {error_answer(403, "App '" + app.name + "' is suspended"), {}};
    }
    const store::Subscription* subscription = caller.subscription_to(api.product);
    if (subscription == nullptr) {
        return {error_answer(403, "App '" + app.name +
                                      "' is not subscribed to a plan of product '" + api.product +
                                      "', which contains this API"),
                {}};
    }
    const store::Subscription& chosen = *subscription;
    if (chosen.state != store::SubscriptionState::active) {
        return {error_answer(403, "The subscription of app '" + app.name + "' to product '" +
                                      api.product + "' is pending approval"),
                {}};
    }
    std::optional<Answer> refusal;
    const product::Plan* plan = plan_of(chosen, refusal);
    if (plan == nullptr) {
        return {refusal, {}};
    }
    const openapi::Operation& operation = api.operations[route.operation];
    if (!plan->admits(api.name, operation)) {
        return {error_answer(403, "Plan '" + plan->name + "' of product '" + api.product +
                                      "' does not include " + operation.ref.str() + " of API '" +
                                      api.name + "'"),
                {}};
    }
    if (caller.test_app) {
        return {}; // the test app is not rate limited
    }
    return limit(app, chosen, *plan, plan->listed(api.name, operation));
}

const product::Plan* Engine::Impl::plan_of(const store::Subscription& subscription,
                                           std::optional<Answer>& refusal) const
{
    auto plan = published->plans.find({subscription.product, subscription.plan});
    if (plan != published->plans.end()) {
        return plan->second;
    }
    // The plans were checked when the product was published. One that no longer reads (an
    // older apicat published it) admits no call rather than none of its limits.
    auto unreadable = published->unreadable_plans.find(subscription.product);
    refusal = unreadable != published->unreadable_plans.end()
                  ? error_answer(500, "The plans of product '" + subscription.product +
                                          "' cannot be read: " + unreadable->second +
                                          "; publish the product again")
                  : error_answer(403, "App '" + subscription.app + "' is subscribed to plan '" +
                                          subscription.plan + "', which product '" +
                                          subscription.product + "' no longer has");
    return nullptr;
}

// Every limit of the plan counts the call (or of the operation, when the plan gives it its
// own: they replace the plan's, with windows of their own); the first hard one used up refuses
// it (429, named in the body and in X-RateLimit-Name), and each soft one it went past is named
// in X-RateLimit-Exceeded.
Authorization Engine::Impl::limit(const store::App& app, const store::Subscription& subscription,
                                  const product::Plan& plan,
                                  const product::PlanOperation* listed) const
{
    const bool own = listed != nullptr && !listed->limits.empty();
    const std::vector<product::PlanLimit>& limits = own ? listed->limits : plan.limits;
    // The keys and what the limiter is given live on the stack for the usual few limits: the
    // gateway counts every call, and this allocates nothing then (docs/gateway.md, "Speed").
    std::array<std::byte, 2048> stack;
    std::pmr::monotonic_buffer_resource arena(stack.data(), stack.size());
    std::pmr::string prefix(&arena);
    prefix.reserve(catalog.size() + app.name.size() + subscription.product.size() +
                   plan.name.size() + 4);
    prefix.append(catalog).append("/").append(app.name).append("/");
    prefix.append(subscription.product).append("/").append(plan.name).append("/");
    if (own) {
        prefix.append("operation/").append(listed->describe()).append("/");
    }
    std::pmr::vector<const product::PlanLimit*> limited(&arena);
    std::pmr::vector<std::pmr::string> keys(&arena);
    limited.reserve(limits.size());
    keys.reserve(limits.size());
    for (const product::PlanLimit& limit : limits) {
        if (!limit.rate.unlimited) {
            limited.push_back(&limit);
            const std::string_view kind =
                limit.kind == product::LimitKind::burst ? "burst/" : "rate/";
            std::pmr::string& key = keys.emplace_back();
            key.reserve(prefix.size() + kind.size() + limit.name.size());
            key.append(prefix).append(kind).append(limit.name);
        }
    }
    if (limited.empty()) {
        return {};
    }
    // Made once the keys are all there: a RateCount points into its key.
    std::pmr::vector<RateCount> counts(&arena);
    counts.reserve(limited.size());
    for (std::size_t i = 0; i < limited.size(); ++i) {
        counts.push_back(RateCount{keys[i], &limited[i]->rate, limited[i]->hard});
    }
    std::pmr::vector<RateVerdict> verdicts(counts.size(), &arena);
    limiter.take(counts, clock(), verdicts);
    std::vector<std::string> exceeded;
    for (std::size_t i = 0; i < verdicts.size(); ++i) {
        if (verdicts[i].allowed) {
            continue;
        }
        if (!limited[i]->hard) {
            exceeded.push_back(limited[i]->name);
            continue;
        }
        Answer refusal = error_answer(429, "Rate limit exceeded: " + limited[i]->describe() +
                                               " of plan '" + plan.name + "'");
        refusal.headers.push_back({"X-RateLimit-Name", limited[i]->name});
        refusal.headers.push_back({"X-RateLimit-Limit", std::to_string(verdicts[i].limit)});
        refusal.headers.push_back({"X-RateLimit-Remaining", std::to_string(verdicts[i].remaining)});
        refusal.headers.push_back({"Retry-After", std::to_string(verdicts[i].retry_after_seconds)});
        return {refusal, {}, true};
    }
    if (exceeded.empty()) {
        return {};
    }
    return {std::nullopt, {{"X-RateLimit-Exceeded", fmt::format("{}", fmt::join(exceeded, ", "))}}};
}

Decision Engine::Impl::carry_out(const Request& request, const RequestParts& parts,
                                 const Route& route, const std::string& path,
                                 const store::App* app) const
{
    Decision decision;
    decision.app = app != nullptr ? app->name : "";
    const RoutedApi& api = *route.api;
    const openapi::Operation& operation = api.operations[route.operation];
    const assembly::Flow& flow = api.flows[route.operation];
    if (flow.thrown) {
        decision.action =
            error_answer(flow.thrown->status,
                         flow.thrown->message.empty() ? flow.thrown->name : flow.thrown->message);
        return decision;
    }
    if (!flow.upstream) {
        // As API Connect does when an assembly calls nothing: the call ends with an empty 200.
        decision.action = Answer{200, reason_phrase(200), {}, {}};
        return decision;
    }
    if (flow.upstream->target.literal_prefix().starts_with("mock:")) {
        decision.action = mock_response(*api.draft, operation, request.headers);
        return decision;
    }
    std::string operation_path = path.substr(api.base_path.size());
    if (operation_path.empty()) {
        operation_path = "/";
    }
    CallInFlow call{request, parts, path, operation_path, operation.ref.path, api.credentials};
    decision.action = upstream_request(flow, call);
    return decision;
}

Decision Engine::Impl::decide(const Request& given, const ClientCredentials* credentials) const
{
    if (std::optional<Answer> unsafe = refuse_unsafe_target(given.target)) {
        return Decision{*unsafe, "", {}};
    }
    RequestParts parts = split_target(given.target);
    if (is_preflight(given)) {
        if (std::optional<Decision> answered = answer_preflight_itself(given, parts)) {
            return std::move(*answered);
        }
    }
    Routing routing = route(given.method, parts);
    if (!routing.route) {
        Decision refused{*routing.refusal, "", {}};
        if (routing.api != nullptr && routing.api->cors.enabled) {
            // A 405 is the API's answer too; an origin its policy refuses reads no more of it.
            add_cors(refused, cors_for_call(*routing.api, given).response.value_or(CorsResponse{}));
        }
        return refused;
    }
    const RoutedApi& api = *routing.api;
    CorsVerdict cors = cors_for_call(api, given);
    if (cors.refusal) {
        return Decision{
            *cors.refusal,
            "",
            {api.name, api.operations[routing.route->operation].ref.str(), api.product, {}}};
    }
    Decision decision = admit(given, std::move(parts), routing, credentials);
    if (cors.response) {
        add_cors(decision, *cors.response);
    }
    return decision;
}

// The routed call's security, app, plan and what it becomes.
Decision Engine::Impl::admit(const Request& given, RequestParts parts, const Routing& routing,
                             const ClientCredentials* credentials) const
{
    const Route& found = *routing.route;
    const std::string& path = routing.path;
    // The credentials a caller hands over go where this operation takes them. The path stays
    // as it was routed; a credential in the query changes the query's parameters.
    std::optional<Request> placed;
    if (credentials != nullptr) {
        placed = given;
        place_credentials(*placed, gateway::credential_slots(*found.api, found.operation),
                          *credentials);
        parts = split_target(placed->target);
    }
    const Request& request = placed ? *placed : given;
    const RoutedApi& api = *found.api;
    CallFacts facts{api.name, api.operations[found.operation].ref.str(), api.product, {}};
    if (is_preflight(request)) {
        // A preflight that the gateway does not answer itself (the API's CORS is off) goes to
        // the API's OPTIONS operation, without the security checks: API Connect's gateway
        // skips them for every preflight, CORS enabled or not, as a browser sends no
        // credentials with one. An upstream that answers for CORS itself relies on it.
        Decision decision = carry_out(request, parts, found, path, nullptr);
        decision.facts = std::move(facts);
        return decision;
    }
    const std::vector<openapi::SecurityOption>& options = api.security[found.operation];
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
            chosen = std::move(attempt);
            admitted = true;
            break;
        }
    }
    if (!admitted) {
        return Decision{*first_refusal, "", std::move(facts)};
    }
    Authorization authorization;
    if (chosen.app != nullptr) {
        if (const store::Subscription* subscription = chosen.app->subscription_to(api.product)) {
            facts.plan = subscription->plan;
        }
        authorization = authorize(*chosen.app, found);
        if (authorization.refusal) {
            facts.rate_limited = authorization.rate_limited;
            return Decision{*authorization.refusal, chosen.app->app.name, std::move(facts)};
        }
    }
    Decision decision =
        carry_out(request, parts, found, path, chosen.app ? &chosen.app->app : nullptr);
    decision.facts = std::move(facts);
    add_response_headers(decision, authorization.response_headers);
    return decision;
}

Engine::Engine(std::string catalog, std::shared_ptr<const PublishedCatalog> published,
               const AppDirectory& apps, RateLimiter& limiter, Clock clock)
    : impl_(std::make_unique<Impl>(std::move(catalog), std::move(published), apps, limiter,
                                   std::move(clock)))
{
}

Engine::Engine(CatalogSnapshot snapshot, const AppDirectory& apps, RateLimiter& limiter,
               Clock clock)
    : Engine(
          snapshot.catalog,
          std::make_shared<const PublishedCatalog>(std::move(snapshot.products), snapshot.catalog),
          apps, limiter, std::move(clock))
{
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;

Decision Engine::decide(const Request& request) const
{
    if (is_gateway_path(request.target)) {
        return Decision{answer_gateway_path(*this, request), "", {}};
    }
    return impl_->decide(request, nullptr);
}

Decision Engine::decide(const Request& request, const ClientCredentials& credentials) const
{
    return impl_->decide(request, &credentials);
}

CredentialSlots Engine::credential_slots(const Request& request) const
{
    const Routing routing = impl_->route(request.method, split_target(request.target));
    return routing.route ? gateway::credential_slots(*routing.route->api, routing.route->operation)
                         : CredentialSlots{};
}

const std::string& Engine::catalog() const
{
    return impl_->catalog;
}

} // namespace apicat::gateway

// CORS as an API's x-ibm-configuration.cors says (docs/gateway.md, "CORS"): preflights the
// gateway answers itself, the CORS fields on every response of the API, and a policy's origins.

#include "credentials/credentials.hpp"
#include "gateway/cors_response.hpp"
#include "gateway/engine.hpp"
#include "gateway/relayed_response.hpp"
#include "openapi/cors_settings.hpp"
#include "support/catalog_with_apps.hpp"
#include "support/engine_exchange.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>

#include <optional>

using namespace apicat;
using namespace apicat::gateway;
using apicat::test::answer_of;
using apicat::test::app_secret;

namespace {

const char* draft_text = R"({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1"},
  "basePath": "/weather",
  "paths": {
    "/current": {"get": {"responses": {"200": {"description": "OK",
                          "examples": {"application/json": {"zip": "90210"}},
                          "headers": {"Access-Control-Allow-Origin": {"type": "string",
                                                                      "x-example": "*"}}}}}},
    "/items/{id}": {"get": {"responses": {"200": {"description": "OK"}}},
                    "delete": {"responses": {"204": {"description": "gone"}}}},
    "/items/special": {"get": {"responses": {"200": {"description": "OK"}}}},
    "/own-cors": {"options": {"responses": {"200": {"description": "OK"}}},
                  "get": {"responses": {"200": {"description": "OK"}}}}
  },
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id", "x-key-type": "client_id"},
    "client-secret": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Secret", "x-key-type": "client_secret"}
  },
  "security": [{"client-id": [], "client-secret": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "UPSTREAM"}}]}}
})";

const std::string good_id = "11111111111111111111111111111111";
const std::string calling_origin = "https://app.example";

// The draft with `cors` (JSON; empty: no cors section) in its x-ibm-configuration.
apicat::test::CatalogWithApps catalog_with(const std::string& cors,
                                           const std::string& upstream = "http://up.example")
{
    Json draft = Json::parse(draft_text);
    draft["x-ibm-configuration"]["assembly"]["execute"][0]["invoke"]["target-url"] = upstream;
    if (!cors.empty()) {
        draft["x-ibm-configuration"]["cors"] = Json::parse(cors);
    }
    Json snapshot = {
        {"product",
         Json::parse(
             R"({"plans": {"default": {"rate-limits": {"default": {"value": "1/1minute"}}}}})")},
        {"apis",
         {{"weather",
           {{"file", "w.yaml"},
            {"openapi", "2.0"},
            {"base_path", "/weather"},
            {"document", draft}}}}}};
    apicat::test::CatalogWithApps catalog;
    catalog.published.catalog = "sandbox";
    catalog.published.products = apicat::catalog::decode_products(
        {store::PublishedProduct{"sandbox", "weather-product", "1.0.0", "W", snapshot, ""}});
    store::App app;
    app.catalog = "sandbox";
    app.name = "good";
    app.client_id = good_id;
    app.secret_digest = credentials::secret_digest(app_secret);
    app.state = store::AppState::active;
    catalog.apps = {app};
    catalog.subscriptions = {
        {"sandbox", "good", "weather-product", "default", store::SubscriptionState::active}};
    return catalog;
}

struct CorsGateway {
    explicit CorsGateway(const std::string& cors, const std::string& upstream = "http://up.example")
        : catalog(catalog_with(cors, upstream))
    {
    }
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    apicat::test::CatalogWithApps catalog;
    MemoryAppDirectory apps = catalog.directory();
    Engine engine{catalog.published, apps, *limiter, [] { return std::int64_t{1'000'000'020}; }};
};

Request preflight(const std::string& target, const std::string& method,
                  const std::string& origin = calling_origin)
{
    return Request{"OPTIONS",
                   target,
                   {{"Origin", origin},
                    {"Access-Control-Request-Method", method},
                    {"Access-Control-Request-Headers", "x-ibm-client-id, x-ibm-client-secret"}},
                   ""};
}

Request cross_origin_call(const std::string& method, const std::string& target,
                          std::optional<std::string> origin = calling_origin,
                          bool with_credentials = true)
{
    Request request{method, target, {}, ""};
    if (origin) {
        request.headers.push_back({"Origin", *origin});
    }
    if (with_credentials) {
        request.headers.push_back({"X-IBM-Client-Id", good_id});
        request.headers.push_back({"X-IBM-Client-Secret", app_secret});
    }
    return request;
}

const Forward& forward_of(const Decision& decision)
{
    REQUIRE(std::holds_alternative<Forward>(decision.action));
    return std::get<Forward>(decision.action);
}

// The value of the only field `name` (in any case); "" when there is none. Two fail the test.
std::string field(const std::vector<http::Header>& headers, const std::string& name)
{
    std::string value;
    int count = 0;
    for (const http::Header& header : headers) {
        if (util::equal_ignoring_case(header.name, name)) {
            value = header.value;
            ++count;
        }
    }
    INFO("field ", name);
    CHECK(count <= 1);
    return value;
}

bool has_access_control(const std::vector<http::Header>& headers)
{
    return std::any_of(headers.begin(), headers.end(), [](const http::Header& header) {
        return util::to_lower(header.name).starts_with("access-control-");
    });
}

// What a front end relays for a forwarded call, the upstream having answered with `upstream`.
std::vector<http::Header> relayed(const Decision& decision, std::vector<http::Header> upstream)
{
    add_gateway_fields(forward_of(decision), upstream);
    return upstream;
}

const std::string cors_enabled = R"({"enabled": true})";
const std::string exposed = "X-RateLimit-Name, X-RateLimit-Limit, X-RateLimit-Remaining, "
                            "X-RateLimit-Exceeded, Retry-After";

} // namespace

TEST_CASE("with CORS enabled the gateway answers a preflight itself, without credentials")
{
    CorsGateway g(cors_enabled);
    Decision decision = g.engine.decide(preflight("/sandbox/weather/current", "GET"));
    Answer answer = answer_of(decision);
    CHECK(answer.status == 200);
    CHECK(answer.body.empty());
    CHECK(field(answer.headers, "Access-Control-Allow-Origin") == calling_origin);
    CHECK(field(answer.headers, "Access-Control-Allow-Credentials") == "true");
    CHECK(field(answer.headers, "Access-Control-Allow-Methods") == "GET");
    CHECK(field(answer.headers, "Access-Control-Allow-Headers") ==
          "x-ibm-client-id, x-ibm-client-secret");
    CHECK(field(answer.headers, "Vary") == "Origin");
    CHECK(field(answer.headers, "Access-Control-Max-Age").empty());
    CHECK(decision.app.empty());
    CHECK(decision.facts.api == "weather");
    CHECK(decision.facts.operation == "GET /current");

    // The methods the path has, each once, whichever one the browser asks about.
    Answer items =
        answer_of(g.engine.decide(preflight("/sandbox/weather/items/special", "DELETE")));
    CHECK(items.status == 200);
    CHECK(field(items.headers, "Access-Control-Allow-Methods") == "GET, DELETE");
    Answer other = answer_of(g.engine.decide(preflight("/sandbox/weather/current", "PUT")));
    CHECK(other.status == 200);
    CHECK(field(other.headers, "Access-Control-Allow-Methods") == "GET");

    // Even where the API has an OPTIONS operation of its own: the gateway answers for CORS.
    Answer own = answer_of(g.engine.decide(preflight("/sandbox/weather/own-cors", "GET")));
    CHECK(field(own.headers, "Access-Control-Allow-Methods") == "OPTIONS, GET");

    // A path no operation has stays a 404, and an OPTIONS that is no preflight is routed.
    CHECK(answer_of(g.engine.decide(preflight("/sandbox/weather/nothing", "GET"))).status == 404);
    Request plain = cross_origin_call("OPTIONS", "/sandbox/weather/current", calling_origin, false);
    Answer not_allowed = answer_of(g.engine.decide(plain));
    CHECK(not_allowed.status == 405);
    CHECK(field(not_allowed.headers, "Access-Control-Allow-Origin") == calling_origin);
}

TEST_CASE("without CORS enabled the gateway adds nothing and routes an OPTIONS as any method")
{
    for (const std::string& cors :
         {std::string(), std::string(R"({"enabled": false})"),
          std::string(R"({"enabled": false, "policy": [{"allow-origin": ["*"]}]})")}) {
        CAPTURE(cors);
        CorsGateway g(cors);
        Answer answer = answer_of(g.engine.decide(preflight("/sandbox/weather/current", "GET")));
        CHECK(answer.status == 405);
        CHECK(field(answer.headers, "Allow") == "GET");
        CHECK_FALSE(has_access_control(answer.headers));
        CHECK(field(answer.headers, "Vary").empty());

        Decision forwarded = g.engine.decide(cross_origin_call("GET", "/sandbox/weather/current"));
        CHECK_FALSE(forward_of(forwarded).cors);
        // The upstream's own CORS fields pass unchanged: it may answer for CORS itself.
        std::vector<http::Header> fields =
            relayed(forwarded, {{"Access-Control-Allow-Origin", "*"}});
        CHECK(fields.size() == 1);
        CHECK(field(fields, "Access-Control-Allow-Origin") == "*");
        CHECK_FALSE(has_access_control(
            answer_of(g.engine.decide(cross_origin_call("GET", "/sandbox/weather/current",
                                                        calling_origin, false)))
                .headers));
    }
}

TEST_CASE("with CORS enabled every response of the API carries the CORS fields")
{
    CorsGateway g(cors_enabled);
    // A forwarded call: the upstream's CORS fields give way to the gateway's.
    Decision ok = g.engine.decide(cross_origin_call("GET", "/sandbox/weather/current"));
    REQUIRE(forward_of(ok).cors);
    std::vector<http::Header> fields = relayed(ok, {{"Content-Type", "application/json"},
                                                    {"Access-Control-Allow-Origin", "*"},
                                                    {"Access-Control-Expose-Headers", "X-Upstream"},
                                                    {"Vary", "Accept-Encoding"}});
    CHECK(field(fields, "Access-Control-Allow-Origin") == calling_origin);
    CHECK(field(fields, "Access-Control-Allow-Credentials") == "true");
    CHECK(field(fields, "Access-Control-Expose-Headers") == exposed);
    CHECK(fields.size() == 6); // Content-Type, Vary: Accept-Encoding, the three, Vary: Origin
    CHECK(fields.back().name == "Vary");
    CHECK(fields.back().value == "Origin");
    // A Vary that names Origin already is left as it is.
    std::vector<http::Header> varied = relayed(ok, {{"Vary", "accept, origin"}});
    CHECK(field(varied, "Vary") == "accept, origin");

    // The gateway's refusals: a page reads why it was refused.
    Answer refused = answer_of(g.engine.decide(
        cross_origin_call("GET", "/sandbox/weather/current", calling_origin, false)));
    CHECK(refused.status == 401);
    CHECK(field(refused.headers, "Access-Control-Allow-Origin") == calling_origin);
    CHECK(field(refused.headers, "Access-Control-Expose-Headers") == exposed);
    CHECK(field(refused.headers, "Vary") == "Origin");
    CHECK(field(refused.headers, "Content-Type") == "application/json");

    Answer limited =
        answer_of(g.engine.decide(cross_origin_call("GET", "/sandbox/weather/items/7")));
    REQUIRE(limited.status == 429); // the plan's 1/1minute went to the first call
    CHECK(field(limited.headers, "X-RateLimit-Remaining") == "0");
    CHECK(field(limited.headers, "Access-Control-Allow-Origin") == calling_origin);
    CHECK(field(limited.headers, "Access-Control-Expose-Headers").find("X-RateLimit-Remaining") !=
          std::string::npos);

    // A 405 (HEAD of a GET-only path included) is the API's too; a 404 reaches no API.
    for (const char* method : {"HEAD", "POST"}) {
        Answer not_allowed =
            answer_of(g.engine.decide(cross_origin_call(method, "/sandbox/weather/current")));
        CHECK(not_allowed.status == 405);
        CHECK(field(not_allowed.headers, "Access-Control-Allow-Origin") == calling_origin);
    }
    Answer missing =
        answer_of(g.engine.decide(cross_origin_call("GET", "/sandbox/weather/nothing")));
    CHECK(missing.status == 404);
    CHECK_FALSE(has_access_control(missing.headers));
    CHECK(field(missing.headers, "Vary").empty());

    // The upstream gave no response: the 502 carries them too.
    Answer failed = failed_forward_answer(forward_of(ok), http::TransportFailure::connect,
                                          "connection refused");
    CHECK(failed.status == 502);
    CHECK(field(failed.headers, "Access-Control-Allow-Origin") == calling_origin);

    // In-process invoke decides the same way.
    Request through =
        cross_origin_call("GET", "/sandbox/weather/items/special", calling_origin, false);
    Answer invoked = answer_of(g.engine.decide(through, ClientCredentials{good_id, app_secret}));
    CHECK(invoked.status == 429);
    CHECK(field(invoked.headers, "Access-Control-Allow-Origin") == calling_origin);
}

TEST_CASE("with CORS enabled a mock answer carries the gateway's CORS fields, not the example's")
{
    CorsGateway g(cors_enabled, "mock:");
    Answer mocked =
        answer_of(g.engine.decide(cross_origin_call("GET", "/sandbox/weather/current")));
    CHECK(mocked.status == 200);
    CHECK(field(mocked.headers, "Access-Control-Allow-Origin") == calling_origin);
    CHECK(field(mocked.headers, "Vary") == "Origin");
}

TEST_CASE("a call that is not cross-origin gets only Vary: Origin")
{
    CorsGateway g(cors_enabled);
    Decision no_origin =
        g.engine.decide(cross_origin_call("GET", "/sandbox/weather/current", std::nullopt));
    std::vector<http::Header> fields = relayed(no_origin, {{"Access-Control-Allow-Origin", "*"}});
    CHECK_FALSE(has_access_control(fields));
    CHECK(field(fields, "Vary") == "Origin");

    // The gateway's own pages (/-/explore) call from its own address.
    Request own =
        cross_origin_call("GET", "/sandbox/weather/current", "http://127.0.0.1:9080", false);
    own.headers.push_back({"Host", "127.0.0.1:9080"});
    Answer answer = answer_of(g.engine.decide(own));
    CHECK(answer.status == 401);
    CHECK_FALSE(has_access_control(answer.headers));
    CHECK(field(answer.headers, "Vary") == "Origin");
}

TEST_CASE("a CORS policy accepts only the origins its rules list, each rule with its fields")
{
    CorsGateway g(R"({"enabled": true, "policy": [
        {"allow-origin": ["https://app.example", "https://other.example"],
         "expose-headers": {"predefined": false, "backend": true, "custom": "X-Trace-Id"}},
        {"allow-origin": "https://admin.example", "allow-credentials": true}]})");

    // The first rule: no credentials, the custom and the upstream's exposed headers.
    Decision app = g.engine.decide(
        cross_origin_call("GET", "/sandbox/weather/current", "https://APP.example"));
    std::vector<http::Header> fields =
        relayed(app, {{"Access-Control-Expose-Headers", "X-Upstream"}});
    CHECK(field(fields, "Access-Control-Allow-Origin") == "https://APP.example");
    CHECK(field(fields, "Access-Control-Allow-Credentials").empty());
    CHECK(field(fields, "Access-Control-Expose-Headers") == "X-Trace-Id, X-Upstream");
    Answer app_preflight = answer_of(g.engine.decide(preflight("/sandbox/weather/current", "GET")));
    CHECK(app_preflight.status == 200);
    CHECK(field(app_preflight.headers, "Access-Control-Allow-Credentials").empty());

    // The second: credentials, and the gateway's predefined list by default.
    Answer admin = answer_of(g.engine.decide(
        cross_origin_call("GET", "/sandbox/weather/current", "https://admin.example", false)));
    CHECK(admin.status == 401);
    CHECK(field(admin.headers, "Access-Control-Allow-Credentials") == "true");
    CHECK(field(admin.headers, "Access-Control-Expose-Headers") == exposed);

    // Any other origin is refused before its credentials are looked at, preflight or not.
    for (const Request& request :
         {cross_origin_call("GET", "/sandbox/weather/current", "https://evil.example"),
          preflight("/sandbox/weather/current", "GET", "https://evil.example")}) {
        Decision refused = g.engine.decide(request);
        Answer answer = answer_of(refused);
        CHECK(answer.status == 403);
        CHECK(Json::parse(answer.body)["moreInformation"] ==
              "Origin https://evil.example is not allowed by the CORS policy of API 'weather'");
        CHECK_FALSE(has_access_control(answer.headers));
        CHECK(field(answer.headers, "Vary") == "Origin");
        CHECK(refused.app.empty());
    }
    // A call without an Origin is no CORS request: a policy does not refuse it.
    CHECK(answer_of(g.engine.decide(
                        cross_origin_call("GET", "/sandbox/weather/current", std::nullopt, false)))
              .status == 401);

    CorsGateway any(R"({"enabled": true, "policy": [{"allow-origin": ["*"]}]})");
    Answer anyone = answer_of(
        any.engine.decide(preflight("/sandbox/weather/current", "GET", "https://evil.example")));
    CHECK(anyone.status == 200);
    CHECK(field(anyone.headers, "Access-Control-Allow-Origin") == "https://evil.example");
    CHECK(field(anyone.headers, "Access-Control-Allow-Credentials").empty());
}

TEST_CASE("a CORS section not of API Connect's shape is an error and accepts less, never more")
{
    auto read = [](const std::string& cors) {
        openapi::Draft draft;
        draft.document = Json::parse(draft_text);
        draft.document["x-ibm-configuration"]["cors"] = Json::parse(cors);
        std::vector<openapi::Finding> findings;
        openapi::CorsSettings settings = openapi::read_cors_settings(draft, findings);
        return std::make_pair(settings, findings);
    };
    auto [fine, none] = read(R"({"enabled": true, "policy": [{"allow-origin": ["https://a.example"],
        "allow-credentials": false, "expose-headers": {"predefined": true, "backend": false,
        "custom": "X-A, X-B"}}]})");
    CHECK(none.empty());
    CHECK(fine.enabled);
    REQUIRE(fine.rules.size() == 1);
    CHECK(fine.rules[0].expose_custom == "X-A, X-B");

    auto [quoted, quoted_findings] = read(R"({"enabled": "true"})");
    CHECK_FALSE(quoted.enabled);
    REQUIRE(quoted_findings.size() == 1);
    CHECK(quoted_findings[0].message ==
          "'x-ibm-configuration.cors.enabled' must be true or false (unquoted)");
    CHECK(quoted_findings[0].where == openapi::Path{"x-ibm-configuration", "cors", "enabled"});

    for (const char* policy : {R"([])", R"({"allow-origin": ["*"]})", R"([{"allow-origin": []}])",
                               R"([{"allow-origin": ["*"], "allow-credentials": "yes"}])",
                               R"([{"allow-origin": ["*"], "expose-headers": {"custom": 1}}])"}) {
        CAPTURE(policy);
        auto [settings, findings] =
            read(std::string(R"({"enabled": true, "policy": )") + policy + "}");
        CHECK(findings.size() == 1);
        CHECK(settings.restricted);
        CHECK(settings.rule_for("https://a.example") == nullptr);
    }
    auto [bad, bad_findings] = read(R"(true)");
    CHECK_FALSE(bad.enabled);
    CHECK(bad_findings.size() == 1);
}

TEST_CASE("without CORS enabled a preflight reaches the API's OPTIONS operation unchecked")
{
    for (const std::string& cors : {std::string(), std::string(R"({"enabled": false})")}) {
        CAPTURE(cors);
        CorsGateway g(cors);
        // As API Connect's gateway: no security check for a preflight, CORS enabled or not,
        // so that an upstream can answer for CORS itself.
        Decision decision = g.engine.decide(preflight("/sandbox/weather/own-cors", "GET"));
        const Forward& forward = forward_of(decision);
        CHECK(forward.request.method == "OPTIONS");
        CHECK_FALSE(forward.cors);
        CHECK(decision.app.empty());
        CHECK(decision.facts.operation == "OPTIONS /own-cors");
        // An OPTIONS that is no preflight is checked as any call.
        CHECK(answer_of(g.engine.decide(cross_origin_call("OPTIONS", "/sandbox/weather/own-cors",
                                                          calling_origin, false)))
                  .status == 401);
    }
}

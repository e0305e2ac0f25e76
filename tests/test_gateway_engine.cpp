#include "credentials/credentials.hpp"
#include "gateway/engine.hpp"
#include "gateway/forwarding.hpp"
#include "support/catalog_with_apps.hpp"
#include "support/engine_exchange.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;
using apicat::test::answer_of;
using apicat::test::app_secret;
using apicat::test::get_request;
using apicat::test::more_information;

namespace {

const char* engine_weather_draft = R"({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1"},
  "basePath": "/weather",
  "paths": {
    "/current": {"get": {"responses": {"200": {"description": "OK",
                          "examples": {"application/json": {"zip": "90210"}}}}}},
    "/items/{id}": {"get": {"responses": {"200": {"description": "OK"}}},
                    "delete": {"responses": {"204": {"description": "gone"}}}},
    "/items/special": {"get": {"responses": {"200": {"description": "OK"}}}},
    "/health": {"get": {"security": [], "responses": {"200": {"description": "OK"}}}},
    "/basic": {"get": {"security": [{"basic-auth": []}], "responses": {"200": {"description": "OK"}}}}
  },
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id", "x-key-type": "client_id"},
    "client-secret": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Secret", "x-key-type": "client_secret"},
    "query-id": {"type": "apiKey", "in": "query", "name": "client_id", "x-key-type": "client_id"},
    "basic-auth": {"type": "basic"}
  },
  "security": [{"client-id": [], "client-secret": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "UPSTREAM"}}]}}
})";

store::App sandbox_app(const std::string& name, const std::string& id,
                       store::AppState state = store::AppState::active)
{
    store::App app;
    app.catalog = "sandbox";
    app.name = name;
    app.client_id = id;
    app.secret_digest = credentials::secret_digest(app_secret);
    app.state = state;
    return app;
}

apicat::test::CatalogWithApps weather_catalog(
    const std::string& upstream = "http://up.example:8080$(request.path)$(request.search)")
{
    std::string draft = engine_weather_draft;
    draft.replace(draft.find("UPSTREAM"), 8, upstream);
    Json snapshot = {
        {"product",
         Json::parse(
             R"({"plans": {"default": {"rate-limits": {"default": {"value": "2/1minute"}}}}})")},
        {"apis",
         {{"weather",
           {{"file", "w.yaml"},
            {"openapi", "2.0"},
            {"base_path", "/weather"},
            {"document", Json::parse(draft)}}}}}};
    apicat::test::CatalogWithApps catalog;
    catalog.published.catalog = "sandbox";
    catalog.published.products = apicat::catalog::decode_products(
        {store::PublishedProduct{"sandbox", "weather-product", "1.0.0", "W", snapshot, ""}});
    catalog.apps = {
        sandbox_app("good", "11111111111111111111111111111111"),
        sandbox_app("idle", "22222222222222222222222222222222", store::AppState::suspended),
        sandbox_app("stranger", "33333333333333333333333333333333")};
    catalog.subscriptions = {
        {"sandbox", "good", "weather-product", "default", store::SubscriptionState::active},
        {"sandbox", "idle", "weather-product", "default", store::SubscriptionState::active}};
    return catalog;
}

std::vector<http::Header> as(const std::string& id, const std::string& key = app_secret)
{
    return {{"X-IBM-Client-Id", id}, {"X-IBM-Client-Secret", key}, {"Accept", "application/json"}};
}

struct EngineFixture {
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    std::int64_t now = 1'000'000'040; // 20 s into a minute
    apicat::test::CatalogWithApps catalog = weather_catalog();
    MemoryAppDirectory apps = catalog.directory();
    Engine engine{catalog.published, apps, *limiter, [this] { return now; }};
};

} // namespace

TEST_CASE("the gateway engine forwards an authenticated call without its credentials")
{
    EngineFixture f;
    Decision decision = f.engine.decide(get_request("/sandbox/weather/current?zipcode=90210",
                                                    as("11111111111111111111111111111111")));
    REQUIRE(std::holds_alternative<Forward>(decision.action));
    const Forward& forward = std::get<Forward>(decision.action);
    CHECK(forward.request.url == "http://up.example:8080/weather/current?zipcode=90210");
    CHECK(upstream_host(forward.request.url) == "up.example:8080");
    CHECK(forward.request.headers.size() == 1);
    CHECK(forward.request.headers[0].name == "Accept");
    CHECK(decision.app == "good");
}

TEST_CASE(
    "the gateway engine refuses in the order of the design: route, identity, secret, state, plan")
{
    EngineFixture f;
    CHECK(answer_of(f.engine.decide(get_request("/sandbox/weather/nothing"))).status == 404);
    CHECK(more_information(f.engine.decide(get_request("/other/weather/current"))) ==
          "No API found for GET /other/weather/current in catalog sandbox");
    Answer not_allowed =
        answer_of(f.engine.decide(Request{"POST", "/sandbox/weather/current", {}, ""}));
    CHECK(not_allowed.status == 405);
    CHECK(not_allowed.headers.back().value == "GET");

    CHECK(more_information(f.engine.decide(get_request("/sandbox/weather/current")))
              .rfind("Client ID missing", 0) == 0);
    CHECK(more_information(f.engine.decide(
              get_request("/sandbox/weather/current", as("0123456789abcdef0123456789abcdef")))) ==
          "Client ID not registered");
    CHECK(more_information(f.engine.decide(get_request(
                               "/sandbox/weather/current",
                               {{"X-IBM-Client-Id", "11111111111111111111111111111111"}})))
              .rfind("Client secret missing", 0) == 0);
    CHECK(more_information(f.engine.decide(get_request(
              "/sandbox/weather/current", as("11111111111111111111111111111111", "wrong")))) ==
          "Client secret invalid");
    // A suspended app with a wrong secret learns nothing about its state.
    CHECK(answer_of(f.engine.decide(get_request("/sandbox/weather/current",
                                                as("22222222222222222222222222222222", "wrong"))))
              .status == 401);
    Decision suspended = f.engine.decide(
        get_request("/sandbox/weather/current", as("22222222222222222222222222222222")));
    CHECK(answer_of(suspended).status == 403);
    CHECK(more_information(suspended).find("suspended") != std::string::npos);
    Decision stranger = f.engine.decide(
        get_request("/sandbox/weather/current", as("33333333333333333333333333333333")));
    CHECK(answer_of(stranger).status == 403);
    CHECK(more_information(stranger).find("not subscribed") != std::string::npos);
}

TEST_CASE("the gateway engine limits calls per plan window and says when to retry")
{
    EngineFixture f;
    auto call = [&] {
        return f.engine.decide(
            get_request("/sandbox/weather/current", as("11111111111111111111111111111111")));
    };
    CHECK(std::holds_alternative<Forward>(call().action));
    CHECK(std::holds_alternative<Forward>(call().action));
    Answer limited = answer_of(call());
    CHECK(limited.status == 429);
    CHECK(Json::parse(limited.body)["moreInformation"] ==
          "Rate limit exceeded: rate limit 'default' (2/1minute) of plan 'default'");
    std::map<std::string, std::string> headers;
    for (const http::Header& header : limited.headers) {
        headers[header.name] = header.value;
    }
    CHECK(headers["X-RateLimit-Limit"] == "2");
    CHECK(headers["X-RateLimit-Remaining"] == "0");
    CHECK(headers["Retry-After"] == "40");
    f.now += 40; // the next window
    CHECK(std::holds_alternative<Forward>(call().action));
}

TEST_CASE("the gateway engine prefers literal path segments and lets public operations through")
{
    EngineFixture f;
    Decision special = f.engine.decide(
        get_request("/sandbox/weather/items/special", as("11111111111111111111111111111111")));
    CHECK(std::get<Forward>(special.action).request.url ==
          "http://up.example:8080/weather/items/special");
    Decision item = f.engine.decide(
        Request{"DELETE", "/sandbox/weather/items/7", as("11111111111111111111111111111111"), ""});
    CHECK(std::get<Forward>(item.action).request.method == "DELETE");
    CHECK(std::holds_alternative<Forward>(
        f.engine.decide(get_request("/sandbox/weather/health")).action));
    CHECK(f.engine.credential_slots(get_request("/sandbox/weather/health")).client_id.has_value() ==
          false);
    CHECK(f.engine.credential_slots(get_request("/sandbox/weather/current")).client_secret->name ==
          "X-IBM-Client-Secret");
}

TEST_CASE("the gateway engine answers a mock: upstream from the response example")
{
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    apicat::test::CatalogWithApps catalog = weather_catalog("mock:");
    const MemoryAppDirectory apps = catalog.directory();
    Engine engine(catalog.published, apps, *limiter, [] { return std::int64_t{0}; });
    Answer answer = answer_of(engine.decide(
        get_request("/sandbox/weather/current", as("11111111111111111111111111111111"))));
    CHECK(answer.status == 200);
    CHECK(Json::parse(answer.body) == Json{{"zip", "90210"}});
    CHECK(answer.headers[0].value == "application/json");
}

TEST_CASE("the gateway engine refuses a credential header sent twice")
{
    EngineFixture f;
    std::vector<http::Header> headers = as("11111111111111111111111111111111");
    headers.push_back({"x-ibm-client-id", "11111111111111111111111111111111"});
    CHECK(answer_of(f.engine.decide(get_request("/sandbox/weather/current", headers))).status ==
          400);
}

TEST_CASE("the gateway engine never forwards credentials, not even to a public operation")
{
    EngineFixture f;
    std::vector<http::Header> headers = as("11111111111111111111111111111111");
    headers.push_back({"authorization", "Basic Zm9vOmJhcg=="});
    Decision decision =
        f.engine.decide(get_request("/sandbox/weather/health?client_id=1111&x=1", headers));
    REQUIRE(std::holds_alternative<Forward>(decision.action));
    const Forward& forward = std::get<Forward>(decision.action);
    CHECK(forward.request.url == "http://up.example:8080/weather/health?x=1");
    REQUIRE(forward.request.headers.size() == 1);
    CHECK(forward.request.headers[0].name == "Accept");
    CHECK(forward.request.max_response_body == upstream_response_limit);
}

TEST_CASE("the gateway engine refuses basic credentials sent twice")
{
    EngineFixture f;
    const std::string basic = "Basic MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE6dGhlLXNlY3JldA==";
    CHECK(std::holds_alternative<Forward>(
        f.engine.decide(get_request("/sandbox/weather/basic", {{"Authorization", basic}})).action));
    Decision twice = f.engine.decide(get_request(
        "/sandbox/weather/basic", {{"Authorization", basic}, {"authorization", basic}}));
    CHECK(answer_of(twice).status == 400);
}

TEST_CASE("the gateway engine refuses a path that an upstream could read as another one")
{
    EngineFixture f;
    // /items/{id} would take "..%2Fhealth" as an id; an upstream may decode it into a path.
    for (const char* target :
         {"/sandbox/weather/items/..%2Fcurrent", "/sandbox/weather/health/../current",
          "/sandbox/weather/items/%2e%2E", "/sandbox/weather/items/a%2fb",
          "/sandbox/weather/items/a%5Cb", "/sandbox/weather/items/a\\b",
          "/sandbox/weather/items/a%252Fb", "/sandbox/weather/items/%00",
          "/sandbox/weather/items/a%0D%0AX-Injected:%20yes", "/sandbox/weather/items/%FF",
          "/sandbox/weather/items/\xC3", "/sandbox/weather/current?zipcode=%FE",
          "/sandbox/weather/current?zip%00code=1", "*", "http://up.example:8080/weather/current"}) {
        INFO(std::string(target));
        Answer refused =
            answer_of(f.engine.decide(get_request(target, as("11111111111111111111111111111111"))));
        CHECK(refused.status == 400);
        CHECK(Json::parse(refused.body)["moreInformation"].get<std::string>().find(target) ==
              std::string::npos);
    }
    // What is fine: UTF-8 text, dots inside names, control characters in the query.
    for (const char* target :
         {"/sandbox/weather/items/caf%C3%A9", "/sandbox/weather/items/caf\xC3\xA9",
          "/sandbox/weather/items/v1.2...3", "/sandbox/weather/current?q=line%0Anext&t=%09"}) {
        INFO(std::string(target));
        f.now += 60; // a fresh rate-limit window for each
        CHECK(std::holds_alternative<Forward>(
            f.engine.decide(get_request(target, as("11111111111111111111111111111111"))).action));
    }
}

TEST_CASE("the gateway engine answers a method or client ID no client should send")
{
    EngineFixture f;
    // Not UTF-8: the 404 quotes the method, and must still be JSON.
    Answer odd = answer_of(f.engine.decide(Request{"G\xFFT", "/sandbox/weather/nothing", {}, ""}));
    CHECK(odd.status == 404);
    CHECK(Json::parse(odd.body)["httpCode"] == "404");
    const std::string huge(1024 * 1024, 'a');
    CHECK(more_information(f.engine.decide(get_request("/sandbox/weather/current", as(huge)))) ==
          "Client ID not registered");
    CHECK(more_information(f.engine.decide(get_request(
              "/sandbox/weather/current", as("11111111111111111111111111111111", huge)))) ==
          "Client secret invalid");
}

// Found by fuzz/gateway_request.cpp: a raw control character in the query went on into the
// upstream's URL, and so onto the request line the gateway writes to the upstream.
TEST_CASE("the gateway engine refuses a target with a raw space, '#' or control character")
{
    EngineFixture f;
    for (const char* target :
         {"/sandbox/weather/current?x=1&y=\x1c", "/sandbox/weather/current?x=1\r\nHost: elsewhere",
          "/sandbox/weather/current?a b", "/sandbox/weather/current?x=1#top",
          "/sandbox/weather/current?x=\x7f"}) {
        INFO(std::string(target));
        CHECK(
            answer_of(f.engine.decide(get_request(target, as("11111111111111111111111111111111"))))
                .status == 400);
    }
}

// Found by fuzz/gateway_request.cpp: the path went to the upstream decoded, so "%3F" started a
// query there and "%20" put a space on the upstream's request line.
TEST_CASE("the gateway engine forwards the path it routed, percent-encoded again")
{
    const auto forwarded = [](const std::string& target) {
        EngineFixture f; // a fresh rate window for each call
        Decision decision =
            f.engine.decide(get_request(target, as("11111111111111111111111111111111")));
        REQUIRE(std::holds_alternative<Forward>(decision.action));
        return std::get<Forward>(decision.action).request.url;
    };
    CHECK(forwarded("/sandbox/weather/items/a%3Fb%20c%23d?zip=1+2") ==
          "http://up.example:8080/weather/items/a%3Fb%20c%23d?zip=1+2");
    CHECK(forwarded("/sandbox/weather/items/caf%C3%A9%25") ==
          "http://up.example:8080/weather/items/caf%C3%A9%25");
    // What a path segment may hold as it is stays so; needless encoding of it is undone.
    CHECK(forwarded("/sandbox/weather/items/a-b.c_d~e!$&'()*+,;=:@") ==
          "http://up.example:8080/weather/items/a-b.c_d~e!$&'()*+,;=:@");
    CHECK(forwarded("/sandbox/weather/items/%41%7e") == "http://up.example:8080/weather/items/A~");
}

TEST_CASE("the gateway engine says what each call reached: API, operation, product, plan")
{
    EngineFixture f;
    const Decision routed_nowhere = f.engine.decide(get_request("/sandbox/weather/nothing"));
    CHECK(routed_nowhere.facts.api.empty());
    CHECK(routed_nowhere.facts.operation.empty());

    const Decision unknown_app = f.engine.decide(
        get_request("/sandbox/weather/current", as("0123456789abcdef0123456789abcdef")));
    CHECK(unknown_app.facts.api == "weather");
    CHECK(unknown_app.facts.operation == "GET /current");
    CHECK(unknown_app.facts.product == "weather-product");
    CHECK(unknown_app.facts.plan.empty()); // no app, no subscription

    auto call = [&] {
        return f.engine.decide(
            get_request("/sandbox/weather/current", as("11111111111111111111111111111111")));
    };
    const Decision forwarded = call();
    CHECK(forwarded.facts.plan == "default");
    CHECK_FALSE(forwarded.facts.rate_limited);
    call();
    const Decision limited = call();
    CHECK(answer_of(limited).status == 429);
    CHECK(limited.facts.rate_limited);
    CHECK(limited.facts.plan == "default");
    CHECK(limited.app == "good");
}

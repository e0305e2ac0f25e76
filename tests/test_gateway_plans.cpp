// What a plan enforces at the gateway: all of its named limits (rate and burst, hard and
// soft), and which of the product's operations its subscribers may call.

#include "credentials/credentials.hpp"
#include "gateway/engine.hpp"
#include "gateway/rate_window.hpp"
#include "support/catalog_with_apps.hpp"
#include "support/engine_exchange.hpp"

#include <doctest/doctest.h>

#include <map>
#include <span>

using namespace apicat;
using namespace apicat::gateway;
using apicat::test::answer_of;
using apicat::test::more_information;

namespace {

const char* plans_weather_draft = R"({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1"},
  "basePath": "/weather",
  "paths": {
    "/current": {"get": {"operationId": "getCurrent", "responses": {"200": {"description": "OK"}}}},
    "/today": {"get": {"operationId": "getToday", "responses": {"200": {"description": "OK"}}}}
  },
  "securityDefinitions": {
    "id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id", "x-key-type": "client_id"}
  },
  "security": [{"id": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "http://up.example/w"}}]}}
})";

// Each plan has one app subscribed to it, named as the plan.
const char* plans_by_app = R"({
  "v5": {"rate-limit": {"value": "2/1hour", "hard-limit": true}},
  "two-limits": {"rate-limits": {"hourly": {"value": "100/1hour"}, "trial": {"value": "3/1week"}}},
  "soft": {"rate-limits": {"warn": {"value": "1/1hour", "hard-limit": false}}},
  "burst": {"rate-limits": {"hourly": {"value": "100/1hour"}},
            "burst-limits": {"second": {"value": "1/1second"}}},
  "current-only": {"apis": {"weather": {"operations": [{"operationId": "getCurrent"}]}}},
  "today-by-path": {"apis": {"weather": {"operations": [{"verb": "GET", "path": "/today"}]}}},
  "unlimited": {"rate-limits": {"default": {"value": "unlimited"}}},
  "per-operation": {"rate-limits": {"plan": {"value": "100/1hour"}},
                    "apis": {"weather": {"operations": [
                      {"operationId": "getCurrent", "rate-limit": {"value": "1/1hour"}},
                      {"operationId": "getToday"}]}}}
})";

apicat::test::CatalogWithApps catalog_with(const Json& product_plans)
{
    Json snapshot = {
        {"product", {{"apis", {{"weather", Json::object()}}}, {"plans", product_plans}}},
        {"apis",
         {{"weather",
           {{"file", "w.yaml"},
            {"openapi", "2.0"},
            {"base_path", "/weather"},
            {"document", Json::parse(plans_weather_draft)}}}}}};
    apicat::test::CatalogWithApps catalog;
    catalog.published.catalog = "sandbox";
    catalog.published.products = apicat::catalog::decode_products(
        {store::PublishedProduct{"sandbox", "weather-product", "1.0.0", "W", snapshot, ""}});
    for (const auto& [plan, body] : product_plans.items()) {
        store::App app;
        app.catalog = "sandbox";
        app.name = plan;
        app.client_id = plan + "-id";
        app.state = store::AppState::active;
        catalog.apps.push_back(app);
        catalog.subscriptions.push_back(
            {"sandbox", plan, "weather-product", plan, store::SubscriptionState::active});
    }
    return catalog;
}

struct PlansFixture {
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    std::int64_t now = 1'000'000'800; // 0 s into a second, 800 s into an hour
    apicat::test::CatalogWithApps catalog = catalog_with(Json::parse(plans_by_app));
    MemoryAppDirectory apps = catalog.directory();
    Engine engine{catalog.published, apps, *limiter, [this] { return now; }};

    Decision call(const std::string& app, const std::string& path = "/current")
    {
        return engine.decide(
            Request{"GET", "/sandbox/weather" + path, {{"X-IBM-Client-Id", app + "-id"}}, ""});
    }
};

std::map<std::string, std::string> headers_of(const std::vector<http::Header>& headers)
{
    std::map<std::string, std::string> map;
    for (const http::Header& header : headers) {
        map[header.name] = header.value;
    }
    return map;
}

bool forwarded(const Decision& decision)
{
    return std::holds_alternative<Forward>(decision.action);
}

} // namespace

TEST_CASE("a v5 plan's singular rate-limit refuses the call past it")
{
    PlansFixture f;
    CHECK(forwarded(f.call("v5")));
    CHECK(forwarded(f.call("v5")));
    Answer limited = answer_of(f.call("v5"));
    CHECK(limited.status == 429);
    CHECK(more_information(limited) ==
          "Rate limit exceeded: rate limit 'rate-limit' (2/1hour) of plan 'v5'");
    CHECK(headers_of(limited.headers)["X-RateLimit-Name"] == "rate-limit");
}

TEST_CASE("every named limit of a plan counts, and the 429 names the one used up")
{
    PlansFixture f;
    for (int i = 0; i < 3; ++i) {
        CHECK(forwarded(f.call("two-limits")));
    }
    Answer limited = answer_of(f.call("two-limits"));
    CHECK(limited.status == 429);
    CHECK(more_information(limited) ==
          "Rate limit exceeded: rate limit 'trial' (3/1week) of plan 'two-limits'");
    std::map<std::string, std::string> headers = headers_of(limited.headers);
    CHECK(headers["X-RateLimit-Name"] == "trial");
    CHECK(headers["X-RateLimit-Limit"] == "3");
    CHECK(headers["X-RateLimit-Remaining"] == "0");
    // The refused call took nothing from the hourly limit: three counted, and this one.
    CHECK(f.limiter
              ->take("sandbox/two-limits/weather-product/two-limits/rate/hourly",
                     product::parse_rate_limit("100/1hour"), f.now)
              .remaining == 96);
}

TEST_CASE("a burst limit refuses within its short window and lets the next one in")
{
    PlansFixture f;
    CHECK(forwarded(f.call("burst")));
    Answer limited = answer_of(f.call("burst"));
    CHECK(more_information(limited) ==
          "Rate limit exceeded: burst limit 'second' (1/1second) of plan 'burst'");
    CHECK(headers_of(limited.headers)["Retry-After"] == "1");
    f.now += 1;
    CHECK(forwarded(f.call("burst")));
}

TEST_CASE("a soft limit lets the call past it through, counted, and says so in a header")
{
    PlansFixture f;
    Decision first = f.call("soft");
    REQUIRE(forwarded(first));
    CHECK(std::get<Forward>(first.action).response_headers.empty());
    for (int i = 0; i < 2; ++i) {
        Decision past = f.call("soft");
        REQUIRE(forwarded(past));
        CHECK(headers_of(std::get<Forward>(past.action).response_headers)["X-RateLimit-Exceeded"] ==
              "warn");
    }
    CHECK(f.limiter
              ->take("sandbox/soft/weather-product/soft/rate/warn",
                     product::parse_rate_limit("10/1hour"), f.now)
              .remaining == 6); // three counted, and this one
}

TEST_CASE("a plan that lists operations admits only those, and names itself when it refuses")
{
    PlansFixture f;
    CHECK(forwarded(f.call("current-only", "/current")));
    Answer refused = answer_of(f.call("current-only", "/today"));
    CHECK(refused.status == 403);
    CHECK(more_information(refused) ==
          "Plan 'current-only' of product 'weather-product' does not include GET /today of API "
          "'weather'");
    CHECK(forwarded(f.call("today-by-path", "/today")));
    CHECK(answer_of(f.call("today-by-path", "/current")).status == 403);
    CHECK(forwarded(f.call("unlimited", "/today")));
}

TEST_CASE("an operation's own limits in a plan replace the plan's for that operation")
{
    PlansFixture f;
    CHECK(forwarded(f.call("per-operation", "/current")));
    Answer limited = answer_of(f.call("per-operation", "/current"));
    CHECK(more_information(limited) ==
          "Rate limit exceeded: rate limit 'rate-limit' (1/1hour) of plan 'per-operation'");
    for (int i = 0; i < 3; ++i) {
        CHECK(forwarded(f.call("per-operation", "/today"))); // the plan's 100/1hour
    }
}

TEST_CASE("a published plan that no longer reads admits none of its subscribers' calls")
{
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    apicat::test::CatalogWithApps catalog =
        catalog_with(Json::parse(R"({"v5": {"rate-limit": {"value": "lots"}}})"));
    const MemoryAppDirectory apps = catalog.directory();
    Engine engine(catalog.published, apps, *limiter, [] { return std::int64_t{0}; });
    Answer refused = answer_of(engine.decide(
        Request{"GET", "/sandbox/weather/current", {{"X-IBM-Client-Id", "v5-id"}}, ""}));
    CHECK(refused.status == 500);
    CHECK(more_information(refused).find("publish the product again") != std::string::npos);
}

TEST_CASE("several windows count a call together, or not at all when a hard one is full")
{
    const product::RateLimit one = product::parse_rate_limit("1/1hour");
    const product::RateLimit five = product::parse_rate_limit("5/1hour");
    std::vector<std::optional<store::RateWindow>> windows(3);
    const std::vector<RateCount> counts = {
        {"a", &five, true}, {"b", &one, false}, {"c", &one, true}};
    std::vector<RateVerdict> verdicts(3);
    take_calls(windows, counts, 3600, verdicts);
    CHECK(verdicts[0].allowed);
    CHECK(verdicts[0].remaining == 4);
    CHECK(windows[1]->count == 1);
    take_calls(windows, counts, 3601, verdicts);
    CHECK_FALSE(verdicts[2].allowed); // the hard one is full: nothing counts
    CHECK(windows[0]->count == 1);
    CHECK(windows[1]->count == 1);
    take_calls(std::span(windows).first(2), std::span(counts).first(2), 3602, verdicts);
    CHECK_FALSE(verdicts[1].allowed); // the soft one is past its count, and counts it
    CHECK(windows[1]->count == 2);
    CHECK(windows[0]->count == 2);
}

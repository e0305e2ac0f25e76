// Plans as API Connect's v5 and v10 product files write them: every form of limit, plan
// contents, and the one reader the gateway shares with the product file.

#include "product/plan.hpp"
#include "product/product.hpp"

#include "errors.hpp"
#include "openapi/source.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace apicat;
using namespace apicat::product;

namespace {

Product product_of(const std::string& plans)
{
    return product_from_source(openapi::source_from_text("product.yaml", R"(product: 1.0.0
info: {name: weather-product, title: Weather Product, version: 1.0.0}
apis:
  weather-provider-api1.0.0: {name: 'weather-provider-api:1.0.0'}
  forecast-api: {$ref: forecast.yaml}
plans:
)" + plans));
}

std::string plans_error(const std::string& plans)
{
    try {
        product_of(plans);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

openapi::Operation operation(const std::string& method, const std::string& path,
                             const std::string& id)
{
    return openapi::Operation{{method, path}, id, {"paths", path, "get"}};
}

} // namespace

TEST_CASE("a v5 plan's singular rate-limit is a limit, not unlimited")
{
    Plan plan = product_of("  default:\n    rate-limit:\n      value: 10/1hour\n"
                           "      hard-limit: true\n")
                    .plans.front();
    REQUIRE(plan.limits.size() == 1);
    CHECK(plan.limits[0].name == "rate-limit");
    CHECK(plan.limits[0].kind == LimitKind::rate);
    CHECK(plan.limits[0].rate.count == 10);
    CHECK(plan.limits[0].rate.window_seconds == 3600);
    CHECK(plan.limits[0].hard);
    CHECK(limits_text(plan.limits) == "10/1hour");
}

TEST_CASE("a plan keeps every named rate and burst limit, and which are soft")
{
    Plan plan = product_of(R"(  gold:
    rate-limits:
      hourly: {value: 1000/1hour}
      daily: {value: 5000/1day, hard-limit: false}
    burst-limits:
      second: {value: 20/1second}
)")
                    .plans.front();
    REQUIRE(plan.limits.size() == 3);
    CHECK(plan.limits[0].name == "hourly");
    CHECK(plan.limits[0].hard);
    CHECK(plan.limits[1].name == "daily");
    CHECK_FALSE(plan.limits[1].hard);
    CHECK(plan.limits[2].name == "second");
    CHECK(plan.limits[2].kind == LimitKind::burst);
    CHECK(plan.limits[2].rate.window_seconds == 1);
    CHECK(plan.limits[2].describe() == "burst limit 'second' (20/1second)");
    CHECK(limits_text(plan.limits) ==
          "hourly 1000/1hour, daily 5000/1day (soft), burst second 20/1second");
}

TEST_CASE("a plan's apis name the apis and operations its subscribers may call")
{
    Product product = product_of(R"(  all: {}
  forecast:
    apis:
      forecast-api: {}
  current:
    apis:
      weather-provider-api1.0.0:
        operations:
          - operationId: getCurrent
            rate-limits: {fast: {value: 5/1minute}}
          - operation: get
            path: /today
          - {verb: DELETE, path: /cache}
)");
    const openapi::Operation current = operation("GET", "/current", "getCurrent");
    const openapi::Operation today = operation("GET", "/today", "");
    const openapi::Operation tomorrow = operation("GET", "/tomorrow", "getTomorrow");
    CHECK_FALSE(product.plans[0].apis);
    CHECK(product.plans[0].admits("weather-provider-api1.0.0", tomorrow));
    CHECK(product.plans[1].admits("forecast-api", tomorrow));
    CHECK_FALSE(product.plans[1].admits("weather-provider-api1.0.0", current));
    const Plan& listed = product.plans[2];
    CHECK(listed.admits("weather-provider-api1.0.0", current));
    CHECK(listed.admits("weather-provider-api1.0.0", today));
    CHECK(listed.admits("weather-provider-api1.0.0", operation("DELETE", "/cache", "")));
    CHECK_FALSE(listed.admits("weather-provider-api1.0.0", tomorrow));
    CHECK_FALSE(listed.admits("forecast-api", current));
    CHECK(listed.apis->front().operations[1].describe() == "GET /today");
    REQUIRE(listed.listed("weather-provider-api1.0.0", current) != nullptr);
    CHECK(listed.listed("weather-provider-api1.0.0", current)->limits[0].name == "fast");
    CHECK(listed.listed("weather-provider-api1.0.0", today)->limits.empty());
    CHECK(listed.listed("weather-provider-api1.0.0", tomorrow) == nullptr);
}

TEST_CASE("a defect in a plan's limits or contents is reported at its line")
{
    CHECK(plans_error("  default:\n    rate-limit: {value: 10/1hour, hard-limit: 'yes'}\n") ==
          "product.yaml:8:47: expected 'plans.default.rate-limit.hard-limit' to be true or "
          "false, found a string");
    CHECK(plans_error("  default:\n    rate-limit: 10/1hour\n") ==
          "product.yaml:8:17: expected 'plans.default.rate-limit' to be a mapping, found a "
          "string");
    CHECK(plans_error("  default:\n    burst-limits: {b: {value: 10/1fortnight}}\n") ==
          "product.yaml:8:31: invalid rate limit '10/1fortnight': unknown time unit 'fortnight'");
    CHECK(plans_error("  default:\n    apis: {weather-api: {}}\n") ==
          "product.yaml:8:25: the plan includes api 'weather-api', which the product does not "
          "list");
    CHECK(plans_error("  default:\n    apis: {forecast-api: {operations: [{path: /x}]}}\n") ==
          "product.yaml:8:40: missing 'plans.default.apis.forecast-api.operations.0.operation'");
}

TEST_CASE("the gateway reads a published product's plans with the same reader")
{
    const Json document = Json::parse(R"({"apis": {"a": {}}, "plans": {
        "default": {"rate-limit": {"value": "10/1hour"}, "apis": {"a": {}}}}})");
    std::vector<Plan> plans = published_plans(document, "published product p:1");
    REQUIRE(plans.size() == 1);
    CHECK(plans[0].limits[0].rate.count == 10);
    CHECK(plans[0].apis->front().name == "a");
    try {
        published_plans(Json::parse(R"({"plans": {"p": {"rate-limit": {"value": "lots"}}}})"),
                        "published product p:1");
        FAIL("an unreadable limit was read");
    } catch (const Error& e) {
        CHECK(std::string(e.what()).rfind("published product p:1: invalid rate limit 'lots'", 0) ==
              0);
    }
}

TEST_CASE("a product's version may be quoted, and its visibility is kept")
{
    Product product =
        product_from_source(openapi::source_from_text("product.yaml", R"(product: '1.0.0'
info: {name: p, title: P, version: 1.0.0}
visibility:
  view: {type: public, enabled: true}
  subscribe: {type: authenticated, enabled: true}
apis: {a: {$ref: a.yaml}}
plans: {default: {}}
)"));
    CHECK(product.visibility.view == "public");
    CHECK(product.visibility.subscribe == "authenticated");
    CHECK(product.visibility.document["visibility"]["view"]["enabled"] == true);
}

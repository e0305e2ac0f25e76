// The assembly as apicat's gateway runs it, through the engine: which upstream each operation
// calls, with what URL, verb, timeout and headers.

#include "credentials/credentials.hpp"
#include "gateway/engine.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;

namespace {

// A public API (no security, so the engine's checks stay out of the way) with the given
// assembly `execute` and x-ibm-configuration members.
Json draft_with(const Json& execute, const Json& configuration = Json::object())
{
    Json draft = Json::parse(R"({
      "swagger": "2.0",
      "info": {"title": "Weather", "version": "1.0.0", "x-ibm-name": "weather-provider-api"},
      "basePath": "/weather",
      "paths": {
        "/current": {"get": {"operationId": "getCurrent",
          "parameters": [{"name": "zipcode", "in": "query", "type": "string"}],
          "responses": {"200": {"description": "OK"}}}},
        "/today": {"get": {"operationId": "getToday",
          "parameters": [{"$ref": "#/parameters/zipcode"}],
          "responses": {"200": {"description": "OK"}}}},
        "/items/{id}": {"parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
          "get": {"operationId": "getItem", "responses": {"200": {"description": "OK"}}},
          "post": {"operationId": "addItem", "responses": {"200": {"description": "OK"}}}}
      },
      "parameters": {"zipcode": {"name": "zipcode", "in": "query", "type": "string"}}
    })");
    draft["x-ibm-configuration"] = configuration;
    draft["x-ibm-configuration"]["assembly"]["execute"] = execute;
    return draft;
}

CatalogSnapshot catalog_of(const Json& draft, const std::string& catalog = "sandbox")
{
    Json snapshot = {{"product", Json::parse(R"({"plans": {"default": {}}})")},
                     {"apis",
                      {{"weather",
                        {{"file", "w.yaml"},
                         {"openapi", "2.0"},
                         {"base_path", "/weather"},
                         {"document", draft}}}}}};
    CatalogSnapshot snapshot_of_catalog;
    snapshot_of_catalog.catalog = catalog;
    snapshot_of_catalog.products = apicat::catalog::decode_products(
        {store::PublishedProduct{catalog, "weather-product", "1.0.0", "W", snapshot, ""}});
    return snapshot_of_catalog;
}

struct FlowGateway {
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    const MemoryAppDirectory apps{"sandbox", {}, {}}; // the flows tested here are public
    Engine engine;

    explicit FlowGateway(const Json& draft, const std::string& catalog = "sandbox")
        : engine(catalog_of(draft, catalog), apps, *limiter,
                 [] { return std::int64_t{1'000'000'000}; })
    {
    }

    Decision call(const std::string& method, const std::string& target,
                  std::vector<http::Header> headers = {}) const
    {
        return engine.decide(Request{method, target, std::move(headers), ""});
    }

    Forward forward(const std::string& method, const std::string& target,
                    std::vector<http::Header> headers = {}) const
    {
        Decision decision = call(method, target, std::move(headers));
        REQUIRE_MESSAGE(std::holds_alternative<Forward>(decision.action),
                        std::get<Answer>(decision.action).body);
        return std::get<Forward>(decision.action);
    }

    std::string url(const std::string& method, const std::string& target) const
    {
        return forward(method, target).request.url;
    }
};

Json invoke_step(const std::string& target_url)
{
    return {{"invoke", {{"title", "invoke"}, {"target-url", target_url}}}};
}

std::optional<std::string> forwarded_header(const Forward& forward, const std::string& name)
{
    for (const http::Header& h : forward.request.headers) {
        if (h.name == name) {
            return h.value;
        }
    }
    return std::nullopt;
}

} // namespace

TEST_CASE("an operation-switch calls each operation's own invoke, by verb and path or by id")
{
    Json execute = Json::array(
        {{{"operation-switch",
           {{"case",
             {{{"operations", {{{"verb", "get"}, {"path", "/current"}}}},
               {"execute",
                {invoke_step("http://up.test/current?zipcode=$(request.parameters.zipcode)")}}},
              {{"operations", {"getToday"}},
               {"execute",
                {invoke_step("http://up.test/today?zipcode=$(request.parameters.zipcode)")}}}}},
            {"otherwise", {invoke_step("http://other.test$(request.path)")}}}}}});
    FlowGateway gateway(draft_with(execute));
    CHECK(gateway.url("GET", "/sandbox/weather/current?zipcode=90210") ==
          "http://up.test/current?zipcode=90210");
    CHECK(gateway.url("GET", "/sandbox/weather/today?zipcode=10001&x=1") ==
          "http://up.test/today?zipcode=10001");
    CHECK(gateway.url("GET", "/sandbox/weather/items/7") == "http://other.test/weather/items/7");
    // A parameter's value goes into the URL percent-encoded; an absent one is empty.
    CHECK(gateway.url("GET", "/sandbox/weather/current?zipcode=a%26b") ==
          "http://up.test/current?zipcode=a%26b");
    CHECK(gateway.url("GET", "/sandbox/weather/current") == "http://up.test/current?zipcode=");
}

TEST_CASE("a v5 switch routes by operations, and its otherwise is its last case")
{
    Json execute = Json::array(
        {{{"switch",
           {{"case",
             {{{"operations", {"getCurrent"}},
               {"execute", {invoke_step("http://current.test$(request.path)")}}},
              {{"otherwise",
                {invoke_step("http://rest.test$(request.path)$(request.search)")}}}}}}}}});
    FlowGateway gateway(draft_with(execute));
    CHECK(gateway.url("GET", "/sandbox/weather/current") == "http://current.test/weather/current");
    CHECK(gateway.url("GET", "/sandbox/weather/today?zipcode=1") ==
          "http://rest.test/weather/today?zipcode=1");
}

TEST_CASE("a v2018 switch routes by $httpVerb() and $operationPath() conditions")
{
    Json execute = Json::array(
        {{{"switch",
           {{"version", "2.0.0"},
            {"case",
             {{{"condition", "($httpVerb() = 'GET' and $operationPath() = '/items/{id}')"},
               {"execute", {invoke_step("http://read.test/items/$(request.parameters.id)")}}},
              {{"condition", "$httpVerb() = 'POST' or $operationID() = 'getToday'"},
               {"execute", {invoke_step("http://write.test$(api.operation.path)")}}}}},
            {"otherwise", {invoke_step("http://fallback.test$(api.root)")}}}}}});
    FlowGateway gateway(draft_with(execute));
    CHECK(gateway.url("GET", "/sandbox/weather/items/a%20b") == "http://read.test/items/a%20b");
    CHECK(gateway.url("POST", "/sandbox/weather/items/7") == "http://write.test/items/{id}");
    CHECK(gateway.url("GET", "/sandbox/weather/today") == "http://write.test/today");
    CHECK(gateway.url("GET", "/sandbox/weather/current") == "http://fallback.test/weather");
}

TEST_CASE("API properties fill the target-url, each catalog's own value first")
{
    Json configuration = Json::parse(R"({
      "properties": {"TARGET_HOST": {"value": "http://main.test:8080", "description": "x"},
                     "retries": {"value": 3}},
      "catalogs": {"staging": {"properties": {"TARGET_HOST": "http://staging.test"}}}
    })");
    Json execute =
        Json::array({{{"gatewayscript", {{"source", "x"}}}},
                     invoke_step("$(TARGET_HOST)$(request.path)?r=$(api.properties.retries)")});
    CHECK(FlowGateway(draft_with(execute, configuration)).url("GET", "/sandbox/weather/current") ==
          "http://main.test:8080/weather/current?r=3");
    CHECK(FlowGateway(draft_with(execute, configuration), "staging")
              .url("GET", "/staging/weather/current") == "http://staging.test/weather/current?r=3");
}

TEST_CASE("set-variable sets and clears the headers the upstream sees, never a credential")
{
    Json draft = draft_with(Json::array(
        {{{"set-variable",
           {{"actions",
             {{{"set", "message.headers.X-Units"}, {"value", "imperial"}},
              {{"set", "message.headers.X-Api"}, {"value", "$(api.name) $(api.catalog.name)"}},
              {{"clear", "message.headers.X-Debug"}},
              {{"add", "message.headers.X-Tag"}, {"value", "two"}}}}}}},
         invoke_step("http://up.test$(request.path)")}));
    draft["securityDefinitions"] =
        Json::parse(R"({"id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id"}})");
    FlowGateway gateway(draft);
    Forward forward = gateway.forward(
        "GET", "/sandbox/weather/current",
        {{"X-Units", "metric"}, {"X-Debug", "1"}, {"X-Tag", "one"}, {"X-IBM-Client-Id", "abc"}});
    CHECK(forwarded_header(forward, "X-Units") == "imperial");
    CHECK(forwarded_header(forward, "X-Api") == "weather-provider-api sandbox");
    CHECK_FALSE(forwarded_header(forward, "X-Debug"));
    CHECK_FALSE(forwarded_header(forward, "X-IBM-Client-Id"));
    int tags = 0;
    for (const http::Header& h : forward.request.headers) {
        tags += h.name == "X-Tag" ? 1 : 0;
    }
    CHECK(tags == 2);
}

TEST_CASE("a throw ends the call with its status and message, before any invoke")
{
    Json execute = Json::array(
        {{{"operation-switch",
           {{"case",
             {{{"operations", {"addItem"}},
               {"execute",
                {{{"throw",
                   {{"name", "ReadOnly"},
                    {"message", "items are read-only"},
                    {"error-status-code", 403}}}}}}},
              {{"operations", {"getItem"}}, {"execute", {{{"throw", {{"name", "Gone"}}}}}}}}}}}},
         invoke_step("http://up.test$(request.path)")});
    FlowGateway gateway(draft_with(execute));
    Decision refused = gateway.call("POST", "/sandbox/weather/items/1");
    REQUIRE(std::holds_alternative<Answer>(refused.action));
    CHECK(std::get<Answer>(refused.action).status == 403);
    CHECK(Json::parse(std::get<Answer>(refused.action).body)["moreInformation"] ==
          "items are read-only");
    Decision gone = gateway.call("GET", "/sandbox/weather/items/1");
    CHECK(std::get<Answer>(gone.action).status == 500);
    CHECK(Json::parse(std::get<Answer>(gone.action).body)["moreInformation"] == "Gone");
    CHECK(gateway.url("GET", "/sandbox/weather/current") == "http://up.test/weather/current");
}

TEST_CASE("an invoke's verb, timeout, header-control and parameter-control are honoured")
{
    Json execute = Json::array(
        {{{"proxy",
           {{"target-url", "http://up.test/search"},
            {"verb", "POST"},
            {"timeout", "2.5"},
            {"header-control", {{"type", "allowlist"}, {"values", {"^accept$", "^x-keep"}}}},
            {"parameter-control", {{"type", "whitelist"}, {"values", {"^zipcode$"}}}}}}}});
    FlowGateway gateway(draft_with(execute));
    Forward forward =
        gateway.forward("GET", "/sandbox/weather/current?zipcode=90210&debug=1",
                        {{"Accept", "text/plain"}, {"X-Keep-Me", "1"}, {"X-Drop", "1"}});
    CHECK(forward.request.method == "POST");
    CHECK(forward.request.timeout == std::chrono::milliseconds(2500));
    CHECK(forward.request.url == "http://up.test/search?zipcode=90210");
    CHECK(forwarded_header(forward, "Accept") == "text/plain");
    CHECK(forwarded_header(forward, "X-Keep-Me") == "1");
    CHECK_FALSE(forwarded_header(forward, "X-Drop"));

    Json blocking =
        Json::array({{{"invoke",
                       {{"target-url", "http://up.test/s?a=1"},
                        {"verb", "keep"},
                        {"header-control", {{"type", "blocklist"}, {"values", {"^x-drop$"}}}},
                        {"parameter-control", {{"type", "blocklist"}, {"values", {"debug"}}}}}}}});
    Forward kept = FlowGateway(draft_with(blocking))
                       .forward("GET", "/sandbox/weather/current?zipcode=1&debug=1",
                                {{"X-Drop", "1"}, {"X-Other", "2"}});
    CHECK(kept.request.method == "GET");
    CHECK(kept.request.timeout == std::chrono::milliseconds(60000));
    CHECK(kept.request.url == "http://up.test/s?a=1&zipcode=1");
    CHECK_FALSE(forwarded_header(kept, "X-Drop"));
    CHECK(forwarded_header(kept, "X-Other") == "2");
}

TEST_CASE("an operation no invoke reaches answers an empty 200, as API Connect's gateway does")
{
    Json execute = Json::array(
        {{{"operation-switch",
           {{"case",
             {{{"operations", {"getCurrent"}}, {"execute", {invoke_step("http://up.test/c")}}}}},
            {"otherwise", Json::array()}}}}});
    FlowGateway gateway(draft_with(execute));
    CHECK(gateway.url("GET", "/sandbox/weather/current") == "http://up.test/c");
    Decision nothing = gateway.call("GET", "/sandbox/weather/today");
    REQUIRE(std::holds_alternative<Answer>(nothing.action));
    CHECK(std::get<Answer>(nothing.action).status == 200);
    CHECK(std::get<Answer>(nothing.action).body.empty());
}

TEST_CASE("a set-variable after the invoke does not change the request")
{
    Json draft = draft_with(
        Json::array({invoke_step("http://up.test"),
                     {{"set-variable",
                       {{"actions", {{{"set", "message.headers.X-After"}, {"value", "1"}}}}}}}}));
    Forward forward = FlowGateway(draft).forward("GET", "/sandbox/weather/current");
    CHECK_FALSE(forwarded_header(forward, "X-After"));
}

TEST_CASE("a parameter set into a header cannot add a header of its own")
{
    Json draft = draft_with(Json::array(
        {{{"set-variable",
           {{"actions",
             {{{"set", "message.headers.X-Zip"}, {"value", "$(request.parameters.zipcode)"}}}}}}},
         invoke_step("http://up.test")}));
    Forward forward = FlowGateway(draft).forward(
        "GET", "/sandbox/weather/current?zipcode=1%0D%0AX-Injected:%20yes");
    CHECK(forwarded_header(forward, "X-Zip") == "1X-Injected: yes");
    CHECK_FALSE(forwarded_header(forward, "X-Injected"));
}

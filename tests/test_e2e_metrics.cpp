// End to end: `apicat gateway serve`'s metrics, counted over real calls and checked by
// Prometheus's own promtool (Debian's prometheus package).

#include "support/apicat_in.hpp"
#include "support/app_call.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>

using apicat::test::apicat_ok;
using apicat::test::call_as_app;
using apicat::test::publish_weather;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

bool has_line_after_first(const std::string& text, const std::string& line)
{
    return text.find("\n" + line + "\n") != std::string::npos;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("gateway serve's metrics count calls, latencies and refusals, and promtool accepts "
              "them")
    {
        ScratchDir dir;
        TestServer upstream([](httplib::Server& server) {
            server.Get("/weather/current",
                       [](const httplib::Request&, httplib::Response& response) {
                           response.set_content(R"({"temperature": 72})", "application/json");
                       });
        });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        // Two calls an hour, so that the third is refused.
        apicat_ok(dir, {"product", "create", "weather-product.yaml", "--title", "Weather Product",
                        "--api", "weather.yaml", "--plan", "default:2/1hour", "--force"});
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        const Json app =
            Json::parse(apicat_ok(dir, {"app", "register", "weather-app", "--subscribe",
                                        "weather-product", "-o", "json"}));
        const std::string id = app["client_id"];
        const std::string secret = app["client_secret"];

        ServeProcess gateway(dir);
        CHECK(gateway.log().find("metrics for Prometheus at " + gateway.url("/-/metrics")) !=
              std::string::npos);
        const std::string url = gateway.url("/sandbox/weather/current?zipcode=90210");
        CHECK(call_as_app(url, id, secret).status == 200);
        CHECK(call_as_app(url, id, secret).status == 200);
        CHECK(call_as_app(url, id, secret).status == 429);
        CHECK(call_as_app(url, "0123456789abcdef0123456789abcdef", secret).status == 401);
        CHECK(call_as_app(gateway.url("/sandbox/nowhere"), id, secret).status == 404);

        apicat::http::Request scrape;
        scrape.url = gateway.url("/-/metrics");
        scrape.timeout = 5s;
        const apicat::http::Response metrics = apicat::http::Client().send(scrape);
        REQUIRE(metrics.status == 200);
        const std::string& text = metrics.body;
        INFO(text);
        const std::string labels =
            R"(catalog="sandbox",api="weather-provider-api",operation="GET /current")";
        CHECK(has_line_after_first(text, "apicat_gateway_requests_total{" + labels +
                                             R"(,status="200",app="weather-app"} 2)"));
        CHECK(has_line_after_first(text, "apicat_gateway_requests_total{" + labels +
                                             R"(,status="429",app="weather-app"} 1)"));
        CHECK(has_line_after_first(text, "apicat_gateway_requests_total{" + labels +
                                             R"(,status="401",app=""} 1)"));
        CHECK(has_line_after_first(text,
                                   R"(apicat_gateway_requests_total{catalog="sandbox",api="",)"
                                   R"(operation="",status="404",app=""} 1)"));
        CHECK(has_line_after_first(text, "apicat_gateway_request_duration_seconds_count{" + labels +
                                             "} 4"));
        // Only the two calls that reached the upstream.
        CHECK(has_line_after_first(text, "apicat_gateway_upstream_duration_seconds_count{" +
                                             labels + "} 2"));
        CHECK(has_line_after_first(text,
                                   "apicat_gateway_rate_limit_refusals_total{catalog=\"sandbox\","
                                   "api=\"weather-provider-api\",product=\"weather-product\","
                                   "plan=\"default\",app=\"weather-app\"} 1"));
        // The scrape itself is not a call of the catalog.
        CHECK(text.find("/-/") == std::string::npos);

        const RunResult promtool =
            run_process("/usr/bin/promtool", {"check", "metrics"}, dir.path(), text);
        INFO("promtool: ", promtool.out, promtool.err);
        CHECK(promtool.exit_code == 0);
    }
}

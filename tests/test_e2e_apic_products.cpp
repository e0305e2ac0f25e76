// End to end: product files in the shapes API Connect writes (tests/fixtures/apic/product-*),
// published and called through `apicat invoke` and `apicat gateway serve`, with real apps.

#include "support/apicat_in.hpp"
#include "support/recording_upstream.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>

using apicat::test::apicat_ok;
using apicat::test::RecordingUpstream;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::source_file;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace fs = std::filesystem;

namespace {

// Copies a fixture folder into `dir`, its drafts calling `upstream` (for UPSTREAM_URL).
void copy_fixture(const ScratchDir& dir, const std::string& fixture, const std::string& upstream)
{
    const fs::path from = fs::path(APICAT_SOURCE_DIR) / "tests/fixtures/apic" / fixture;
    for (const auto& entry : fs::recursive_directory_iterator(from)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        const std::string relative = fs::relative(entry.path(), from).generic_string();
        std::string text = source_file("tests/fixtures/apic/" + fixture + "/" + relative);
        for (auto at = text.find("UPSTREAM_URL"); at != std::string::npos;
             at = text.find("UPSTREAM_URL")) {
            text.replace(at, 12, upstream);
        }
        dir.write(relative, text);
    }
}

struct App {
    std::string id;
    std::string secret;
};

App register_app(const ScratchDir& dir, const std::string& name, const std::string& subscribe)
{
    Json app = Json::parse(
        apicat_ok(dir, {"app", "register", name, "--subscribe", subscribe, "-o", "json"}));
    return App{app["client_id"], app["client_secret"]};
}

// `apicat invoke` as the app: the response as -o json prints it.
Json invoke_as(const ScratchDir& dir, const App& app, const std::string& target)
{
    RunResult result = run_apicat({"invoke", "GET", target, "--client-id", app.id,
                                   "--client-secret", app.secret, "-o", "json"},
                                  dir.path());
    INFO(result.err);
    REQUIRE_FALSE(result.out.empty());
    return Json::parse(result.out);
}

std::string information(const Json& response)
{
    return response["body"]["moreInformation"];
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a v5 plan's singular rate-limit of 10/1hour refuses the 11th call of an app")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        copy_fixture(dir, "product-v5-singular-rate-limit", upstream.url("/current"));

        std::string shown = apicat_ok(dir, {"product", "show", "weather-product_1.0.0.yaml"});
        CHECK(shown.find("default: 10/1hour") != std::string::npos);
        CHECK(shown.find("weather-provider-api1.0.0 → weather-provider-api:1.0.0 "
                         "(weather-provider-api_1.0.0.yaml)") != std::string::npos);
        CHECK(shown.find("visibility: view public, subscribe authenticated") != std::string::npos);
        apicat_ok(dir, {"publish", "weather-product_1.0.0.yaml"});

        App app = register_app(dir, "weather-app", "weather-product");
        for (int call = 1; call <= 10; ++call) {
            CAPTURE(call);
            CHECK(invoke_as(dir, app, "/weather/current?zipcode=90210")["status"] == 200);
        }
        Json limited = invoke_as(dir, app, "/weather/current?zipcode=90210");
        CHECK(limited["status"] == 429);
        CHECK(information(limited) ==
              "Rate limit exceeded: rate limit 'rate-limit' (10/1hour) of plan 'default'");
        CHECK(limited["headers"]["X-RateLimit-Name"] == "rate-limit");
        CHECK(limited["headers"]["X-RateLimit-Limit"] == "10");
        CHECK(limited["headers"]["X-RateLimit-Remaining"] == "0");
        CHECK(std::stoi(limited["headers"]["Retry-After"].get<std::string>()) > 0);
        CHECK(recording.seen().find("X-IBM-Client-Secret") == std::string::npos);
    }

    TEST_CASE("a v10 product's plans: two named limits, a soft limit, and operation subsets")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        copy_fixture(dir, "product-v10-plans", upstream.url("/weather"));
        apicat_ok(dir, {"publish", "weather-plans_1.0.0.yaml"});

        // The smaller of two limits trips, whichever is listed first, and the 429 names it.
        App two = register_app(dir, "two", "weather-plans:two-limits");
        for (int call = 1; call <= 3; ++call) {
            CHECK(invoke_as(dir, two, "/weather/current?zipcode=1")["status"] == 200);
        }
        Json limited = invoke_as(dir, two, "/weather/current?zipcode=1");
        CHECK(limited["status"] == 429);
        CHECK(information(limited) ==
              "Rate limit exceeded: rate limit 'trial' (3/1week) of plan 'two-limits'");
        CHECK(limited["headers"]["X-RateLimit-Name"] == "trial");
        CHECK(limited["headers"]["X-RateLimit-Limit"] == "3");

        // A soft limit lets the call past it through, and says so.
        App soft = register_app(dir, "soft", "weather-plans:soft");
        Json within = invoke_as(dir, soft, "/weather/current?zipcode=1");
        CHECK(within["status"] == 200);
        CHECK_FALSE(within["headers"].contains("X-RateLimit-Exceeded"));
        invoke_as(dir, soft, "/weather/current?zipcode=1");
        Json past = invoke_as(dir, soft, "/weather/current?zipcode=1");
        CHECK(past["status"] == 200);
        CHECK(past["headers"]["X-RateLimit-Exceeded"] == "warn");

        // A plan that lists operations admits only those.
        App current = register_app(dir, "current", "weather-plans:current-only");
        CHECK(invoke_as(dir, current, "/weather/current?zipcode=1")["status"] == 200);
        Json refused = invoke_as(dir, current, "/weather/today?zipcode=1");
        CHECK(refused["status"] == 403);
        CHECK(information(refused) == "Plan 'current-only' of product 'weather-plans' does not "
                                      "include GET /today of API 'weather-provider-api1.0.0'");
        App today = register_app(dir, "today", "weather-plans:today-by-path");
        CHECK(invoke_as(dir, today, "/weather/today?zipcode=1")["status"] == 200);
        CHECK(invoke_as(dir, today, "/weather/current?zipcode=1")["status"] == 403);

        // gateway serve relays the soft limit's header too (it counts in memory, afresh).
        ServeProcess gateway(dir);
        apicat::http::Request request;
        request.url = gateway.url("/sandbox/weather/current?zipcode=1");
        request.headers = {{"X-IBM-Client-Id", soft.id}, {"X-IBM-Client-Secret", soft.secret}};
        request.timeout = 5s;
        apicat::http::Response served;
        for (int call = 1; call <= 3; ++call) {
            served = apicat::http::Client().send(request);
            CHECK(served.status == 200);
        }
        bool flagged = false;
        for (const auto& header : served.headers) {
            flagged = flagged || (header.name == "X-RateLimit-Exceeded" && header.value == "warn");
        }
        CHECK(flagged);
    }

    TEST_CASE("a name reference that matches no draft fails the publish, naming the candidates")
    {
        ScratchDir dir;
        copy_fixture(dir, "product-name-reference-mismatch", "http://127.0.0.1:9/");
        RunResult result = run_apicat({"publish", "weather-product_2.0.0.yaml"}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("apicat: error: weather-product_2.0.0.yaml: api "
                              "'weather-provider-api2.0.0': no draft in . is "
                              "'weather-provider-api:2.0.0'") != std::string::npos);
        CHECK(result.err.find("the drafts there: weather-provider-api:1.0.0 "
                              "(weather-provider-api_1.0.0.yaml)") != std::string::npos);
    }

    TEST_CASE("a plan that lists an operation its api does not have fails the publish")
    {
        ScratchDir dir;
        copy_fixture(dir, "product-v10-plans", "http://127.0.0.1:9/");
        std::string product = dir.read("weather-plans_1.0.0.yaml");
        product.replace(product.find("operationId: getCurrent"), 23, "operationId: getCurent");
        dir.write("weather-plans_1.0.0.yaml", product);
        RunResult result = run_apicat({"publish", "weather-plans_1.0.0.yaml"}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("plan 'current-only' lists operation getCurent of api "
                              "'weather-provider-api1.0.0', which it does not have") !=
              std::string::npos);
        CHECK(result.err.find("its operations: getCurrent (GET /current), getToday (GET /today)") !=
              std::string::npos);
    }

    TEST_CASE("a product written on Windows and a JSON product publish and serve their drafts")
    {
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });

        ScratchDir windows;
        copy_fixture(windows, "product-windows-refs", upstream.url("/windows"));
        apicat_ok(windows, {"publish", "weather-product.yaml"});
        CHECK(apicat_ok(windows, {"invoke", "GET", "/weather/current?zipcode=1", "--test-app"})
                  .find("72") != std::string::npos);

        ScratchDir json;
        copy_fixture(json, "product-json", upstream.url("/json"));
        Json shown =
            Json::parse(apicat_ok(json, {"product", "show", "weather-product.json", "-o", "json"}));
        CHECK(shown["visibility"]["view"] == "public");
        CHECK(shown["visibility"]["subscribe"] == "authenticated");
        CHECK(shown["plans"][0]["limits"][0] ==
              Json{{"name", "default"}, {"kind", "rate"}, {"value", "2/1week"}, {"hard", true}});
        apicat_ok(json, {"publish", "weather-product.json"});
        App app = register_app(json, "json-app", "weather-product");
        CHECK(invoke_as(json, app, "/weather/current?zipcode=1")["status"] == 200);
        CHECK(recording.seen().find("GET /windows") != std::string::npos);
        CHECK(recording.seen().find("GET /json") != std::string::npos);
    }

    TEST_CASE("product show shows a product whose draft is missing; publish refuses it")
    {
        ScratchDir dir;
        copy_fixture(dir, "product-missing-draft", "http://127.0.0.1:9/");
        std::string shown = apicat_ok(dir, {"product", "show", "weather-product.yaml"});
        CHECK(shown.find("weather-provider-api → ./weather-provider-api.yaml\n") !=
              std::string::npos);
        CHECK(shown.find("forecast-api → ./forecast-api.yaml (draft missing: ") !=
              std::string::npos);
        Json json =
            Json::parse(apicat_ok(dir, {"product", "show", "weather-product.yaml", "-o", "json"}));
        CHECK(json["apis"][1]["file"].is_null());
        CHECK(json["apis"][1]["missing"].get<std::string>().find("forecast-api.yaml") !=
              std::string::npos);
        RunResult publish = run_apicat({"publish", "weather-product.yaml"}, dir.path());
        CHECK(publish.exit_code == 1);
        CHECK(publish.err.find("api 'forecast-api'") != std::string::npos);
    }
}

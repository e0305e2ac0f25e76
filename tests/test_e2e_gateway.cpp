// End to end: `apicat gateway serve` as a real process, called over real HTTP, while the
// catalog changes underneath it.

#include "support/apicat_in.hpp"
#include "support/app_call.hpp"
#include "support/eventually.hpp"
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
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

TEST_SUITE("e2e")
{
    TEST_CASE(
        "gateway serve enforces credentials over HTTP and follows the catalog without restart")
    {
        ScratchDir dir;
        TestServer upstream([](httplib::Server& server) {
            auto answer = [](const httplib::Request& request, httplib::Response& response) {
                response.set_content(Json{{"path", request.path},
                                          {"saw_secret", request.has_header("X-IBM-Client-Secret")}}
                                         .dump(),
                                     "application/json");
            };
            server.Get("/weather/current", answer);
            server.Get("/weather/forecast", answer);
        });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        Json app = Json::parse(apicat_ok(
            dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
        std::string id = app["client_id"];
        std::string secret = app["client_secret"];

        ServeProcess gateway(dir);
        apicat::http::Response served =
            call_as_app(gateway.url("/sandbox/weather/current?zipcode=90210"), id, secret);
        CHECK(served.status == 200);
        CHECK(Json::parse(served.body)["saw_secret"] == false);
        apicat::http::Response stranger =
            call_as_app(gateway.url("/sandbox/weather/current"), "nobody", "x");
        CHECK(stranger.status == 401);
        CHECK(Json::parse(stranger.body)["moreInformation"] == "Client ID not registered");

        // Through the running gateway with invoke --gateway.
        RunResult through =
            run_apicat({"invoke", "GET", "/weather/current?zipcode=1", "--gateway", gateway.url(""),
                        "--client-id", id, "--client-secret", secret},
                       dir.path());
        CHECK(through.exit_code == 0);

        // Each change is in force in the running gateway without a restart, within the 50 ms
        // of its store poll (docs/gateway.md): polled here with a deadline far beyond that,
        // which only a failure waits for.
        auto status_soon = [&](const std::string& path, const std::string& with_secret,
                               int wanted) {
            return apicat::test::eventually(
                [&] { return call_as_app(gateway.url(path), id, with_secret).status == wanted; },
                std::chrono::seconds(5));
        };
        // A republish with a new operation.
        apicat_ok(dir, {"operation", "add", "weather.yaml", "GET /forecast"});
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        CHECK(status_soon("/sandbox/weather/forecast", secret, 200));

        // A reset secret: the old one stops working, the new one works.
        Json reset = Json::parse(apicat_ok(dir, {"app", "reset-secret", "a", "-o", "json"}));
        CHECK(status_soon("/sandbox/weather/current", secret, 401));
        CHECK(call_as_app(gateway.url("/sandbox/weather/current"), id, reset["client_secret"])
                  .status == 200);
        // A suspension.
        apicat_ok(dir, {"app", "suspend", "a"});
        CHECK(status_soon("/sandbox/weather/current", reset["client_secret"], 403));
        // A new app, registered while its client ID was held as not registered.
        Json late = Json::parse(apicat_ok(
            dir, {"app", "register", "late", "--subscribe", "weather-product", "-o", "json"}));
        CHECK(apicat::test::eventually(
            [&] {
                return call_as_app(gateway.url("/sandbox/weather/current"), late["client_id"],
                                   late["client_secret"])
                           .status == 200;
            },
            std::chrono::seconds(5)));

        CHECK(gateway.stop() == 0);
        std::string log = gateway.log();
        CHECK(log.find(secret) == std::string::npos);
        CHECK(log.find("GET /sandbox/weather/current") != std::string::npos);
    }

    TEST_CASE("a second gateway on a busy port fails with a clear error")
    {
        ScratchDir dir;
        publish_weather(dir, "mock:");
        ServeProcess first(dir);
        RunResult second = run_apicat(
            {"gateway", "serve", "--listen", "127.0.0.1:" + std::to_string(first.port())},
            dir.path());
        CHECK(second.exit_code == 1);
        CHECK(second.err.find("apicat: error: cannot listen on 127.0.0.1:" +
                              std::to_string(first.port()) + ": address already in use\n") == 0);
        CHECK(second.err.find("apicat: hint: ") != std::string::npos);
        // The first one still serves.
        apicat::http::Request request;
        request.url = first.url("/sandbox/weather/current");
        CHECK(apicat::http::Client().send(request).status == 401);
    }
}

// End to end: drafts whose upstream comes from an API Connect assembly (operation-switch,
// switch, API properties per catalog), published and called with `apicat invoke` against real
// upstreams on 127.0.0.1.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using apicat::test::apicat_ok;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::source_file;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

// Answers any call with what it was asked: which upstream, the target, and the headers that
// matter here.
void echo_routes(httplib::Server& server, const std::string& name)
{
    auto echo = [name](const httplib::Request& request, httplib::Response& response) {
        Json seen = {{"upstream", name}, {"method", request.method}, {"target", request.target}};
        for (const char* header :
             {"X-Weather-Units", "X-Debug", "X-Other", "X-IBM-Client-Id", "X-IBM-Client-Secret"}) {
            seen[header] =
                request.has_header(header) ? Json(request.get_header_value(header)) : Json(nullptr);
        }
        response.set_content(seen.dump(), "application/json");
    };
    server.Get(".*", echo);
    server.Delete(".*", echo);
}

std::string replaced_everywhere(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The fixture drafts and product in `dir`, pointed at the two upstreams.
void write_assembly_fixtures(const ScratchDir& dir, const TestServer& main,
                             const TestServer& staging)
{
    for (const char* name : {"weather-provider-api_1.0.0.yaml", "weather-switch-v2018_1.0.0.yaml",
                             "weather-assembly-product.yaml"}) {
        std::string text = source_file(std::string("tests/fixtures/apic/") + name);
        text = replaced_everywhere(replaced_everywhere(text, "MAIN_UPSTREAM", main.url("")),
                                   "STAGING_UPSTREAM", staging.url(""));
        dir.write(name, text);
    }
}

Json invoke_as_json(const ScratchDir& dir, std::vector<std::string> args)
{
    args.insert(args.begin(), "invoke");
    args.insert(args.end(), {"-o", "json"});
    RunResult result = run_apicat(args, dir.path());
    INFO(result.err);
    REQUIRE(!result.out.empty());
    return Json::parse(result.out);
}

struct Scene {
    ScratchDir dir;
    TestServer main{[](httplib::Server& server) { echo_routes(server, "main"); }};
    TestServer staging{[](httplib::Server& server) { echo_routes(server, "staging"); }};

    Scene()
    {
        write_assembly_fixtures(dir, main, staging);
        apicat_ok(dir, {"publish", "weather-assembly-product.yaml"});
    }
};

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the tutorial's operation-switch calls each operation's own target-url")
    {
        Scene scene;
        Json current =
            invoke_as_json(scene.dir, {"GET", "/weather/current?zipcode=90210", "--test-app"});
        CHECK(current["status"] == 200);
        CHECK(current["body"]["upstream"] == "main");
        CHECK(current["body"]["target"] == "/current?zipcode=90210");
        CHECK(current["body"]["X-Weather-Units"] == "imperial"); // the set-variable
        CHECK(current["body"]["X-IBM-Client-Id"].is_null());
        CHECK(current["body"]["X-IBM-Client-Secret"].is_null());

        Json today =
            invoke_as_json(scene.dir, {"GET", "/weather/today?zipcode=10001", "--test-app"});
        CHECK(today["body"]["target"] == "/today?zipcode=10001");

        Json stranger =
            invoke_as_json(scene.dir, {"GET", "/weather/current?zipcode=90210", "--client-id",
                                       "0123456789abcdef0123456789abcdef", "--client-secret", "x"});
        CHECK(stranger["status"] == 401);
        CHECK(stranger["body"]["moreInformation"] == "Client ID not registered");
    }

    TEST_CASE("an API property takes the catalog's own value, so each catalog calls its upstream")
    {
        Scene scene;
        apicat_ok(scene.dir, {"catalog", "create", "staging"});
        apicat_ok(scene.dir, {"publish", "weather-assembly-product.yaml", "--catalog", "staging"});
        Json sandbox =
            invoke_as_json(scene.dir, {"GET", "/weather/current?zipcode=1", "--test-app"});
        Json staged = invoke_as_json(
            scene.dir, {"GET", "/weather/current?zipcode=1", "--test-app", "--catalog", "staging"});
        CHECK(sandbox["body"]["upstream"] == "main");
        CHECK(staged["body"]["upstream"] == "staging");
        CHECK(staged["body"]["target"] == "/current?zipcode=1");

        // $(TARGET_HOST)$(request.path)$(request.search), the property overridden for staging.
        Json daily = invoke_as_json(scene.dir, {"GET", "/forecast/daily?units=si", "--test-app"});
        Json staged_daily = invoke_as_json(
            scene.dir, {"GET", "/forecast/daily?units=si", "--test-app", "--catalog", "staging"});
        CHECK(daily["body"]["upstream"] == "main");
        CHECK(staged_daily["body"]["upstream"] == "staging");
        CHECK(staged_daily["body"]["target"] == "/forecast/daily?units=si");
    }

    TEST_CASE("a v2018 switch routes each operation by its condition, past a gatewayscript")
    {
        Scene scene;
        Json daily = invoke_as_json(scene.dir, {"GET", "/forecast/daily?units=si", "--test-app"});
        CHECK(daily["status"] == 200);
        CHECK(daily["body"]["target"] == "/forecast/daily?units=si");

        Json hourly =
            invoke_as_json(scene.dir, {"GET", "/forecast/hourly/7?units=si&debug=1", "--test-app",
                                       "-H", "X-Debug: 1", "-H", "X-Other: 2"});
        CHECK(hourly["body"]["target"] == "/hours/7?units=si"); // parameter-control
        CHECK(hourly["body"]["X-Debug"].is_null());             // header-control
        CHECK(hourly["body"]["X-Other"] == "2");

        Json refused = invoke_as_json(scene.dir, {"DELETE", "/forecast/hourly/7", "--test-app"});
        CHECK(refused["status"] == 403);
        CHECK(refused["body"]["moreInformation"] == "the forecast is read-only");
    }

    TEST_CASE("explore names the policies apicat's gateway does not run, with their place")
    {
        Scene scene;
        RunResult explored = run_apicat({"explore", "GET /forecast/daily"}, scene.dir.path());
        CHECK(explored.exit_code == 0);
        CHECK(explored.err.find("apicat: warning: api 'forecast-api' of product "
                                "weather-assembly-product: "
                                "x-ibm-configuration.assembly.execute.0.gatewayscript: the "
                                "gatewayscript policy 'log-the-call' is not run by apicat's "
                                "gateway") != std::string::npos);
        // Only the API shown is spoken of.
        CHECK(explored.err.find("weather-provider-api") == std::string::npos);
    }

    TEST_CASE("publish and api validate name each policy not run, with its file and line")
    {
        ScratchDir dir;
        TestServer main([](httplib::Server& server) { echo_routes(server, "main"); });
        write_assembly_fixtures(dir, main, main);
        RunResult validated =
            run_apicat({"api", "validate", "weather-switch-v2018_1.0.0.yaml"}, dir.path());
        CHECK(validated.exit_code == 0);
        CHECK(validated.err.find("weather-switch-v2018_1.0.0.yaml:61:11: warning: the "
                                 "gatewayscript policy 'log-the-call' is not run by apicat's "
                                 "gateway") != std::string::npos);
        RunResult published = run_apicat({"publish", "weather-assembly-product.yaml"}, dir.path());
        CHECK(published.exit_code == 0);
        CHECK(published.err.find("apicat: warning: weather-switch-v2018_1.0.0.yaml:61:11: the "
                                 "gatewayscript") != std::string::npos);
        CHECK(published.err.find("apicat: warning: weather-provider-api_1.0.0.yaml:68:11: the "
                                 "log policy 'log'") != std::string::npos);
    }

    TEST_CASE("publish refuses a target-url variable the draft does not define, naming its place")
    {
        ScratchDir dir;
        TestServer main([](httplib::Server& server) { echo_routes(server, "main"); });
        write_assembly_fixtures(dir, main, main);
        std::string draft = dir.read("weather-switch-v2018_1.0.0.yaml");
        dir.write("weather-switch-v2018_1.0.0.yaml",
                  replaced_everywhere(draft, "$(TARGET_HOST)$(request.path)",
                                      "$(BACKEND)$(request.path)"));
        for (const std::vector<std::string>& command :
             {std::vector<std::string>{"publish", "weather-assembly-product.yaml"},
              std::vector<std::string>{"api", "validate", "weather-switch-v2018_1.0.0.yaml"},
              std::vector<std::string>{"product", "validate", "weather-assembly-product.yaml"}}) {
            RunResult refused = run_apicat(command, dir.path());
            INFO(command.front());
            CHECK(refused.exit_code == 1);
            CHECK(refused.err.find("weather-switch-v2018_1.0.0.yaml:73:33: ") != std::string::npos);
            CHECK(refused.err.find("the target-url names $(BACKEND), which the draft does not "
                                   "define for GET /daily in catalog 'sandbox'") !=
                  std::string::npos);
        }
        CHECK(run_apicat({"product", "list"}, dir.path()).out.find("weather-assembly-product") ==
              std::string::npos);
    }
}

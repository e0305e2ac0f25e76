// End to end: `apicat invoke` against a real upstream on 127.0.0.1, through the catalog a
// real store holds.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/test_store.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <set>

using apicat::test::apicat_in;
using apicat::test::apicat_ok;
using apicat::test::publish_weather;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::TestServer;
using apicat::test::weather_current_query;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

// The weather service: echoes the zip code and which credential headers reached it.
struct WeatherService {
    std::mutex mutex;
    std::vector<std::string> seen_credentials;

    void routes(httplib::Server& server)
    {
        server.Get("/weather/current", [this](const httplib::Request& request,
                                              httplib::Response& response) {
            std::lock_guard lock(mutex);
            for (const char* name : {"X-IBM-Client-Id", "X-IBM-Client-Secret"}) {
                if (request.has_header(name)) {
                    seen_credentials.push_back(name);
                }
            }
            response.set_header("X-Upstream", "weather");
            response.set_content(
                Json{{"zip", request.get_param_value("zipcode")}, {"temperature", 72}}.dump(),
                "application/json");
        });
    }
};

Json invoke_json(const ScratchDir& dir, std::vector<std::string> args, int expected_exit)
{
    args.insert(args.begin(), "invoke");
    args.push_back("-o");
    args.push_back("json");
    RunResult result = apicat_in(dir, args);
    INFO(result.err);
    CHECK(result.exit_code == expected_exit);
    return Json::parse(result.out);
}

// The weather product with a plan of 2 calls an hour, and app "a" subscribed to it: its JSON.
Json publish_with_two_calls_an_hour(const ScratchDir& dir)
{
    publish_weather(dir, "mock:");
    apicat_ok(dir, {"product", "create", "weather-product.yaml", "--title", "Weather Product",
                    "--api", "weather.yaml", "--plan", "default:2/1hour", "--force"});
    apicat_ok(dir, {"publish", "weather-product.yaml"});
    return Json::parse(
        apicat_ok(dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE(
        "invoke lets the test app and a subscribed app in, and keeps credentials from the upstream")
    {
        ScratchDir dir;
        WeatherService service;
        TestServer upstream([&](httplib::Server& server) { service.routes(server); });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));

        Json tested = invoke_json(dir, {"GET", weather_current_query, "--test-app"}, 0);
        CHECK(tested["status"] == 200);
        CHECK(tested["body"]["zip"] == "90210");
        CHECK(tested["headers"]["X-Upstream"] == "weather");

        Json app = Json::parse(apicat_ok(dir, {"app", "register", "weather-app", "--subscribe",
                                               "weather-product", "-o", "json"}));
        std::string id = app["client_id"];
        std::string secret = app["client_secret"];
        Json called = invoke_json(
            dir, {"GET", weather_current_query, "--client-id", id, "--client-secret", secret}, 0);
        CHECK(called["status"] == 200);
        {
            std::lock_guard lock(service.mutex);
            CHECK(service.seen_credentials.empty());
        }

        RunResult text =
            apicat_in(dir, {"invoke", "GET", weather_current_query, "--test-app", "-i"});
        CHECK(text.out.rfind("HTTP/1.1 200 OK\n", 0) == 0);
        CHECK(text.out.find("X-Upstream: weather\n") != std::string::npos);
    }

    TEST_CASE("invoke refuses wrong credentials, states and routes with the design's statuses")
    {
        ScratchDir dir;
        WeatherService service;
        TestServer upstream([&](httplib::Server& server) { service.routes(server); });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        Json app = Json::parse(apicat_ok(
            dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
        std::string id = app["client_id"];
        std::string secret = app["client_secret"];

        auto information = [](const Json& response) {
            return response["body"]["moreInformation"].get<std::string>();
        };
        CHECK(information(invoke_json(
                  dir,
                  {"GET", weather_current_query, "--client-id", "0123456789abcdef0123456789abcdef"},
                  4)) == "Client ID not registered");
        CHECK(information(invoke_json(dir, {"GET", weather_current_query}, 4))
                  .rfind("Client ID missing", 0) == 0);
        CHECK(information(invoke_json(dir, {"GET", weather_current_query, "--client-id", id}, 4))
                  .rfind("Client secret missing", 0) == 0);
        CHECK(information(invoke_json(
                  dir, {"GET", weather_current_query, "--client-id", id, "--client-secret", "nope"},
                  4)) == "Client secret invalid");

        apicat_ok(dir, {"app", "reset-secret", "a"});
        CHECK(information(invoke_json(
                  dir, {"GET", weather_current_query, "--client-id", id, "--client-secret", secret},
                  4)) == "Client secret invalid");
        Json reset = Json::parse(apicat_ok(dir, {"app", "reset-secret", "a", "-o", "json"}));
        secret = reset["client_secret"];

        apicat_ok(dir, {"app", "suspend", "a"});
        Json suspended = invoke_json(
            dir, {"GET", weather_current_query, "--client-id", id, "--client-secret", secret}, 4);
        CHECK(suspended["status"] == 403);
        apicat_ok(dir, {"app", "resume", "a"});
        apicat_ok(dir, {"app", "unsubscribe", "a", "weather-product"});
        Json unsubscribed = invoke_json(
            dir, {"GET", weather_current_query, "--client-id", id, "--client-secret", secret}, 4);
        CHECK(unsubscribed["status"] == 403);
        CHECK(information(unsubscribed).find("weather-product") != std::string::npos);

        CHECK(invoke_json(dir, {"GET", "/weather/elsewhere", "--test-app"}, 4)["status"] == 404);
        Json not_allowed = invoke_json(dir, {"DELETE", weather_current_query, "--test-app"}, 4);
        CHECK(not_allowed["status"] == 405);
        CHECK(not_allowed["headers"]["Allow"] == "GET");

        CHECK(apicat_in(dir, {"invoke", "GET", weather_current_query, "--client-id",
                              "0123456789abcdef0123456789abcdef", "--expect", "401"})
                  .exit_code == 0);
        CHECK(apicat_in(dir,
                        {"invoke", "GET", weather_current_query, "--test-app", "--expect", "401"})
                  .exit_code == 1);
    }

    TEST_CASE("invoke answers 502 naming the upstream when it is down, and mock: from the example")
    {
        ScratchDir dir;
        int closed_port = 0;
        {
            TestServer gone([](httplib::Server&) {});
            closed_port = gone.port();
        }
        publish_weather(dir, "http://127.0.0.1:" + std::to_string(closed_port) + "$(request.path)");
        Json down = invoke_json(dir, {"GET", weather_current_query, "--test-app"}, 5);
        CHECK(down["status"] == 502);
        CHECK(down["body"]["moreInformation"].get<std::string>().find(
                  "127.0.0.1:" + std::to_string(closed_port)) != std::string::npos);

        ScratchDir mocked;
        publish_weather(mocked, "mock:");
        Json answer = invoke_json(mocked, {"GET", weather_current_query, "--test-app"}, 0);
        CHECK(answer["body"] == Json{{"zip", "00000"}, {"mocked", true}});
    }
}

TEST_SUITE("e2e")
{
    TEST_CASE("invoke counts calls in the store and answers 429 past the plan's limit")
    {
        ScratchDir dir;
        Json app = publish_with_two_calls_an_hour(dir);
        std::vector<std::string> call = {"GET",
                                         weather_current_query,
                                         "--client-id",
                                         app["client_id"],
                                         "--client-secret",
                                         app["client_secret"]};
        CHECK(invoke_json(dir, call, 0)["status"] == 200);
        CHECK(invoke_json(dir, call, 0)["status"] == 200);
        Json limited = invoke_json(dir, call, 4);
        CHECK(limited["status"] == 429);
        CHECK(limited["headers"]["X-RateLimit-Limit"] == "2");
        CHECK(limited["headers"]["X-RateLimit-Remaining"] == "0");
        CHECK(std::stoi(limited["headers"]["Retry-After"].get<std::string>()) > 0);
        for (int i = 0; i < 3; ++i) {
            CHECK(invoke_json(dir, {"GET", weather_current_query, "--test-app"}, 0)["status"] ==
                  200); // never limited
        }
    }

    TEST_CASE("invoke leaves the store's log for the next command, which folds it into apicat.db")
    {
        ScratchDir dir;
        ScratchDir copy;
        apicat::test::pin_to_sqlite(dir.path() / "home"); // SQLite's files are what it is about
        apicat::test::pin_to_sqlite(copy.path() / "home");
        Json app = publish_with_two_calls_an_hour(dir);
        const fs::path home = dir.path() / "home";
        const auto files_in_home = [&] {
            std::set<std::string> names;
            for (const auto& entry : fs::directory_iterator(home)) {
                names.insert(entry.path().filename().string());
            }
            return names;
        };
        CHECK(files_in_home() == std::set<std::string>{"apicat.db"});

        std::vector<std::string> call = {"GET",
                                         weather_current_query,
                                         "--client-id",
                                         app["client_id"],
                                         "--client-secret",
                                         app["client_secret"]};
        CHECK(invoke_json(dir, call, 0)["status"] == 200);
        CHECK(files_in_home() ==
              std::set<std::string>{"apicat.db", "apicat.db-shm", "apicat.db-wal"});
        CHECK(fs::file_size(home / "apicat.db-wal") > 0); // the call's count is in the log

        apicat_ok(dir, {"app", "list"});
        CHECK(files_in_home() == std::set<std::string>{"apicat.db"});
        // apicat.db alone now holds the first call: a copy of it allows one more, not two.
        fs::create_directory(copy.path() / "home");
        fs::copy_file(home / "apicat.db", copy.path() / "home" / "apicat.db");
        CHECK(invoke_json(copy, call, 0)["status"] == 200);
        CHECK(invoke_json(copy, call, 4)["status"] == 429);
    }
}

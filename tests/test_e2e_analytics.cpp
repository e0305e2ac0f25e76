// End to end: `apicat invoke` records each call it makes in the store, and `apicat analytics`
// reports them — counts, errors, latency, per status, app, operation and plan — with the real
// binary, a real upstream on 127.0.0.1 and a real store.

#include "store/location.hpp"

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/test_store.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::publish_weather;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::TestServer;
using apicat::test::weather_current_query;
using Json = nlohmann::ordered_json;

namespace store = apicat::store;

namespace {

// The weather draft's API, as `product create` names it in the product.
const std::string weather_operation = "weather-provider-api GET /current";

std::int64_t wall_clock_ms()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void serve_weather(httplib::Server& server)
{
    server.Get("/weather/current", [](const httplib::Request&, httplib::Response& response) {
        response.set_content(R"({"zip":"90210","temperature":72})", "application/json");
    });
}

int invoke_json_status(const ScratchDir& dir, std::vector<std::string> args)
{
    args.insert(args.begin(), {"invoke", "GET", weather_current_query});
    args.insert(args.end(), {"-o", "json"});
    RunResult result = run_apicat(args, dir.path());
    INFO(result.err);
    REQUIRE(!result.out.empty());
    return Json::parse(result.out)["status"].get<int>();
}

Json analytics_json(const ScratchDir& dir, std::vector<std::string> args = {})
{
    args.insert(args.begin(), "analytics");
    args.insert(args.end(), {"-o", "json"});
    RunResult result = run_apicat(args, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return Json::parse(result.out);
}

// (key, calls, errors) of each group, in the order given.
std::vector<std::tuple<std::string, int, int>> groups_of(const Json& report)
{
    std::vector<std::tuple<std::string, int, int>> groups;
    for (const Json& group : report["groups"]) {
        groups.emplace_back(group["key"], group["calls"], group["errors"]);
    }
    return groups;
}

std::vector<store::CallRecord> recorded_calls(const ScratchDir& dir)
{
    std::vector<store::CallRecord> calls;
    store::open_store_read_only_at(apicat::test::store_location_for(dir.path() / "home"))
        ->read([&](store::Transaction& transaction) {
            calls = transaction.calls("sandbox", std::numeric_limits<std::int64_t>::min());
        });
    return calls;
}

// The weather API on a real upstream, app "weather-app" subscribed; five calls invoked: two by
// the app, one by the test app, one with a client ID nobody has and one without the secret.
struct CalledWeather {
    ScratchDir dir;
    TestServer upstream{serve_weather};
    std::string client_id;
    std::string client_secret;
    std::int64_t started_ms = 0;
    std::int64_t ended_ms = 0;

    CalledWeather()
    {
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        Json app = Json::parse(apicat_ok(dir, {"app", "register", "weather-app", "--subscribe",
                                               "weather-product", "-o", "json"}));
        client_id = app["client_id"];
        client_secret = app["client_secret"];
        started_ms = wall_clock_ms();
        const std::vector<std::string> credentials{"--client-id", client_id, "--client-secret",
                                                   client_secret};
        CHECK(invoke_json_status(dir, credentials) == 200);
        CHECK(invoke_json_status(dir, credentials) == 200);
        CHECK(invoke_json_status(dir, {"--test-app"}) == 200);
        CHECK(invoke_json_status(dir, {"--client-id", "0123456789abcdef0123456789abcdef",
                                       "--client-secret", "nope"}) == 401);
        CHECK(invoke_json_status(dir, {"--client-id", client_id}) == 401);
        ended_ms = wall_clock_ms();
    }
};

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("analytics reports exactly the calls invoke made: statuses, apps, operations, plans")
    {
        CalledWeather called;
        const ScratchDir& dir = called.dir;

        Json all = analytics_json(dir);
        CHECK(all["catalog"] == "sandbox");
        CHECK(all["since"].is_null());
        CHECK(all["calls"] == 5);
        CHECK(all["errors"] == 2);
        CHECK_FALSE(all.contains("by"));
        CHECK_FALSE(all.contains("groups"));
        // Plausible: measured, in order, and under the invokes' own time.
        const double wall_ms = static_cast<double>(called.ended_ms - called.started_ms);
        CHECK(all["p50_ms"].get<double>() > 0);
        CHECK(all["p50_ms"].get<double>() <= all["p95_ms"].get<double>());
        CHECK(all["p95_ms"].get<double>() <= all["p99_ms"].get<double>());
        CHECK(all["p99_ms"].get<double>() < wall_ms);

        Json by_status = analytics_json(dir, {"--by", "status"});
        CHECK(by_status["by"] == "status");
        CHECK(by_status["calls"] == 5);
        CHECK(groups_of(by_status) ==
              std::vector<std::tuple<std::string, int, int>>{{"200", 3, 0}, {"401", 2, 2}});
        CHECK(by_status["groups"][0].size() == 6);
        CHECK(by_status["groups"][0]["p50_ms"].get<double>() > 0);

        CHECK(groups_of(analytics_json(dir, {"--by", "app"})) ==
              std::vector<std::tuple<std::string, int, int>>{
                  {"", 2, 2}, {"weather-app", 2, 0}, {"sandbox-test-app", 1, 0}});
        CHECK(groups_of(analytics_json(dir, {"--by", "operation"})) ==
              std::vector<std::tuple<std::string, int, int>>{{weather_operation, 5, 2}});
        CHECK(groups_of(analytics_json(dir, {"--by", "plan"})) ==
              std::vector<std::tuple<std::string, int, int>>{{"default", 3, 0}, {"", 2, 2}});
    }

    TEST_CASE("invoke records when, how long, the upstream's part, and never a credential")
    {
        CalledWeather called;
        const std::vector<store::CallRecord> calls = recorded_calls(called.dir);
        REQUIRE(calls.size() == 5);
        for (const store::CallRecord& call : calls) {
            CAPTURE(call.status);
            CHECK(call.at_ms >= called.started_ms);
            CHECK(call.at_ms <= called.ended_ms);
            CHECK(call.catalog == "sandbox");
            CHECK(call.product == "weather-product");
            CHECK(call.api == "weather-provider-api");
            CHECK(call.operation == "GET /current");
            CHECK(call.latency_us > 0);
            for (const std::string& field :
                 {call.app, call.product, call.plan, call.api, call.operation}) {
                CHECK(field.find(called.client_id) == std::string::npos);
                CHECK(field.find(called.client_secret) == std::string::npos);
                CHECK(field.find("0123456789abcdef") == std::string::npos);
            }
        }
        // Forwarded calls: the upstream's part is within the whole; refused ones forwarded nothing.
        for (int i : {0, 1, 2}) {
            CHECK(calls[i].status == 200);
            CHECK(calls[i].upstream_us > 0);
            CHECK(calls[i].upstream_us <= calls[i].latency_us);
        }
        CHECK(calls[0].app == "weather-app");
        CHECK(calls[0].plan == "default");
        CHECK(calls[2].app == "sandbox-test-app");
        for (int i : {3, 4}) {
            CHECK(calls[i].status == 401);
            CHECK(calls[i].upstream_us == -1);
            CHECK(calls[i].app.empty());
            CHECK(calls[i].plan.empty());
        }
    }

    TEST_CASE("analytics --since counts only the calls of that last stretch")
    {
        CalledWeather called;
        const ScratchDir& dir = called.dir;
        // Two calls of two hours ago, recorded as invoke would have then.
        const std::int64_t two_hours_ago = wall_clock_ms() - 2 * 60 * 60 * 1000;
        const auto home = apicat::test::store_location_for(dir.path() / "home");
        store::open_store_at(home)->write([&](store::Transaction& transaction) {
            const store::CallRecord old{.at_ms = two_hours_ago,
                                        .catalog = "sandbox",
                                        .app = "weather-app",
                                        .product = "weather-product",
                                        .plan = "default",
                                        .api = "weather-provider-api",
                                        .operation = "GET /current",
                                        .status = 500,
                                        .latency_us = 1000,
                                        .upstream_us = 900};
            transaction.append_calls(std::vector{old, old});
        });

        CHECK(analytics_json(dir)["calls"] == 7);
        Json last_hour = analytics_json(dir, {"--since", "1h", "--by", "status"});
        CHECK(last_hour["calls"] == 5);
        CHECK(last_hour["errors"] == 2);
        CHECK(groups_of(last_hour) ==
              std::vector<std::tuple<std::string, int, int>>{{"200", 3, 0}, {"401", 2, 2}});
        // RFC 3339, an hour before the command ran.
        const std::string since = last_hour["since"];
        CHECK(since.size() == 20);
        CHECK(since[10] == 'T');
        CHECK(since.back() == 'Z');
        CHECK(analytics_json(dir, {"--since", "3h"})["calls"] == 7);
        CHECK(groups_of(analytics_json(dir, {"--since", "3h", "--by", "status"})) ==
              std::vector<std::tuple<std::string, int, int>>{
                  {"200", 3, 0}, {"401", 2, 2}, {"500", 2, 2}});
    }

    TEST_CASE("analytics as text: one block of figures, or a table per --by, (none) for no key")
    {
        CalledWeather called;
        const ScratchDir& dir = called.dir;

        RunResult block = run_apicat({"analytics"}, dir.path());
        INFO(block.err);
        CHECK(block.exit_code == 0);
        CHECK(block.out.starts_with("calls in catalog 'sandbox'\n"));
        CHECK(block.out.find("\n  calls:    5\n") != std::string::npos);
        CHECK(block.out.find("\n  errors:   2 (40.0% of calls; status 400 or more)\n") !=
              std::string::npos);
        CHECK(block.out.find("\n  latency:  p50 ") != std::string::npos);
        CHECK(block.out.find(" ms, p99 ") != std::string::npos);
        CHECK(block.out.find("\n  period:   20") != std::string::npos);

        RunResult table = run_apicat({"analytics", "--by", "app", "--since", "1d"}, dir.path());
        CHECK(table.exit_code == 0);
        CHECK(table.out.starts_with("APP               CALLS  ERRORS  P50-MS  P95-MS  P99-MS\n"));
        CHECK(table.out.find("\n(none)            2      2       ") != std::string::npos);
        CHECK(table.out.find("\nweather-app       2      0       ") != std::string::npos);
        CHECK(table.out.find("\nsandbox-test-app  1      0       ") != std::string::npos);
    }

    TEST_CASE("analytics of a catalog without calls says so, and reports zeros as JSON")
    {
        ScratchDir dir;
        publish_weather(dir, "mock:");
        RunResult text = run_apicat({"analytics"}, dir.path());
        CHECK(text.exit_code == 0);
        CHECK(text.out == "no calls recorded in catalog 'sandbox' yet\n");
        RunResult since = run_apicat({"analytics", "--since", "15m", "--by", "app"}, dir.path());
        CHECK(since.exit_code == 0);
        CHECK(since.out.starts_with("no calls recorded in catalog 'sandbox' since 20"));

        Json none = analytics_json(dir, {"--by", "operation"});
        CHECK(none == Json{{"catalog", "sandbox"},
                           {"since", nullptr},
                           {"calls", 0},
                           {"errors", 0},
                           {"p50_ms", 0.0},
                           {"p95_ms", 0.0},
                           {"p99_ms", 0.0},
                           {"by", "operation"},
                           {"groups", Json::array()}});

        // Calls of another catalog are not this one's.
        apicat_ok(dir, {"catalog", "create", "staging"});
        apicat_ok(dir, {"invoke", "GET", weather_current_query, "--test-app"});
        CHECK(analytics_json(dir, {"--catalog", "staging"})["calls"] == 0);
        CHECK(analytics_json(dir)["calls"] == 1);
    }

    TEST_CASE("an upstream that fails is recorded as the 502 the caller got")
    {
        ScratchDir dir;
        int closed_port = 0;
        {
            TestServer gone([](httplib::Server&) {});
            closed_port = gone.port();
        }
        publish_weather(dir, "http://127.0.0.1:" + std::to_string(closed_port) + "$(request.path)");
        CHECK(invoke_json_status(dir, {"--test-app"}) == 502);
        Json report = analytics_json(dir, {"--by", "status"});
        CHECK(report["errors"] == 1);
        CHECK(groups_of(report) == std::vector<std::tuple<std::string, int, int>>{{"502", 1, 1}});
        const std::vector<store::CallRecord> calls = recorded_calls(dir);
        REQUIRE(calls.size() == 1);
        CHECK(calls[0].upstream_us >= 0); // it was forwarded, and failed
    }

    TEST_CASE("invoke --gateway records nothing here: the gateway it calls is the front end")
    {
        ScratchDir dir;
        publish_weather(dir, "mock:");
        // A plain server standing in for a gateway elsewhere.
        TestServer elsewhere([](httplib::Server& server) {
            server.Get("/sandbox/weather/current",
                       [](const httplib::Request&, httplib::Response& response) {
                           response.set_content("{}", "application/json");
                       });
        });
        RunResult result =
            run_apicat({"invoke", "GET", weather_current_query, "--gateway", elsewhere.url(""),
                        "--client-id", "0123456789abcdef0123456789abcdef", "--client-secret", "s"},
                       dir.path());
        INFO(result.err);
        CHECK(result.exit_code == 0);
        CHECK(result.out.starts_with("HTTP/1.1 200 OK\n"));
        CHECK(analytics_json(dir)["calls"] == 0);
        apicat_ok(
            dir, {"invoke", "GET", weather_current_query, "--test-app"}); // and in process, it does
        CHECK(analytics_json(dir)["calls"] == 1);
    }

    TEST_CASE("analytics refuses a malformed --since or --by, and an unknown catalog, clearly")
    {
        ScratchDir dir;
        RunResult since = run_apicat({"analytics", "--since", "2x"}, dir.path());
        CHECK(since.exit_code == 2);
        CHECK(since.out.empty());
        CHECK(since.err == "apicat: error: invalid --since '2x': not a duration\n"
                           "apicat: hint: give a whole number of seconds, minutes, hours or "
                           "days: 90s, 15m, 1h or 7d\n");
        CHECK(run_apicat({"analytics", "--since", "-5m"}, dir.path()).exit_code == 2);
        CHECK(run_apicat({"analytics", "--since", "0s"}, dir.path()).exit_code == 2);

        RunResult by = run_apicat({"analytics", "--by", "stauts"}, dir.path());
        CHECK(by.exit_code == 2);
        CHECK(by.err == "apicat: error: invalid --by 'stauts': calls are grouped by app, "
                        "operation, status or plan\n"
                        "apicat: hint: did you mean 'status'?\n");
        RunResult far = run_apicat({"analytics", "--by", "product"}, dir.path());
        CHECK(far.exit_code == 2);
        CHECK(far.err.find("apicat: hint: for example --by status\n") != std::string::npos);

        // The error every command gives for a catalog that is not there.
        RunResult unknown = run_apicat({"analytics", "--catalog", "sandbx"}, dir.path());
        CHECK(unknown.exit_code == 1);
        CHECK(unknown.err == "apicat: error: no catalog 'sandbx'\n"
                             "apicat: hint: did you mean 'sandbox'?\n");
        CHECK(unknown.err == run_apicat({"explore", "--catalog", "sandbx"}, dir.path()).err);
    }
}

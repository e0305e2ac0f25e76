// End to end: apicat app import registers apps from JSON lines in one transaction, keeping the
// credentials given and printing once those it makes; any wrong line names itself, and then
// nothing is imported.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <utility>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

std::vector<Json> json_lines(const std::string& text)
{
    std::vector<Json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(Json::parse(line));
    }
    return lines;
}

int invoke_status(const ScratchDir& dir, const std::string& id, const std::string& secret)
{
    const RunResult result = run_apicat({"invoke", "GET", "/weather/current?zipcode=1",
                                         "--client-id", id, "--client-secret", secret, "-i"},
                                        dir.path());
    if (result.out.rfind("HTTP/1.1 200", 0) == 0) {
        return 200;
    }
    return result.out.find(" 401") != std::string::npos ? 401 : result.exit_code;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("app import keeps the credentials given and prints once those it makes")
    {
        ScratchDir dir;
        TestServer upstream([](httplib::Server& server) {
            server.Get(".*", [](const httplib::Request&, httplib::Response& response) {
                response.set_content(R"({"zip": "1"})", "application/json");
            });
        });
        apicat::test::publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        dir.write(
            "apps.jsonl",
            R"({"name": "made", "subscriptions": [{"product": "weather-product", "plan": "default"}]})"
            "\n\n"
            R"({"name": "kept", "client_id": "legacy-ID_42.x", "client_secret": "s3cret!", "subscriptions": [{"product": "weather-product", "plan": "default"}]})"
            "\r\n"
            R"({"name": "id-only", "client_id": "only-an-id"})"
            "\n");
        const RunResult imported = run_apicat({"app", "import", "apps.jsonl"}, dir.path());
        REQUIRE(imported.exit_code == 0);
        CHECK(imported.err.find("imported 3 apps") != std::string::npos);
        const std::vector<Json> made = json_lines(imported.out);
        REQUIRE(made.size() == 1); // only the app without credentials
        CHECK(made[0]["name"] == "made");
        const std::string id = made[0]["client_id"];
        const std::string secret = made[0]["client_secret"];

        const Json apps = Json::parse(apicat_ok(dir, {"app", "list", "-o", "json"}));
        REQUIRE(apps.size() == 4); // with the catalog's test app
        const auto app = [&](const std::string& name) {
            for (const Json& each : apps) {
                if (each["name"] == name) {
                    return each;
                }
            }
            FAIL("no app " << name);
            return Json();
        };
        CHECK(app("made")["client_id"] == id);
        CHECK(app("kept")["client_id"] == "legacy-ID_42.x");
        CHECK(app("kept")["has_secret"] == true);
        CHECK(app("kept")["subscriptions"][0]["plan"] == "default");
        CHECK(app("id-only")["has_secret"] == false);
        CHECK(app("id-only")["subscriptions"].empty());
        // Secrets are stored as digests: not even the given one is in the store's files.
        CHECK(apicat_ok(dir, {"app", "show", "kept", "-o", "json"}).find("s3cret!") ==
              std::string::npos);

        CHECK(invoke_status(dir, id, secret) == 200);
        CHECK(invoke_status(dir, "legacy-ID_42.x", "s3cret!") == 200);
        CHECK(invoke_status(dir, "legacy-ID_42.x", secret) == 401);
    }

    TEST_CASE("app import leaves a subscription to a plan that needs approval pending")
    {
        ScratchDir dir;
        apicat_ok(dir, {"api", "create", "gold-api.yaml", "--title", "Gold API", "--base-path",
                        "/gold", "--target-url", "mock:"});
        apicat_ok(dir, {"product", "create", "gold.yaml", "--title", "Gold", "--api",
                        "gold-api.yaml", "--plan", "gold:1000/1hour:approval", "--plan", "free"});
        apicat_ok(dir, {"publish", "gold.yaml"});
        dir.write(
            "apps.jsonl",
            R"({"name": "waits", "client_id": "w", "subscriptions": [{"product": "gold", "plan": "gold"}]})"
            "\n"
            R"({"name": "free", "client_id": "f", "subscriptions": [{"product": "gold", "plan": "free"}]})"
            "\n");
        const RunResult imported = run_apicat({"app", "import", "apps.jsonl"}, dir.path());
        REQUIRE(imported.exit_code == 0);
        CHECK(imported.err.find("(1 pending approval)") != std::string::npos);
        CHECK(Json::parse(apicat_ok(dir, {"app", "show", "waits", "-o",
                                          "json"}))["subscriptions"][0]["state"] == "pending");
        CHECK(Json::parse(apicat_ok(dir, {"app", "show", "free", "-o",
                                          "json"}))["subscriptions"][0]["state"] == "active");
    }

    TEST_CASE("a wrong line of app import names its line, and nothing is imported")
    {
        ScratchDir dir;
        apicat::test::publish_weather(dir, "http://127.0.0.1:1/unused");
        apicat_ok(dir, {"app", "register", "existing"});
        const std::string existing_id =
            Json::parse(apicat_ok(dir, {"app", "show", "existing", "-o", "json"}))["client_id"];
        const std::string before = apicat_ok(dir, {"app", "list", "-o", "json"});

        const std::string good = R"({"name": "fine", "client_id": "fine-id"})";
        struct Case {
            std::string line;
            std::string says;
        };
        const std::vector<Case> cases = {
            {R"({"name": "fine"})", "named on line 1 already"},
            {R"({"name": "existing"})", "exists already"},
            {R"({"name": "other", "client_id": "fine-id"})", "the one of line 1"},
            {R"({"name": "other", "client_id": ")" + existing_id + R"("})",
             "held already by app 'existing'"},
            {R"({"name": "other", "subscriptions": [{"product": "nope", "plan": "default"}]})",
             "no product 'nope'"},
            {R"({"name": "other", "subscriptions": [{"product": "weather-product", "plan": "gold"}]})",
             "has no plan 'gold'"},
            {R"({"name": "other", )", "not JSON"},
            {R"({"client_id": "x"})", "has no 'name'"},
            {R"({"name": "other", "client_id": "has space"})", "printable ASCII"},
            {R"({"name": "other", "client_secret": "s"})", "no client_id"},
            {R"({"name": "other", "subscription": []})", "unknown key 'subscription'"},
        };
        // The wrong line comes second, and then after 299 more good lines: the import sends
        // its lines to the store in batches, and the line named must not depend on them.
        std::string good_lines;
        for (int line = 2; line <= 300; ++line) {
            good_lines += R"({"name": "fine-)" + std::to_string(line) + "\"}\n";
        }
        for (const std::string& before_wrong : {std::string(), good_lines}) {
            const std::string named = before_wrong.empty() ? "apps.jsonl:2: " : "apps.jsonl:301: ";
            for (const Case& wrong : cases) {
                CAPTURE(wrong.line);
                CAPTURE(named);
                dir.write("apps.jsonl",
                          good + "\n" + before_wrong + wrong.line + "\n" + R"({"name": "after"})");
                const RunResult result = run_apicat({"app", "import", "apps.jsonl"}, dir.path());
                CHECK(result.exit_code == 1);
                CHECK(result.out.empty());
                CHECK(result.err.find("apicat: error: " + named) != std::string::npos);
                CHECK(result.err.find(wrong.says) != std::string::npos);
                CHECK(result.err.find("apicat: hint: ") != std::string::npos);
                CHECK(apicat_ok(dir, {"app", "list", "-o", "json"}) == before);
            }
        }
        // Of two wrong lines, the first is named, whatever is wrong with each.
        const std::string unknown_plan =
            R"({"name": "other", "subscriptions": [{"product": "weather-product", "plan": "gold"}]})";
        const std::vector<std::pair<std::string, std::string>> two_wrong = {
            {unknown_plan, R"({"name": "fine"})"},
            {R"({"name": "fine"})", R"({"name": "other", )"},
        };
        for (const auto& lines : two_wrong) {
            CAPTURE(lines.first);
            dir.write("apps.jsonl", good + "\n" + lines.first + "\n" + lines.second + "\n");
            const RunResult result = run_apicat({"app", "import", "apps.jsonl"}, dir.path());
            CHECK(result.exit_code == 1);
            CHECK(result.err.find("apicat: error: apps.jsonl:2: ") != std::string::npos);
        }
        // '-' reads stdin, and messages name it so.
        const RunResult from_stdin = run_apicat({"app", "import", "-"}, dir.path(),
                                                R"({"name": "existing"})"
                                                "\n");
        CHECK(from_stdin.exit_code == 1);
        CHECK(from_stdin.err.find("apicat: error: stdin:1: ") != std::string::npos);
        CHECK(apicat_ok(dir, {"app", "list", "-o", "json"}) == before);
    }
}

// End to end: the Explore page that `apicat gateway serve` serves, read as its page reads it,
// and driven in a real browser (Debian's Chromium, with puppeteer-core).

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/text_parts.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <map>

using apicat::test::apicat_ok;
using apicat::test::has;
using apicat::test::publish_weather;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::source_file;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

constexpr const char* hostile_title = "<script>alert(1)</script> Weather";

apicat::http::Response fetch(const std::string& url, const std::string& method = "GET")
{
    apicat::http::Request request;
    request.method = method;
    request.url = url;
    request.timeout = 5s;
    return apicat::http::Client().send(request);
}

std::string response_header(const apicat::http::Response& response, const std::string& name)
{
    for (const auto& [field, value] : response.headers) {
        if (field.size() == name.size() &&
            std::equal(field.begin(), field.end(), name.begin(),
                       [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            return value;
        }
    }
    return "";
}

// Where a test leaves what a person may want to look at: beside the binary under test.
std::filesystem::path test_output_dir()
{
    auto dir = std::filesystem::path(APICAT_BINARY).parent_path() / "test-output";
    std::filesystem::create_directories(dir);
    return dir;
}

// The upstream of the weather API: it answers with the zip code it was asked for.
void weather_routes(httplib::Server& server)
{
    server.Get(
        "/weather/current", [](const httplib::Request& request, httplib::Response& response) {
            response.set_content(
                Json{{"zip", request.get_param_value("zipcode")}, {"temperature", 72}}.dump(),
                "application/json");
        });
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("gateway serve lists its catalog for the Explore page, and no secret but the "
              "sandbox test app's")
    {
        ScratchDir dir;
        TestServer upstream(weather_routes);
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"), hostile_title);
        const Json app =
            Json::parse(apicat_ok(dir, {"app", "register", "weather-app", "--subscribe",
                                        "weather-product", "-o", "json"}));
        const Json sandbox = Json::parse(apicat_ok(dir, {"catalog", "show", "-o", "json"}));

        ServeProcess gateway(dir);
        const std::string started = gateway.log();
        CHECK(started.find("explore it in a browser at " + gateway.url("/-/explore")) !=
              std::string::npos);
        CHECK(started.find("metrics for Prometheus at " + gateway.url("/-/metrics")) !=
              std::string::npos);

        const apicat::http::Response page = fetch(gateway.url("/-/explore"));
        CHECK(page.status == 200);
        CHECK(response_header(page, "Content-Type") == "text/html; charset=utf-8");
        CHECK(response_header(page, "Content-Security-Policy").find("default-src 'none'") !=
              std::string::npos);
        CHECK(page.body.find("Call operation") != std::string::npos);
        // The page is the same for every catalog: nothing of a draft is written into it.
        CHECK(page.body.find(hostile_title) == std::string::npos);

        const apicat::http::Response listed = fetch(gateway.url("/-/explore/catalog"));
        REQUIRE(listed.status == 200);
        const Json catalog = Json::parse(listed.body);
        CHECK(catalog["catalog"] == "sandbox");
        CHECK(catalog["endpoint"] == gateway.url("/sandbox"));
        const Json& api = catalog["products"][0]["apis"][0];
        CHECK(api["title"] == hostile_title); // as data, for the page to show as text
        CHECK(api["base_path"] == "/weather");
        const Json& operation = api["operations"][0];
        CHECK(operation["method"] == "GET");
        CHECK(operation["path"] == "/current");
        CHECK(operation["parameters"][0]["name"] == "zipcode");
        CHECK(operation["parameters"][0]["required"] == true);
        CHECK(operation["credentials"]["client_id"]["name"] == "X-IBM-Client-Id");
        CHECK(operation["credentials"]["client_secret"]["name"] == "X-IBM-Client-Secret");
        CHECK(operation["security"][0].size() == 2);
        CHECK(catalog["test_app"]["client_id"] == sandbox["test_app"]["client_id"]);
        CHECK(catalog["test_app"]["client_secret"] == sandbox["test_app"]["client_secret"]);
        const std::string app_secret = app["client_secret"];
        CHECK(listed.body.find(app_secret) == std::string::npos);

        CHECK(fetch(gateway.url("/-/explore"), "POST").status == 405);
        CHECK(fetch(gateway.url("/-/explore/nothing")).status == 404);
        CHECK(fetch(gateway.url("/-/explore/analytics?since=soon")).status == 400);
    }

    TEST_CASE("outside the sandbox, the Explore page gets no credentials to fill in")
    {
        ScratchDir dir;
        apicat_ok(dir, {"catalog", "create", "production"});
        ServeProcess gateway(dir, {"--catalog", "production"});
        const apicat::http::Response listed = fetch(gateway.url("/-/explore/catalog"));
        REQUIRE(listed.status == 200);
        const Json catalog = Json::parse(listed.body);
        CHECK(catalog["catalog"] == "production");
        CHECK(catalog["test_app"].is_null());
        const Json production =
            Json::parse(apicat_ok(dir, {"catalog", "show", "production", "-o", "json"}));
        const std::string secret = production["test_app"]["client_secret"];
        CHECK(listed.body.find(secret) == std::string::npos);
    }

    TEST_CASE("the Explore page calls an operation in a real browser")
    {
        ScratchDir dir;
        TestServer upstream(weather_routes);
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"), hostile_title);
        ServeProcess gateway(dir);

        const std::filesystem::path screenshot = test_output_dir() / "explore-page.png";
        const RunResult browser =
            run_process("/usr/bin/node",
                        {std::string(APICAT_SOURCE_DIR) + "/tests/browser/explore_page.mjs",
                         "--page", gateway.url("/-/explore"), "--screenshot", screenshot.string(),
                         "--expect-title", hostile_title, "--expect-body", "90210"},
                        dir.path());
        INFO("the browser test said:\n", browser.out, browser.err);
        CHECK(browser.exit_code == 0);
        CHECK(browser.out.find("not ok") == std::string::npos);
        CHECK(std::filesystem::file_size(screenshot) > 0);
        MESSAGE("screenshot of the Explore page: ", screenshot.string());

        // apicat analytics reports the browser's calls: the gateway writes what it holds when
        // it stops.
        CHECK(gateway.stop() == 0);
        const Json by_status =
            Json::parse(apicat_ok(dir, {"analytics", "--by", "status", "-o", "json"}));
        std::map<std::string, Json> groups;
        for (const Json& group : by_status["groups"]) {
            groups[group["key"]] = group;
        }
        // c and h called with the test app's credentials; d with a random Client ID, e
        // without a secret.
        CHECK(groups["200"]["calls"] >= 2);
        CHECK(groups["401"]["calls"] >= 2);
        CHECK(groups["401"]["errors"] == groups["401"]["calls"]);
        CHECK(groups["200"]["p50_ms"] > 0);
        const Json by_app = Json::parse(apicat_ok(dir, {"analytics", "--by", "app", "-o", "json"}));
        bool test_app_seen = false;
        for (const Json& group : by_app["groups"]) {
            test_app_seen = test_app_seen || group["key"] == "sandbox-test-app";
        }
        CHECK(test_app_seen);
    }

    TEST_CASE("apicat explore sends no invented credentials for a scheme the gateway cannot check")
    {
        // API Connect's drafts: GET /oauth-only needs an OAuth token, GET /either an OAuth token
        // or the app's client ID and secret in the query.
        ScratchDir dir;
        for (const char* name : {"security-options-v2.yaml", "security-options-v3.yaml",
                                 "security-options-product.yaml"}) {
            dir.write(name, source_file(std::string("tests/fixtures/apic/") + name));
        }
        apicat_ok(dir, {"publish", "security-options-product.yaml", "-q"});

        const std::string oauth_only = apicat_ok(dir, {"explore", "GET /oauth-only"});
        INFO(oauth_only);
        CHECK_FALSE(has(oauth_only, " -u "));
        CHECK_FALSE(has(oauth_only, "<client-id>"));
        CHECK(has(oauth_only, "/options/oauth-only'\n"));
        CHECK(has(oauth_only, "  note:      no credentials: apicat's gateway cannot check 'OAuth' "
                              "(oauth2), so it refuses this call (401)\n"));
        const Json oauth_only_json =
            Json::parse(apicat_ok(dir, {"explore", "GET /oauth-only", "-o", "json"}));
        CHECK(oauth_only_json[0]["credentials"].empty());
        CHECK(oauth_only_json[0]["unchecked"] ==
              Json::parse(R"([{"scheme": "OAuth", "what": "oauth2"}])"));

        const std::string either = apicat_ok(dir, {"explore", "GET /either"});
        INFO(either);
        CHECK_FALSE(has(either, " -u "));
        CHECK(has(either, "/options/either?client_id=<client-id>&client_secret=<client-secret>'"));
        CHECK(has(either, "  note:      apicat's gateway cannot check 'OAuth' (oauth2): the line "
                          "uses the next option instead\n"));

        // An operation anyone may call gets a line without credentials, and no note.
        const std::string open = apicat_ok(dir, {"explore", "GET /public"});
        INFO(open);
        CHECK(has(open, "/options/public'\n"));
        CHECK_FALSE(has(open, "client-id"));
        CHECK_FALSE(has(open, "note:"));

        // api show describes such a definition as what it is, not as the app's credentials.
        const std::string shown = apicat_ok(dir, {"api", "show", "security-options-v2.yaml"});
        INFO(shown);
        CHECK(has(shown, "    OAuth: oauth2 (apicat's gateway cannot check it)\n"));
        CHECK_FALSE(has(shown, "OAuth: oauth2 in user = client ID"));
    }
}

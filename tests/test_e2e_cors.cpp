// End to end: a browser's cross-origin calls to `gateway serve`, a preflight and then the call,
// for an API whose x-ibm-configuration.cors enables CORS (docs/gateway.md, "CORS").

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"
#include "util/text.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>

using apicat::test::apicat_ok;
using apicat::test::publish_weather;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

const std::string page_origin = "https://app.example";

// Every value of the field `name` (in any case), in order.
std::vector<std::string> values_in_any_case(const apicat::http::Response& response,
                                            const std::string& name)
{
    std::vector<std::string> found;
    for (const apicat::http::Header& header : response.headers) {
        if (apicat::util::equal_ignoring_case(header.name, name)) {
            found.push_back(header.value);
        }
    }
    return found;
}

apicat::http::Response send(const std::string& method, const std::string& url,
                            std::vector<apicat::http::Header> headers)
{
    apicat::http::Request request;
    request.method = method;
    request.url = url;
    request.headers = std::move(headers);
    request.timeout = 5s;
    return apicat::http::Client().send(request);
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("gateway serve answers a browser's preflight and its cross-origin call")
    {
        ScratchDir dir;
        TestServer upstream([](httplib::Server& server) {
            server.Get(
                "/weather/current", [](const httplib::Request&, httplib::Response& response) {
                    response.set_header("Access-Control-Allow-Origin", "*"); // the gateway's to say
                    response.set_content(R"({"zip":"90210"})", "application/json");
                });
        });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        std::string draft = dir.read("weather.yaml");
        const std::string configuration = "x-ibm-configuration:\n";
        REQUIRE(draft.find(configuration) != std::string::npos);
        draft.insert(draft.find(configuration) + configuration.size(),
                     "  cors:\n    enabled: true\n");
        dir.write("weather.yaml", draft);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        Json app = Json::parse(apicat_ok(
            dir, {"app", "register", "page-app", "--subscribe", "weather-product", "-o", "json"}));

        ServeProcess gateway(dir);
        const std::string endpoint = gateway.url("/sandbox/weather/current?zipcode=90210");

        // The preflight, as a browser sends it: no credentials.
        apicat::http::Response preflight =
            send("OPTIONS", endpoint,
                 {{"Origin", page_origin},
                  {"Access-Control-Request-Method", "GET"},
                  {"Access-Control-Request-Headers", "x-ibm-client-id, x-ibm-client-secret"}});
        CHECK(preflight.status == 200);
        CHECK(preflight.body.empty());
        CHECK(values_in_any_case(preflight, "Access-Control-Allow-Origin") ==
              std::vector<std::string>{page_origin});
        CHECK(values_in_any_case(preflight, "Access-Control-Allow-Credentials") ==
              std::vector<std::string>{"true"});
        CHECK(values_in_any_case(preflight, "Access-Control-Allow-Methods") ==
              std::vector<std::string>{"GET"});
        CHECK(values_in_any_case(preflight, "Access-Control-Allow-Headers") ==
              std::vector<std::string>{"x-ibm-client-id, x-ibm-client-secret"});
        CHECK(values_in_any_case(preflight, "Vary") == std::vector<std::string>{"Origin"});

        // The call itself: the upstream's answer, with the gateway's CORS fields instead of its.
        apicat::http::Response call = send("GET", endpoint,
                                           {{"Origin", page_origin},
                                            {"X-IBM-Client-Id", app["client_id"]},
                                            {"X-IBM-Client-Secret", app["client_secret"]}});
        CHECK(call.status == 200);
        CHECK(call.body == R"({"zip":"90210"})");
        CHECK(values_in_any_case(call, "Access-Control-Allow-Origin") ==
              std::vector<std::string>{page_origin});
        CHECK(values_in_any_case(call, "Access-Control-Allow-Credentials") ==
              std::vector<std::string>{"true"});
        CHECK(values_in_any_case(call, "Access-Control-Expose-Headers") ==
              std::vector<std::string>{"X-RateLimit-Name, X-RateLimit-Limit, "
                                       "X-RateLimit-Remaining, X-RateLimit-Exceeded, Retry-After"});
        CHECK(values_in_any_case(call, "Vary") == std::vector<std::string>{"Origin"});

        // A refusal too, so that the page can read why.
        apicat::http::Response refused = send("GET", endpoint, {{"Origin", page_origin}});
        CHECK(refused.status == 401);
        CHECK(values_in_any_case(refused, "Access-Control-Allow-Origin") ==
              std::vector<std::string>{page_origin});

        // In-process invoke decides the same.
        RunResult invoked = run_apicat({"invoke", "GET", "/weather/current?zipcode=1", "--test-app",
                                        "-H", "Origin: " + page_origin, "-i"},
                                       dir.path());
        CHECK(invoked.exit_code == 0);
        CHECK(invoked.out.find("Access-Control-Allow-Origin: " + page_origin + "\n") !=
              std::string::npos);
        CHECK(invoked.out.find("Access-Control-Allow-Origin: *") == std::string::npos);

        CHECK(gateway.stop() == 0);
        CHECK(gateway.log().find("OPTIONS /sandbox/weather/current 200") != std::string::npos);
    }
}

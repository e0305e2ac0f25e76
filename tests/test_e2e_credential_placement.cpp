// End to end: `apicat invoke` places an app's credentials as the published operation asks,
// for each kind of scheme (apiKey in a header, apiKey in the query, basic, a client ID alone),
// in-process and with --gateway against a real `gateway serve`; and neither the well-known
// X-IBM headers nor the secret ever reach the upstream.

#include "support/apicat_in.hpp"
#include "support/invoked.hpp"
#include "support/recording_upstream.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/text_parts.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::has;
using apicat::test::invoke;
using apicat::test::Invoked;
using apicat::test::RecordingUpstream;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

// One operation per way of taking credentials; UPSTREAM is replaced by the recording one.
const char* placement_draft = R"(swagger: '2.0'
info:
  title: Placement
  x-ibm-name: placement
  version: 1.0.0
basePath: /placement
securityDefinitions:
  Header ID:
    type: apiKey
    in: header
    name: X-Key
    x-key-type: client_id
  Header Secret:
    type: apiKey
    in: header
    name: X-Password
    x-key-type: client_secret
  Query ID:
    type: apiKey
    in: query
    name: key
    x-key-type: client_id
  Query Secret:
    type: apiKey
    in: query
    name: password
    x-key-type: client_secret
  Basic:
    type: basic
  Default ID:
    type: apiKey
    in: header
    name: X-IBM-Client-Id
    x-key-type: client_id
x-ibm-configuration:
  assembly:
    execute:
      - invoke:
          target-url: 'UPSTREAM$(request.path)$(request.search)'
paths:
  /header:
    get:
      security:
        - Header ID: []
          Header Secret: []
      responses:
        '200':
          description: ok
  /query:
    get:
      security:
        - Query ID: []
          Query Secret: []
      responses:
        '200':
          description: ok
  /basic:
    get:
      security:
        - Basic: []
      responses:
        '200':
          description: ok
  /id-only:
    get:
      security:
        - Default ID: []
      responses:
        '200':
          description: ok
)";

const char* placement_product = R"(product: 1.0.0
info:
  name: placement-product
  title: Placement Product
  version: 1.0.0
apis:
  placement:
    $ref: placement.yaml
plans:
  default:
    title: Default Plan
    approval: false
    rate-limits:
      default:
        value: 1000/1hour
)";

// The placement draft and product published with `upstream` as their target, and app "a"
// subscribed to them: its JSON.
Json publish_placement(const ScratchDir& dir, const TestServer& upstream)
{
    std::string text = placement_draft;
    text.replace(text.find("UPSTREAM"), 8, upstream.url(""));
    dir.write("placement.yaml", text);
    dir.write("placement-product.yaml", placement_product);
    apicat_ok(dir, {"publish", "placement-product.yaml"});
    return Json::parse(
        apicat_ok(dir, {"app", "register", "a", "--subscribe", "placement-product", "-o", "json"}));
}

std::string lowercase(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return text;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("invoke places credentials as each operation asks, in-process and through the "
              "gateway, and the upstream sees none of them")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        const Json app = publish_placement(dir, upstream);
        const std::string id = app["client_id"];
        const std::string secret = app["client_secret"];

        ServeProcess gateway(dir);
        const std::vector<std::vector<std::string>> front_ends = {{},
                                                                  {"--gateway", gateway.url("")}};
        for (const std::vector<std::string>& front_end : front_ends) {
            for (const std::string path : {"/placement/header", "/placement/query",
                                           "/placement/basic", "/placement/id-only"}) {
                CAPTURE(path);
                CAPTURE(front_end.size());
                const auto through_front_end = [&](std::vector<std::string> args) {
                    args.insert(args.end(), front_end.begin(), front_end.end());
                    return invoke(dir, args);
                };
                const Invoked called =
                    through_front_end({"GET", path, "--client-id", id, "--client-secret", secret});
                CHECK(called.more_information == "");
                CHECK(called.status == 200);
                CHECK(through_front_end({"GET", path, "--test-app"}).status == 200);
                // A wrong secret is refused wherever it is placed: the gateway read it there.
                if (path != "/placement/id-only") {
                    CHECK(through_front_end(
                              {"GET", path, "--client-id", id, "--client-secret", "wrong"})
                              .more_information == "Client secret invalid");
                }
            }
        }
        CHECK(has(recording.seen(), "GET /placement/query\n"));
        CHECK(has(recording.seen(), "GET /placement/id-only\n"));
        const std::string seen = lowercase(recording.seen());
        CHECK_FALSE(has(seen, "x-ibm-client"));
        CHECK_FALSE(has(seen, "x-key"));
        CHECK_FALSE(has(seen, "x-password"));
        CHECK_FALSE(has(seen, "authorization"));
        CHECK_FALSE(has(seen, "key="));
        CHECK_FALSE(has(recording.seen(), secret));
        CHECK_FALSE(has(recording.seen(), id));
    }

    TEST_CASE("the gateway keeps X-IBM credential headers an API does not define from its "
              "upstream, and says where an operation takes credentials")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        const Json app = publish_placement(dir, upstream);
        const std::string id = app["client_id"];
        const std::string secret = app["client_secret"];
        ServeProcess gateway(dir);

        // A client such as curl that sends both X-IBM headers to operations that read one of
        // them, or neither.
        for (const char* path : {"/sandbox/placement/id-only", "/sandbox/placement/basic"}) {
            apicat::http::Request request;
            request.url = gateway.url(path);
            request.headers = {{"X-IBM-Client-Id", id},
                               {"X-IBM-Client-Secret", secret},
                               {"x-ibm-client-secret", "lowercase " + secret},
                               {"Authorization", "Basic " + std::string("YTpi")}};
            apicat::http::Client().send(request);
        }
        CHECK(has(recording.seen(), "GET /placement/id-only\n"));
        CHECK_FALSE(has(lowercase(recording.seen()), "x-ibm-client"));
        CHECK_FALSE(has(recording.seen(), secret));

        apicat::http::Request question;
        question.url =
            gateway.url("/-/credentials?method=get&target=%2Fsandbox%2Fplacement%2Fquery");
        const apicat::http::Response answer = apicat::http::Client().send(question);
        CHECK(answer.status == 200);
        CHECK(Json::parse(answer.body) ==
              Json::parse(R"({"client_id": {"in": "query", "name": "key"},
                              "client_secret": {"in": "query", "name": "password"}})"));
        question.url = gateway.url("/-/credentials?method=GET&target=/sandbox/nowhere");
        CHECK(apicat::http::Client().send(question).body == "{}");
        question.url = gateway.url("/-/nothing");
        CHECK(apicat::http::Client().send(question).status == 404);
    }
}

TEST_SUITE("e2e")
{
    TEST_CASE("invoke --gateway sends the X-IBM headers to a server that is not an apicat gateway")
    {
        ScratchDir dir;
        RecordingUpstream other; // answers /-/credentials with its weather, as it answers all
        TestServer server([&](httplib::Server& s) { other.routes(s); });
        const RunResult result =
            run_apicat({"invoke", "GET", "/weather/current", "--gateway", server.url(""),
                        "--client-id", "the-id", "--client-secret", "the-secret"},
                       dir.path());
        INFO(result.err);
        CHECK(result.exit_code == 0);
        CHECK(has(other.seen(),
                  "GET /-/credentials?method=GET&target=%2Fsandbox%2Fweather%2Fcurrent\n"));
        const std::string call =
            other.seen().substr(other.seen().find("GET /sandbox/weather/current"));
        CHECK(has(call, "X-IBM-Client-Id: the-id\n"));
        CHECK(has(call, "X-IBM-Client-Secret: the-secret\n"));
    }
}

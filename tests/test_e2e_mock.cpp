// End to end: `apicat gateway serve`'s mock upstream on OpenAPI's petstore-expanded example in
// API Connect's shape, with response schemas and no examples, secured by Client ID and secret:
// Dredd, the API testing tool (npm `dredd`), checks it against the very draft it mocks.

#include "support/apicat_in.hpp"
#include "support/app_call.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>

using apicat::test::apicat_ok;
using apicat::test::AppCredentials;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::source_file;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const char* const petstore_draft = "petstore-expanded-mock.yaml";
const char* const petstore_product = "petstore-expanded-product.yaml";

// Where scripts/setup installs Dredd: with npm, into the repository's git-ignored .cache.
const fs::path dredd = fs::path(APICAT_SOURCE_DIR) / ".cache/npm/node_modules/.bin/dredd";
// Hooks that work around two bugs of Dredd's own (the file says which).
const fs::path hooks = fs::path(APICAT_SOURCE_DIR) / "tests/support/dredd_hooks.js";

// The fixtures published to sandbox, and an app subscribed to their plan.
AppCredentials publish_petstore(const ScratchDir& dir)
{
    for (const std::string name : {petstore_draft, petstore_product}) {
        dir.write(name, source_file("tests/fixtures/apic/" + name));
    }
    apicat_ok(dir, {"publish", petstore_product});
    Json app = Json::parse(apicat_ok(
        dir, {"app", "register", "client", "--subscribe", "petstore-product", "-o", "json"}));
    return {app["client_id"], app["client_secret"]};
}

RunResult run_dredd(const ScratchDir& dir, const ServeProcess& gateway,
                    const std::vector<std::string>& headers)
{
    std::vector<std::string> args = {petstore_draft, gateway.url("/sandbox"),
                                     "--hookfiles=" + hooks.string(), "--color=false"};
    for (const std::string& header : headers) {
        args.insert(args.end(), {"--header", header});
    }
    return run_process(dredd.string(), args, dir.path());
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("Dredd passes every transaction of a mock draft with schemas and no examples")
    {
        INFO("Dredd is not installed at ", dredd.string(),
             ": scripts/setup installs it with npm, and CI runs scripts/setup");
        REQUIRE(fs::exists(dredd));
        ScratchDir dir;
        const AppCredentials credentials = publish_petstore(dir);
        const std::string id = "X-IBM-Client-Id: " + credentials.id;
        const std::string secret = "X-IBM-Client-Secret: " + credentials.secret;
        ServeProcess gateway(dir);

        RunResult passed = run_dredd(dir, gateway, {id, secret});
        INFO("dredd said:\n", passed.out, passed.err);
        CHECK(passed.exit_code == 0);
        CHECK(passed.out.find("complete: 4 passing, 0 failing, 0 errors, 0 skipped, 4 total") !=
              std::string::npos);

        // Without the secret, each call is refused with a 401, and Dredd fails them all: what it
        // says when a transaction fails is what the checks above rule out.
        RunResult refused = run_dredd(dir, gateway, {id});
        INFO("dredd without the secret said:\n", refused.out, refused.err);
        CHECK(refused.exit_code != 0);
        CHECK(refused.out.find("complete: 0 passing, 4 failing") != std::string::npos);
    }

    TEST_CASE("a call's Prefer header reaches the mock through gateway serve")
    {
        ScratchDir dir;
        const AppCredentials credentials = publish_petstore(dir);
        ServeProcess gateway(dir);
        apicat::http::Request request;
        request.url = gateway.url("/sandbox/api/pets/1");
        request.headers = {{"X-IBM-Client-Id", credentials.id},
                           {"X-IBM-Client-Secret", credentials.secret},
                           {"Prefer", "code=404"}};
        request.timeout = 5s;
        // petstore-expanded documents a 404 only through `default`: its ErrorModel, as a 404.
        apicat::http::Response response = apicat::http::Client().send(request);
        CHECK(response.status == 404);
        CHECK(Json::parse(response.body) == Json{{"code", 0}, {"message", "string"}});
        request.method = "DELETE";
        request.headers.pop_back();
        response = apicat::http::Client().send(request);
        CHECK(response.status == 204);
        CHECK(response.body.empty());
        for (const apicat::http::Header& header : response.headers) {
            CHECK(header.name != "Content-Type");
        }
    }
}

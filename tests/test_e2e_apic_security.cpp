// End to end: drafts secured as API Connect writes them (tests/fixtures/apic/security-*),
// validated, published and called with `apicat invoke` against a real upstream.

#include "support/apicat_in.hpp"
#include "support/invoked.hpp"
#include "support/recording_upstream.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/text_parts.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using apicat::test::apicat_in;
using apicat::test::apicat_ok;
using apicat::test::has;
using apicat::test::invoke;
using apicat::test::Invoked;
using apicat::test::RecordingUpstream;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::source_file;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

const char* fixtures[] = {"security-options-v2.yaml", "security-options-v3.yaml",
                          "security-options-product.yaml"};

// The fixtures in `dir`, their upstream `upstream` instead of weather.example.com.
void write_security_fixtures(const ScratchDir& dir, const std::string& upstream)
{
    for (const char* name : fixtures) {
        std::string text = source_file(std::string("tests/fixtures/apic/") + name);
        const std::string host = "https://weather.example.com";
        for (auto at = text.find(host); at != std::string::npos;
             at = text.find(host, at + upstream.size())) {
            text.replace(at, host.size(), upstream);
        }
        dir.write(name, text);
    }
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("drafts secured as API Connect writes them publish with warnings and are enforced")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        write_security_fixtures(dir, upstream.url(""));

        RunResult published = apicat_in(dir, {"publish", "security-options-product.yaml"});
        INFO(published.err);
        REQUIRE(published.exit_code == 0);
        CHECK(has(published.err,
                  "apicat: warning: security-options-v2.yaml:79:11: the security option 'OAuth' "
                  "of GET /oauth-only needs oauth2, which apicat's gateway does not check"));
        CHECK(has(published.err, "'Staff Registry' of GET /staff needs basic against user "
                                 "registry 'staff-ldap'"));
        CHECK(has(published.err, "security-options-v3.yaml:66:11: the security option 'corporate "
                                 "sso' of GET /sso needs openIdConnect"));
        CHECK_FALSE(has(published.err, "Unused OAuth"));
        Json republished =
            Json::parse(apicat_ok(dir, {"publish", "security-options-product.yaml", "-o", "json"}));
        REQUIRE(republished["warnings"].size() == 4);
        CHECK(republished["warnings"][0]["file"] == "security-options-v2.yaml");
        CHECK(republished["warnings"][0]["line"] == 79);
        CHECK(apicat_in(dir, {"publish", "security-options-product.yaml", "-q"}).err.empty());

        // 2.0: the ID and the secret in the query, the secret's definition first, names with
        // spaces.
        CHECK(invoke(dir, {"GET", "/options/current?zipcode=90210", "--test-app"}).status == 200);
        CHECK(has(recording.seen(), "GET /options/current?zipcode=90210\n"));
        CHECK_FALSE(has(recording.seen(), "client_id"));
        CHECK_FALSE(has(recording.seen(), "client_secret"));
        CHECK(invoke(dir, {"GET", "/options/current?zipcode=90210", "--client-id",
                           "0123456789abcdef0123456789abcdef", "--client-secret", "x"}) ==
              Invoked{401, "Client ID not registered"});
        CHECK(invoke(dir, {"GET", "/options/public"}).status == 200);
        CHECK(invoke(dir, {"GET", "/options/oauth-only", "--test-app"}).status == 401);
        CHECK(invoke(dir, {"GET", "/options/either", "--test-app"}).status == 200);
        CHECK(invoke(dir, {"GET", "/options/staff", "--test-app"}).status == 401);

        // 3.0: x-key-type on headers whose names say nothing, `{}` among the options.
        recording.forget();
        CHECK(invoke(dir, {"GET", "/options3/current?zipcode=90210", "--test-app"}).status == 200);
        CHECK(has(recording.seen(), "GET /options3/current?zipcode=90210\n"));
        CHECK_FALSE(has(recording.seen(), "X-Weather-Key"));
        CHECK(invoke(dir, {"GET", "/options3/status"}).status == 200);
        CHECK(invoke(dir, {"GET", "/options3/status", "--test-app"}).status == 200);
        Invoked sso = invoke(dir, {"GET", "/options3/sso", "--test-app"});
        CHECK(sso.status == 401);
        CHECK(has(sso.more_information, "'corporate sso'"));
    }

    TEST_CASE("api validate fails where publish would refuse, unless asked for OpenAPI only")
    {
        ScratchDir dir;
        write_security_fixtures(dir, "https://weather.example.com");
        apicat_ok(dir, {"api", "create", "bare.yaml", "--title", "Bare", "--target-url", "mock:"});
        std::string bare = dir.read("bare.yaml");
        dir.write("no-upstream.yaml", bare.substr(0, bare.find("x-ibm-configuration")));

        RunResult refused = apicat_in(dir, {"api", "validate", "no-upstream.yaml"});
        CHECK(refused.exit_code == 1);
        CHECK(has(refused.err, "no-upstream.yaml:1:1: error: the draft has no upstream"));
        CHECK(has(refused.out, "no-upstream.yaml: invalid"));
        CHECK(apicat_in(dir, {"api", "validate", "--openapi-only", "no-upstream.yaml"}).exit_code ==
              0);

        RunResult warned = apicat_in(dir, {"api", "validate", "security-options-v2.yaml"});
        CHECK(warned.exit_code == 0);
        CHECK(has(warned.err, "security-options-v2.yaml:88:11: warning: the security option "
                              "'OAuth' of GET /either needs oauth2"));
        CHECK(apicat_in(dir, {"api", "validate", "-q", "security-options-v2.yaml"}).err.empty());
        Json report = Json::parse(
            apicat_ok(dir, {"api", "validate", "security-options-v2.yaml", "-o", "json"}));
        CHECK(report[0]["valid"] == true);
        CHECK(report[0]["warnings"].size() == 3);
        CHECK(report[0]["warnings"][0]["line"] == 79);
    }

    TEST_CASE("product validate reports every problem of a product and its drafts")
    {
        ScratchDir dir;
        write_security_fixtures(dir, "https://weather.example.com");
        RunResult valid = apicat_in(dir, {"product", "validate", "security-options-product.yaml"});
        INFO(valid.err);
        CHECK(valid.exit_code == 0);
        CHECK(valid.out == "security-options-product.yaml: valid (2 APIs, 1 plan, 4 warnings)\n");
        CHECK(has(valid.err, "security-options-v3.yaml:66:11: warning:"));

        apicat_ok(dir, {"api", "create", "bare.yaml", "--title", "Bare", "--base-path", "/options",
                        "--target-url", "mock:"});
        std::string bare = dir.read("bare.yaml");
        dir.write("no-upstream.yaml", bare.substr(0, bare.find("x-ibm-configuration")));
        dir.write("broken-product.yaml",
                  "product: 1.0.0\ninfo: {name: broken, title: Broken, version: 1.0.0}\n"
                  "apis:\n  options: {$ref: security-options-v2.yaml}\n"
                  "  bare: {$ref: no-upstream.yaml}\n  gone: {$ref: nowhere.yaml}\n"
                  "plans:\n  default: {}\n");
        RunResult broken = apicat_in(dir, {"product", "validate", "broken-product.yaml"});
        CHECK(broken.exit_code == 1);
        CHECK(has(broken.err, "no-upstream.yaml:1:1: error: the draft has no upstream"));
        CHECK(has(broken.err, "apicat: error: broken-product.yaml: api 'gone':"));
        CHECK(has(broken.err, "apis 'options' and 'bare' are both served under '/options'"));
        CHECK(has(broken.err, "warning: the security option 'OAuth'"));
        CHECK(broken.out == "broken-product.yaml: invalid (3 APIs, 1 plan, 3 warnings)\n");
        Json report = Json::parse(
            apicat_in(dir, {"product", "validate", "broken-product.yaml", "-o", "json"}).out);
        CHECK(report["valid"] == false);
        CHECK(report["errors"].size() == 1);
        CHECK(report["apis"][0]["valid"] == true);
        CHECK(report["apis"][1]["valid"] == false);
        CHECK(report["apis"][2]["valid"] == false);
        CHECK(apicat_in(dir, {"publish", "broken-product.yaml"}).exit_code == 1);
    }
}

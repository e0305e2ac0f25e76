#include "catalog/publish_checks.hpp"

#include "openapi/source.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace apicat;
using apicat::openapi::Finding;

namespace {

// A 2.0 draft with an upstream, the given definitions, API-level security and paths.
openapi::Draft v2_draft(const std::string& definitions, const std::string& security,
                        const std::string& paths)
{
    std::string text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n"
                       "x-ibm-configuration:\n  assembly:\n    execute:\n"
                       "      - invoke: {target-url: 'https://up.example.com'}\n"
                       "securityDefinitions:\n" +
                       definitions + "security: " + security + "\npaths:\n" + paths;
    return openapi::draft_from_source(openapi::source_from_text("t.yaml", text));
}

const std::string app_keys =
    "  id: {type: apiKey, in: header, name: X-Id}\n"
    "  secret: {type: apiKey, in: header, name: X-Secret}\n"
    "  token: {type: oauth2, flow: application, tokenUrl: 'https://a.example/t', scopes: {}}\n"
    "  staff: {type: basic, x-ibm-authentication-registry: ldap}\n"
    "  plain: {type: basic}\n";

const std::string get_x = "  /x:\n    get:\n      responses: {'200': {description: OK}}\n";

std::string get_x_with(const std::string& security)
{
    return "  /x:\n    get:\n      security: " + security +
           "\n      responses: {'200': {description: OK}}\n";
}

std::vector<Finding> of(Finding::Severity severity, const std::vector<Finding>& findings)
{
    std::vector<Finding> kept;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(kept),
                 [&](const Finding& finding) { return finding.severity == severity; });
    return kept;
}

} // namespace

TEST_CASE("publish checks accept app credentials, plain basic, and options that ask for nothing")
{
    for (const char* security : {"[{id: [], secret: []}]", "[{secret: [], id: []}]",
                                 "[{plain: []}]", "[{}]", "[{}, {id: []}]", "[]"}) {
        INFO(security);
        CHECK(catalog::publish_findings(v2_draft(app_keys, security, get_x), "").empty());
    }
}

TEST_CASE("publish checks warn of an option the gateway cannot check, naming it and its place")
{
    std::vector<Finding> findings = catalog::publish_findings(
        v2_draft(app_keys, "[{id: []}]", get_x_with("[{token: []}, {id: [], secret: []}]")), "");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Finding::Severity::warning);
    CHECK(findings[0].message ==
          "the security option 'token' of GET /x needs oauth2, which apicat's gateway does not "
          "check: it admits no call through this option");
    CHECK(findings[0].where == openapi::Path{"paths", "/x", "get", "security", "0"});

    std::vector<Finding> staff =
        catalog::publish_findings(v2_draft(app_keys, "[{id: [], staff: []}]", get_x), "");
    REQUIRE(staff.size() == 1);
    CHECK(staff[0].where == openapi::Path{"security", "0"});
    CHECK(staff[0].message.find("of the API needs 'staff' (basic against user registry 'ldap')") !=
          std::string::npos);
}

TEST_CASE("publish checks ignore what nothing uses")
{
    // The API's options are overridden by the only operation; the oauth2 definition is unused.
    CHECK(
        catalog::publish_findings(v2_draft(app_keys, "[{token: []}]", get_x_with("[{id: []}]")), "")
            .empty());
}

TEST_CASE("publish checks refuse an option with a secret and no client ID, and no upstream")
{
    std::vector<Finding> findings =
        catalog::publish_findings(v2_draft(app_keys, "[{secret: []}]", get_x), "");
    REQUIRE(of(Finding::Severity::error, findings).size() == 1);
    CHECK(findings[0].message.find("asks for a client secret but no client ID") !=
          std::string::npos);

    openapi::Draft no_upstream = openapi::draft_from_source(openapi::source_from_text(
        "n.yaml", "swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths:\n" + get_x));
    std::vector<Finding> refused = catalog::publish_findings(no_upstream, "");
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].severity == Finding::Severity::error);
    CHECK(refused[0].message.rfind("the draft has no upstream for the gateway to call", 0) == 0);
}

TEST_CASE("publish checks read x-key-type in 2.0 securityDefinitions and 3.0 securitySchemes")
{
    // Named like an ID, typed as a secret: alone in an option, it is a secret without an ID.
    std::string misleading = "  key: {type: apiKey, in: header, name: X-Key, x-key-type: "
                             "client_secret}\n";
    CHECK(openapi::has_errors(
        catalog::publish_findings(v2_draft(misleading, "[{key: []}]", get_x), "")));

    std::string v3 = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
                     "x-ibm-configuration: {assembly: {execute: [{invoke: {target-url: "
                     "'https://up.example.com'}}]}}\n"
                     "components:\n  securitySchemes:\n" +
                     misleading + "security: [{key: []}]\npaths:\n" + get_x;
    openapi::Draft draft = openapi::draft_from_source(openapi::source_from_text("v3.yaml", v3));
    CHECK(openapi::has_errors(catalog::publish_findings(draft, "")));
}

TEST_CASE("publish checks locate findings as file:line:column")
{
    openapi::Draft draft = v2_draft(app_keys, "[{id: []}]", get_x_with("[{token: []}]"));
    std::vector<catalog::LocatedFinding> located =
        catalog::locate_findings(draft, catalog::publish_findings(draft, ""));
    REQUIRE(located.size() == 1);
    CHECK(located[0].at.file == "t.yaml");
    CHECK(located[0].at.line == 17); // the operation's security option
    CHECK(located[0].str().rfind("t.yaml:17:", 0) == 0);
}

TEST_CASE("publish checks refuse a base path the gateway keeps for its own pages")
{
    auto findings_for = [](const std::string& base) {
        const std::string head = "swagger: '2.0'\ninfo: {title: Admin API, version: '1'}\n";
        const std::string rest = "x-ibm-configuration:\n  assembly:\n    execute:\n"
                                 "      - invoke: {target-url: 'https://up.example.com'}\n"
                                 "paths:\n";
        const std::string text = head + "basePath: " + base + "\n" + rest + get_x;
        return catalog::publish_findings(
            openapi::draft_from_source(openapi::source_from_text("admin.yaml", text)), "");
    };
    for (const char* reserved : {"/-", "/-/", "/-/admin", "/-/explore/x"}) {
        CAPTURE(reserved);
        std::vector<Finding> refused = of(Finding::Severity::error, findings_for(reserved));
        REQUIRE(refused.size() == 1);
        CHECK(refused[0].where == openapi::Path{"basePath"});
        CHECK(refused[0].message.find("the base path '") == 0);
        CHECK(refused[0].message.find("' of API 'Admin API' is reserved: the gateway keeps '/-' "
                                      "and the paths under '/-/' for its own pages") !=
              std::string::npos);
    }
    for (const char* free : {"/", "/-admin", "/a/-/b", "/admin-"}) {
        CAPTURE(free);
        CHECK(findings_for(free).empty());
    }

    std::string v3 = "openapi: 3.0.0\ninfo: {title: T, version: '1'}\n"
                     "servers: [{url: 'https://gw.example/-/metrics'}]\n"
                     "x-ibm-configuration: {assembly: {execute: [{invoke: {target-url: "
                     "'https://up.example.com'}}]}}\npaths:\n" +
                     get_x;
    openapi::Draft draft = openapi::draft_from_source(openapi::source_from_text("v3.yaml", v3));
    std::vector<catalog::LocatedFinding> located =
        catalog::locate_findings(draft, catalog::publish_findings(draft, ""));
    REQUIRE(located.size() == 1);
    CHECK(located[0].str().rfind("v3.yaml:3:", 0) == 0);
    CHECK(located[0].message.find("'/-/metrics' of API 'T' is reserved") != std::string::npos);
}

TEST_CASE("publish checks refuse a CORS section the gateway would misread")
{
    std::string text = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n"
                       "x-ibm-configuration:\n  cors:\n    enabled: true\n"
                       "    policy:\n      - allow-origin: [https://a.example]\n"
                       "        allow-credentials: 'true'\n"
                       "  assembly:\n    execute:\n"
                       "      - invoke: {target-url: 'https://up.example.com'}\n"
                       "paths:\n" +
                       get_x;
    openapi::Draft draft = openapi::draft_from_source(openapi::source_from_text("c.yaml", text));
    std::vector<catalog::LocatedFinding> located =
        catalog::locate_findings(draft, catalog::publish_findings(draft, ""));
    REQUIRE(located.size() == 1);
    CHECK(located[0].severity == Finding::Severity::error);
    CHECK(located[0].str() == "c.yaml:8:28: 'allow-credentials' must be true or false (unquoted)");
}

#include "assembly/assembly_checks.hpp"

#include <doctest/doctest.h>

#include <fmt/format.h>

using namespace apicat;
using namespace apicat::assembly;
using openapi::Finding;

namespace {

openapi::Draft draft_of(const std::string& configuration)
{
    openapi::Draft draft;
    draft.source.file = "w.json";
    draft.document = Json::parse(fmt::format(R"({{
      "swagger": "2.0",
      "info": {{"title": "Weather", "version": "1.0.0"}},
      "basePath": "/weather",
      "paths": {{
        "/current": {{"get": {{"operationId": "getCurrent",
          "parameters": [{{"name": "zipcode", "in": "query", "type": "string"}}],
          "responses": {{"200": {{"description": "OK"}}}}}}}},
        "/today": {{"get": {{"operationId": "getToday", "responses": {{"200": {{"description": "OK"}}}}}}}}
      }},
      "x-ibm-configuration": {}
    }})",
                                             configuration));
    return draft;
}

std::string joined_path(const openapi::Path& path)
{
    return fmt::format("{}", fmt::join(path, "."));
}

std::vector<Finding> of_severity(const std::vector<Finding>& findings, Finding::Severity severity)
{
    std::vector<Finding> chosen;
    for (const Finding& finding : findings) {
        if (finding.severity == severity) {
            chosen.push_back(finding);
        }
    }
    return chosen;
}

} // namespace

TEST_CASE("the assembly checks name each policy the gateway does not run, with its place")
{
    std::vector<Finding> findings = assembly_findings(draft_of(R"json({"assembly": {"execute": [
        {"gatewayscript": {"title": "add-header", "source": "x"}},
        {"operation-switch": {"case": [{"operations": ["getCurrent"], "execute": [
            {"jwt-validate": {"title": "check"}},
            {"invoke": {"target-url": "http://up.test$(request.path)"}}]}],
          "otherwise": [{"xslt": {}}, {"invoke": {"target-url": "http://up.test"}}]}},
        {"set-variable": {"actions": [{"set": "message.body", "value": "x"}]}}
      ]}})json"),
                                                      "sandbox");
    std::vector<Finding> warnings = of_severity(findings, Finding::Severity::warning);
    REQUIRE(warnings.size() == 4);
    CHECK(warnings[0].message ==
          "the gatewayscript policy 'add-header' is not run by apicat's gateway; calls go on "
          "through the rest of the assembly");
    CHECK(joined_path(warnings[0].where) == "x-ibm-configuration.assembly.execute.0.gatewayscript");
    CHECK(joined_path(warnings[1].where) ==
          "x-ibm-configuration.assembly.execute.1.operation-switch.case.0.execute.0.jwt-validate");
    CHECK(joined_path(warnings[2].where) ==
          "x-ibm-configuration.assembly.execute.1.operation-switch.otherwise.0.xslt");
    CHECK(warnings[3].message.find("set-variable of 'message.body'") != std::string::npos);
    CHECK(of_severity(findings, Finding::Severity::error).empty());
}

TEST_CASE("the assembly checks refuse a variable the draft does not define, naming it and where")
{
    std::vector<Finding> findings = assembly_findings(draft_of(R"json({
      "properties": {"host": {"value": "http://up.test"}},
      "catalogs": {"staging": {"properties": {"only-staging": "x"}}},
      "assembly": {"execute": [{"invoke": {"target-url":
        "$(host)/$(only-staging)?z=$(request.parameters.zipcode)&t=$(TARGET_HOST)"}}]}})json"),
                                                      "sandbox");
    std::vector<Finding> errors = of_severity(findings, Finding::Severity::error);
    // only-staging and TARGET_HOST for each operation, and zipcode for the one without it.
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].message.find("$(only-staging)") != std::string::npos);
    CHECK(errors[0].message.find("GET /current in catalog 'sandbox'") != std::string::npos);
    CHECK(joined_path(errors[0].where) ==
          "x-ibm-configuration.assembly.execute.0.invoke.target-url");
    // GET /today declares no zipcode.
    bool zipcode_for_today = false;
    for (const Finding& error : errors) {
        zipcode_for_today =
            zipcode_for_today || (error.message.find("zipcode") != std::string::npos &&
                                  error.message.find("GET /today") != std::string::npos);
    }
    CHECK(zipcode_for_today);

    std::vector<Finding> in_staging = assembly_findings(draft_of(R"json({
      "properties": {"host": {"value": "http://up.test"}},
      "catalogs": {"staging": {"properties": {"only-staging": "x"}}},
      "assembly": {"execute": [{"invoke": {"target-url": "$(host)/$(only-staging)"}}]}})json"),
                                                        "staging");
    CHECK(of_severity(in_staging, Finding::Severity::error).empty());
}

TEST_CASE("the assembly checks refuse a draft whose assembly calls no upstream")
{
    std::vector<Finding> findings = assembly_findings(
        draft_of(R"json({"assembly": {"execute": [{"gatewayscript": {}}]}})json"), "");
    std::vector<Finding> errors = of_severity(findings, Finding::Severity::error);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("no upstream") != std::string::npos);
    CHECK(of_severity(assembly_findings(draft_of("{}"), ""), Finding::Severity::error).size() == 1);
}

TEST_CASE("the assembly checks warn of an operation no invoke reaches and of undecidable cases")
{
    std::vector<Finding> findings = assembly_findings(draft_of(R"json({"assembly": {"execute": [
        {"switch": {"case": [
          {"condition": "$header('X-Mode') = 'a'", "execute": []},
          {"condition": "$operationID() = 'getCurrent'",
           "execute": [{"invoke": {"target-url": "http://up.test", "timeout": "soon"}}]}]}}],
      "catch": []}})json"),
                                                      "sandbox");
    std::vector<Finding> warnings = of_severity(findings, Finding::Severity::warning);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0].message.find("never holds") != std::string::npos);
    CHECK(joined_path(warnings[0].where) ==
          "x-ibm-configuration.assembly.execute.0.switch.case.0.condition");
    CHECK(warnings[1].message.find("catch") != std::string::npos);
    CHECK(warnings[2].message == "GET /today reaches no invoke in the assembly: apicat's gateway "
                                 "answers it 200 with an empty body");
    std::vector<Finding> errors = of_severity(findings, Finding::Severity::error);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("timeout") != std::string::npos);
}

TEST_CASE("the assembly checks warn of a header set after the invoke, which is not run")
{
    std::vector<Finding> findings = assembly_findings(draft_of(R"json({"assembly": {"execute": [
        {"invoke": {"target-url": "http://up.test"}},
        {"set-variable": {"actions": [{"set": "message.headers.X-After", "value": "1"}]}}]}})json"),
                                                      "sandbox");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Finding::Severity::warning);
    CHECK(findings[0].message.find("set-variable of 'message.headers.X-After' after the invoke") !=
          std::string::npos);
    CHECK(joined_path(findings[0].where) ==
          "x-ibm-configuration.assembly.execute.1.set-variable.actions.0");
}

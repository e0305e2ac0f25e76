// End to end: drafts as PyYAML writes them (tests/fixtures/pyyaml, made by
// scripts/make-pyyaml-fixtures) are edited in place, whatever forms PyYAML chose: explicit keys
// for paths longer than 128 characters, descriptions wrapped over lines, quoted dates.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "util/unified_diff.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::source_file;
using Json = nlohmann::ordered_json;

namespace {

RunResult edit_draft(const ScratchDir& dir, const std::vector<std::string>& args)
{
    RunResult result = run_apicat(args, dir.path());
    INFO(args.front(), ": ", result.err);
    CHECK(result.exit_code == 0);
    CHECK(result.err.find("re-emitted") == std::string::npos);
    return result;
}

// The lines of a unified diff that remove or add text, without its two header lines.
std::vector<std::string> changed_lines(const std::string& diff)
{
    std::vector<std::string> changed;
    std::istringstream lines(diff);
    std::string line;
    while (std::getline(lines, line)) {
        bool header = line.rfind("--- ", 0) == 0 || line.rfind("+++ ", 0) == 0;
        if (!header && !line.empty() && (line.front() == '-' || line.front() == '+')) {
            changed.push_back(line);
        }
    }
    return changed;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a PyYAML draft with explicit keys is secured in place: the diff only adds lines")
    {
        const std::string original = source_file("tests/fixtures/pyyaml/long-paths.yaml");
        REQUIRE(original.find("\n  ? /subscriptions/") != std::string::npos);
        ScratchDir dir;
        dir.write("long-paths.yaml", original);

        edit_draft(dir, {"security-definition", "add", "long-paths.yaml", "client-id", "--type",
                         "apiKey", "--in", "header", "--key", "X-IBM-Client-Id"});
        edit_draft(dir, {"security", "add", "long-paths.yaml", "client-id"});

        const std::string edited = dir.read("long-paths.yaml");
        std::vector<std::string> changed = changed_lines(
            apicat::util::unified_diff(original, edited, "a/long-paths.yaml", "b/long-paths.yaml"));
        CHECK(changed == std::vector<std::string>{
                             "+securityDefinitions:",
                             "+  client-id:",
                             "+    type: apiKey",
                             "+    in: header",
                             "+    name: X-IBM-Client-Id",
                             "+    x-key-type: client_id",
                             "+security:",
                             "+- client-id: []",
                         });

        RunResult shown = run_apicat({"api", "show", "long-paths.yaml", "-o", "json"}, dir.path());
        INFO(shown.err);
        REQUIRE(shown.exit_code == 0);
        Json api = Json::parse(shown.out);
        CHECK(api["version"] == "2019-01-01");
        CHECK(api["security_definitions"].dump().find("client-id") != std::string::npos);
        CHECK(api["security"].dump().find("client-id") != std::string::npos);
        REQUIRE(api["operations"].size() == 3);
        CHECK(api["operations"][0]["path"].get<std::string>().size() > 128);
    }

    TEST_CASE("an operation under an explicit-key path is secured in place")
    {
        const std::string original = source_file("tests/fixtures/pyyaml/long-paths.yaml");
        ScratchDir dir;
        dir.write("long-paths.yaml", original);
        const std::string path = "/subscriptions/{subscriptionId}/resourceGroups/"
                                 "{resourceGroupName}/providers/Microsoft.ApiManagement/service/"
                                 "{serviceName}/apis/{apiId}/operations/{operationId}/policies/"
                                 "policySnippets";
        REQUIRE(original.find("? " + path + "\n") != std::string::npos);

        edit_draft(
            dir, {"security-definition", "add", "long-paths.yaml", "client-id", "--type", "basic"});
        edit_draft(
            dir, {"security", "add", "long-paths.yaml", "client-id", "--operation", "GET " + path});

        const std::string edited = dir.read("long-paths.yaml");
        CHECK(
            changed_lines(apicat::util::unified_diff(original, edited, "a", "b")) ==
            std::vector<std::string>{"+      security:", "+      - client-id: []",
                                     "+securityDefinitions:", "+  client-id:", "+    type: basic"});
        RunResult shown = run_apicat({"api", "show", "long-paths.yaml", "-o", "json"}, dir.path());
        REQUIRE(shown.exit_code == 0);
        Json api = Json::parse(shown.out);
        CHECK(api["operations"][0]["security"].dump().find("client-id") != std::string::npos);
        CHECK(api["operations"][1]["security"].empty());
    }
}

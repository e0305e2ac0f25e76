// End to end: `apicat api import` from a file, standard input and a real HTTP server.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;

namespace {

const char* petstore_v31 = R"({
  "openapi": "3.1.0",
  "info": {"title": "Pet Store", "version": "1"},
  "servers": [{"url": "https://pets.example.com/v1"}],
  "paths": {"/pets": {"get": {"responses": {"200": {"description": "OK"}}}}}
}
)";

// Serves one OpenAPI document at /openapi.json.
void serve_document(httplib::Server& server, const std::string& body)
{
    server.Get("/openapi.json", [body](const httplib::Request&, httplib::Response& response) {
        response.set_content(body, "application/json");
    });
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("import from an http URL keeps the document and derives the upstream")
    {
        ScratchDir dir;
        TestServer server([](httplib::Server& s) { serve_document(s, petstore_v31); });
        RunResult result = run_apicat({"api", "import", server.url("/openapi.json")}, dir.path());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        std::string text = dir.read("pet-store.json");
        CHECK(text.rfind(R"({
  "openapi": "3.1.0",)",
                         0) == 0);
        Json document = Json::parse(text);
        CHECK(document["x-ibm-configuration"]["assembly"]["execute"][0]["invoke"]["target-url"] ==
              "https://pets.example.com$(request.path)$(request.search)");
        CHECK(run_apicat({"api", "validate", "pet-store.json"}, dir.path()).exit_code == 0);
    }

    TEST_CASE("import from a missing URL path fails with the server's status")
    {
        ScratchDir dir;
        TestServer server([](httplib::Server& s) { serve_document(s, petstore_v31); });
        RunResult result = run_apicat({"api", "import", server.url("/nothing")}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK(result.err.find("404") != std::string::npos);
    }

    TEST_CASE("import from standard input to a named YAML file converts and sets the upstream")
    {
        ScratchDir dir;
        RunResult result = run_apicat(
            {"api", "import", "-", "--output-file", "pets.yaml", "--target-url", "mock:"},
            dir.path(), petstore_v31);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        std::string text = dir.read("pets.yaml");
        CHECK(text.rfind("openapi: 3.1.0\ninfo:\n  title: Pet Store\n", 0) == 0);
        CHECK(text.find("target-url: 'mock:'") != std::string::npos);
    }

    TEST_CASE("import of a YAML file keeps its comments and refuses a non-OpenAPI one")
    {
        ScratchDir dir;
        dir.write(
            "src.yaml",
            "# mine\nswagger: '2.0'\ninfo: {title: Mine, version: '1'}\nhost: api.example.com\n"
            "schemes: [http]\npaths: {}\n");
        REQUIRE(run_apicat({"api", "import", "src.yaml"}, dir.path()).exit_code == 0);
        CHECK(dir.read("mine.yaml") ==
              dir.read("src.yaml") +
                  "x-ibm-configuration:\n  assembly:\n    execute:\n      - invoke:\n"
                  "          target-url: http://api.example.com$(request.path)$(request.search)\n");
        dir.write("other.yaml", "just: data\n");
        RunResult refused = run_apicat({"api", "import", "other.yaml"}, dir.path());
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("not an OpenAPI document") != std::string::npos);
    }
}

// End to end: the real apicat binary edits real files in a scratch folder.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

using apicat::test::apicat_in;
using apicat::test::apicat_ok;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::source_file;
using Json = nlohmann::ordered_json;

namespace {

void create_secured_weather_draft(const ScratchDir& dir, const std::string& file)
{
    apicat_ok(dir,
              {"api", "create", file, "--title", "Weather Provider API", "--base-path", "/weather",
               "--target-url", "https://weather.example.com$(request.path)$(request.search)"});
    apicat_ok(dir, {"operation", "add", file, "GET /current", "--param",
                    "zipcode:query:string:required"});
    apicat_ok(dir, {"security-definition", "add", file, "client-id", "--type", "apiKey", "--in",
                    "header", "--key", "X-IBM-Client-Id"});
    apicat_ok(dir, {"security-definition", "add", file, "client-secret", "--type", "apiKey", "--in",
                    "header", "--key", "X-IBM-Client-Secret"});
    apicat_ok(dir, {"security", "add", file, "client-id", "client-secret"});
}

const char* secured_weather_yaml = R"(swagger: '2.0'
info:
  title: Weather Provider API
  version: 1.0.0
  x-ibm-name: weather-provider-api
basePath: /weather
schemes:
  - https
consumes:
  - application/json
produces:
  - application/json
paths:
  /current:
    get:
      operationId: getCurrent
      parameters:
        - name: zipcode
          in: query
          required: true
          type: string
      responses:
        '200':
          description: OK
x-ibm-configuration:
  assembly:
    execute:
      - invoke:
          target-url: https://weather.example.com$(request.path)$(request.search)
securityDefinitions:
  client-id:
    type: apiKey
    in: header
    name: X-IBM-Client-Id
    x-key-type: client_id
  client-secret:
    type: apiKey
    in: header
    name: X-IBM-Client-Secret
    x-key-type: client_secret
security:
  - client-id: []
    client-secret: []
)";

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the seed scenario writes the weather draft secured by client ID and secret")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.yaml");
        CHECK(dir.read("weather.yaml") == secured_weather_yaml);
        CHECK(apicat_in(dir, {"api", "validate", "weather.yaml"}).exit_code == 0);

        Json shown = Json::parse(apicat_ok(dir, {"api", "show", "weather.yaml", "-o", "json"}));
        CHECK(shown["openapi"] == "2.0");
        CHECK(shown["base_path"] == "/weather");
        CHECK(shown["upstream"] == "https://weather.example.com$(request.path)$(request.search)");
        CHECK(shown["security_definitions"][1]["key_type"] == "client_secret");
        CHECK(shown["security"] == Json::parse(R"([["client-id","client-secret"]])"));
        CHECK(shown["operations"][0]["operation_id"] == "getCurrent");
        CHECK(shown["operations"][0]["security"] == shown["security"]);
    }

    TEST_CASE("repeating an edit says unchanged and leaves the file byte for byte")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.yaml");
        std::string before = dir.read("weather.yaml");
        RunResult again =
            apicat_in(dir, {"security", "add", "weather.yaml", "client-secret", "client-id"});
        CHECK(again.exit_code == 0);
        CHECK(again.out.find("unchanged") != std::string::npos);
        RunResult definition =
            apicat_in(dir, {"security-definition", "add", "weather.yaml", "client-id", "--type",
                            "apiKey", "--key", "X-IBM-Client-Id"});
        CHECK(definition.exit_code == 0);
        CHECK(definition.out.find("unchanged") != std::string::npos);
        CHECK(dir.read("weather.yaml") == before);
    }

    TEST_CASE(
        "--dry-run prints a diff and --check fails while a change is pending, writing nothing")
    {
        ScratchDir dir;
        apicat_ok(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url", "mock:"});
        std::string before = dir.read("w.yaml");
        std::vector<std::string> add = {
            "security-definition", "add", "w.yaml", "s", "--type", "basic"};

        auto with = [&](const char* flag) {
            std::vector<std::string> args = add;
            args.push_back(flag);
            return apicat_in(dir, args);
        };
        RunResult dry = with("--dry-run");
        CHECK(dry.exit_code == 0);
        CHECK(dry.out.find("--- a/w.yaml\n+++ b/w.yaml\n@@") == 0);
        CHECK(dry.out.find("+securityDefinitions:\n+  s:\n+    type: basic\n") !=
              std::string::npos);
        CHECK(with("--check").exit_code == 1);
        CHECK(dir.read("w.yaml") == before);

        apicat_ok(dir, add);
        CHECK(with("--check").exit_code == 0);
        CHECK(apicat_in(dir, {"security-definition", "add", "w.yaml", "s", "--type", "basic",
                              "--check", "--dry-run"})
                  .exit_code == 2);
    }

    TEST_CASE("edits of a commented OpenAPI 3 draft only add lines")
    {
        ScratchDir dir;
        std::string original = source_file("specs/petstore-openapi3.yaml");
        dir.write("pets.yaml", original);
        apicat_ok(dir, {"security-definition", "add", "pets.yaml", "client-id", "--type", "apiKey",
                        "--key", "X-IBM-Client-Id"});
        apicat_ok(dir, {"security-definition", "add", "pets.yaml", "client-secret", "--type",
                        "apiKey", "--key", "X-IBM-Client-Secret"});
        apicat_ok(dir, {"security", "add", "pets.yaml", "client-id", "client-secret"});
        apicat_ok(dir, {"security", "clear", "pets.yaml", "--operation", "GET /pets"});
        std::string expected = original;
        std::string last_line_of_get_pets = "example: [{id: 1, name: Rex}, {id: 2, name: Tom}]\n";
        expected.insert(expected.find(last_line_of_get_pets) + last_line_of_get_pets.size(),
                        "      security: []\n");
        expected += "components:\n"
                    "  securitySchemes:\n"
                    "    client-id:\n"
                    "      type: apiKey\n"
                    "      in: header\n"
                    "      name: X-IBM-Client-Id\n"
                    "      x-key-type: client_id\n"
                    "    client-secret:\n"
                    "      type: apiKey\n"
                    "      in: header\n"
                    "      name: X-IBM-Client-Secret\n"
                    "      x-key-type: client_secret\n"
                    "security:\n"
                    "  - client-id: []\n"
                    "    client-secret: []\n";
        CHECK(dir.read("pets.yaml") == expected);
        std::string operations = apicat_ok(dir, {"api", "operations", "pets.yaml"});
        CHECK(operations.find("GET     /pets       listPets      none (public)") !=
              std::string::npos);
        CHECK(operations.find("client-id+client-secret") != std::string::npos);
    }

    TEST_CASE("a JSON draft is written and edited as indented JSON")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.json");
        std::string text = dir.read("weather.json");
        CHECK(text.find("{\n  \"swagger\": \"2.0\",\n  \"info\": {") == 0);
        CHECK(text.find("\n  \"security\": [\n    {\n      \"client-id\": [],\n      "
                        "\"client-secret\": []\n    }\n  ]\n}\n") != std::string::npos);
        CHECK(Json::parse(text)["securityDefinitions"]["client-id"]["x-key-type"] == "client_id");
    }

    TEST_CASE("a key named like a secret is a client secret unless --key-type says otherwise")
    {
        ScratchDir dir;
        apicat_ok(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url",
                        "mock:", "--openapi", "3"});
        apicat_ok(dir, {"security-definition", "add", "w.yaml", "a", "--type", "apiKey", "--key",
                        "X-Api-SECRET"});
        apicat_ok(dir, {"security-definition", "add", "w.yaml", "b", "--type", "apiKey", "--key",
                        "X-Secret", "--key-type", "client_id", "--in", "query"});
        Json listed =
            Json::parse(apicat_ok(dir, {"security-definition", "list", "w.yaml", "-o", "json"}));
        CHECK(listed[0]["key_type"] == "client_secret");
        CHECK(listed[1]["key_type"] == "client_id");
        CHECK(listed[1]["in"] == "query");
    }

    TEST_CASE("a referenced security definition is removed only with --force, references too")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.yaml");
        std::string before = dir.read("weather.yaml");
        RunResult refused =
            apicat_in(dir, {"security-definition", "remove", "weather.yaml", "client-secret"});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("required by the options of API level") != std::string::npos);
        CHECK(refused.err.find("\napicat: hint: pass --force to remove the references too, or "
                               "remove those options first ('apicat security remove')\n") !=
              std::string::npos);
        CHECK(dir.read("weather.yaml") == before);

        apicat_ok(dir,
                  {"security-definition", "remove", "weather.yaml", "client-secret", "--force"});
        Json shown = Json::parse(apicat_ok(dir, {"api", "show", "weather.yaml", "-o", "json"}));
        CHECK(shown["security"] == Json::parse(R"([["client-id"]])"));
        CHECK(shown["security_definitions"].size() == 1);
    }

    TEST_CASE("security remove takes out one option and clear makes an operation public")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.yaml");
        apicat_ok(dir,
                  {"security", "add", "weather.yaml", "client-id", "--operation", "get /current"});
        Json listed =
            Json::parse(apicat_ok(dir, {"security", "list", "weather.yaml", "-o", "json"}));
        CHECK(listed["operations"][0]["security"] == Json::parse(R"([["client-id"]])"));
        apicat_ok(dir, {"security", "remove", "weather.yaml", "client-id", "client-secret"});
        CHECK(dir.read("weather.yaml").find("\nsecurity:") == std::string::npos);
        RunResult missing = apicat_in(dir, {"security", "remove", "weather.yaml", "client-id"});
        CHECK(missing.exit_code == 1);
        CHECK(missing.err.find("no security option client-id at API level") != std::string::npos);
    }

    TEST_CASE("operation add fills path parameters and operation remove takes an emptied path")
    {
        ScratchDir dir;
        apicat_ok(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url",
                        "mock:", "--openapi", "3"});
        dir.write("example.json", R"({"id": 7, "name": "Rex"})");
        apicat_ok(dir, {"operation", "add", "w.yaml", "GET /items/{id}", "--response",
                        "200:One item", "--response", "404", "--example", "example.json"});
        Json document = Json::parse(apicat_ok(dir, {"api", "show", "w.yaml", "-o", "json"}));
        CHECK(document["operations"][0]["operation_id"] == "getItemsById");
        std::string text = dir.read("w.yaml");
        CHECK(text.find("          in: path\n          required: true\n          schema:\n         "
                        "   type: string\n") != std::string::npos);
        CHECK(text.find(
                  "              example:\n                id: 7\n                name: Rex\n") !=
              std::string::npos);
        CHECK(text.find("        '404':\n          description: Not Found\n") != std::string::npos);
        CHECK(apicat_in(dir, {"api", "validate", "w.yaml"}).exit_code == 0);

        apicat_ok(dir, {"operation", "remove", "w.yaml", "GET /items/{id}"});
        CHECK(dir.read("w.yaml").find("/items") == std::string::npos);
    }

    TEST_CASE("bad drafts are refused with file, line and column, and left as they were")
    {
        ScratchDir dir;
        struct Case {
            const char* name;
            std::string content;
            const char* message;
        };
        std::vector<Case> cases = {
            {"broken.yaml", "swagger: '2.0'\ninfo:\n  title: [unclosed\n", "broken.yaml:"},
            {"broken.json", "{\n  \"swagger\": \"2.0\",\n  \"info\": {\n}\n",
             "broken.json:5:1: invalid JSON"},
            {"empty.yaml", "  \n", "empty.yaml: the file is empty"},
            {"binary.yaml", std::string("swagger: '2.0'\n\0\x01\x02", 18),
             "binary.yaml:2:1: not a text file"},
            {"other.yaml", "name: not an api\n", "not an OpenAPI document"},
            {"old.yaml", "swagger: 2.0\n", "quote it"},
            {"dupes.yaml", "swagger: '2.0'\nswagger: '2.0'\n",
             "dupes.yaml:2:1: duplicate key 'swagger'"},
            // 100,000 levels overflowed the stack of `api validate`.
            {"deep.json",
             R"({"swagger": "2.0", "x-deep": )" + std::string(100'000, '[') +
                 std::string(100'000, ']') + "}",
             "deep.json: the document is nested more than 256 levels deep (under 'x-deep')"},
            {"deep.yaml",
             "swagger: '2.0'\nx-deep: " + std::string(300, '[') + std::string(300, ']') + "\n",
             "deep.yaml: the document is nested more than 256 levels deep (under 'x-deep')"},
        };
        for (const Case& c : cases) {
            dir.write(c.name, c.content);
            RunResult result =
                apicat_in(dir, {"security", "clear", c.name, "--operation", "GET /x"});
            INFO(c.name, ": ", result.err);
            CHECK(result.exit_code == 1);
            CHECK(result.err.rfind("apicat: error: ", 0) == 0);
            CHECK(result.err.find(c.message) != std::string::npos);
            CHECK(dir.read(c.name) == c.content);
        }
        RunResult deep = apicat_in(dir, {"api", "validate", "deep.json"});
        CHECK(deep.exit_code == 1);
        CHECK(deep.err.find("nested more than 256 levels") != std::string::npos);
        RunResult missing = apicat_in(dir, {"api", "show", "nowhere.yaml"});
        CHECK(missing.exit_code == 1);
        CHECK(missing.err.find("nowhere.yaml") != std::string::npos);
    }

    TEST_CASE("unknown names get a suggestion and usage errors exit 2")
    {
        ScratchDir dir;
        create_secured_weather_draft(dir, "weather.yaml");
        std::string before = dir.read("weather.yaml");

        RunResult scheme = apicat_in(dir, {"security", "add", "weather.yaml", "client-di"});
        CHECK(scheme.exit_code == 1);
        CHECK(scheme.err.find("did you mean 'client-id'?") != std::string::npos);

        RunResult operation = apicat_in(
            dir, {"security", "add", "weather.yaml", "client-id", "--operation", "GET /curent"});
        CHECK(operation.exit_code == 1);
        CHECK(operation.err.find("did you mean 'GET /current'?") != std::string::npos);

        RunResult form = apicat_in(dir, {"operation", "remove", "weather.yaml", "/current"});
        CHECK(form.exit_code == 2);
        CHECK(apicat_in(dir, {"security-definition", "add", "weather.yaml", "b", "--type", "basic",
                              "--key", "K"})
                  .exit_code == 2);
        // The library says what is wrong in its words; the command line names the option.
        RunResult no_key =
            apicat_in(dir, {"security-definition", "add", "weather.yaml", "k", "--type", "apiKey"});
        CHECK(no_key.exit_code == 2);
        CHECK(no_key.err ==
              "apicat: error: an apiKey definition needs the name of its header or query "
              "parameter\napicat: hint: --key: e.g. X-IBM-Client-Id\n");
        RunResult body =
            apicat_in(dir, {"operation", "add", "weather.yaml", "GET /x", "--param", "a:body"});
        CHECK(body.exit_code == 2);
        CHECK(body.err.find("apicat: error: invalid parameter 'a:body': unknown place 'body'\n"
                            "apicat: hint: --param: the place is one of query,") == 0);
        CHECK(apicat_in(dir, {"api", "frobnicate"}).exit_code == 2);
        RunResult typo = apicat_in(dir, {"--home", "h", "api", "creat", "x.yaml"});
        CHECK(typo.exit_code == 2);
        CHECK(typo.err == "apicat: error: unknown command 'api creat'\napicat: hint: did you mean "
                          "'api create'?\n");

        RunResult conflict = apicat_in(dir, {"security-definition", "add", "weather.yaml",
                                             "client-id", "--type", "apiKey", "--key", "X-Other"});
        CHECK(conflict.exit_code == 1);
        CHECK(conflict.err.find("--force") != std::string::npos);
        CHECK(dir.read("weather.yaml") == before);
    }

    TEST_CASE("validate names the place of each error and fails on any")
    {
        ScratchDir dir;
        dir.write(
            "bad.yaml",
            "swagger: '2.0'\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a/{id}:\n    get:\n"
            "      security:\n        - nosuch: []\n      responses:\n        '200': {description: "
            "OK}\n");
        RunResult result = apicat_in(dir, {"api", "validate", "bad.yaml", "-o", "json"});
        CHECK(result.exit_code == 1);
        Json report = Json::parse(result.out);
        CHECK(report[0]["valid"] == false);
        bool undeclared = false;
        bool undefined_scheme = false;
        for (const Json& error : report[0]["errors"]) {
            std::string message = error["message"];
            undeclared = undeclared || message.find("path parameter 'id'") != std::string::npos;
            if (message.find("'nosuch' is not defined") != std::string::npos) {
                undefined_scheme = true;
                CHECK(error["line"] == 9);
            }
        }
        CHECK(undeclared);
        CHECK(undefined_scheme);
    }

    TEST_CASE("an edit keeps the file's permissions")
    {
        ScratchDir dir;
        apicat_ok(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url", "mock:"});
        std::string path = (dir.path() / "w.yaml").string();
        REQUIRE(chmod(path.c_str(), 0640) == 0);
        apicat_ok(dir, {"security-definition", "add", "w.yaml", "s", "--type", "basic"});
        struct stat info {};
        REQUIRE(stat(path.c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0640);
    }

    TEST_CASE("api create refuses to overwrite a different file unless forced")
    {
        ScratchDir dir;
        dir.write("w.yaml", "keep me\n");
        RunResult refused =
            apicat_in(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url", "mock:"});
        CHECK(refused.exit_code == 1);
        CHECK(dir.read("w.yaml") == "keep me\n");
        CHECK(apicat_in(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url", "ftp://x"})
                  .exit_code == 2);
        apicat_ok(dir,
                  {"api", "create", "w.yaml", "--title", "W", "--target-url", "mock:", "--force"});
        CHECK(apicat_in(dir, {"api", "create", "w.yaml", "--title", "W", "--target-url", "mock:"})
                  .exit_code == 0);
    }
}

TEST_SUITE("e2e")
{
    TEST_CASE("validate follows percent-encoded references and ignores extensions under paths")
    {
        ScratchDir dir;
        dir.write("ok.json", R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{
            "x-codegen-contextRoot": "/apis",
            "/a/{id}":{"get":{"parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}}],
                             "responses":{"200":{"description":"ok"}}},
                       "delete":{"parameters":[{"$ref":"#/paths/~1a~1%7Bid%7D/get/parameters/0"}],
                                 "responses":{"200":{"description":"ok"}}}}}})");
        RunResult result = apicat_in(dir, {"api", "validate", "--openapi-only", "ok.json"});
        INFO(result.err);
        CHECK(result.exit_code == 0);
        dir.write("bad.json", R"({"openapi":"3.0.0","info":{"title":"t","version":"1"},"paths":{
            "/a":{"get":{"parameters":[{"$ref":"#/paths/~1a%7E/x"}],"responses":{"200":{"description":"ok"}}}}}})");
        RunResult bad = apicat_in(dir, {"api", "validate", "--openapi-only", "bad.json"});
        CHECK(bad.exit_code == 1);
        CHECK(bad.err.find("leads nowhere") != std::string::npos);
    }
}

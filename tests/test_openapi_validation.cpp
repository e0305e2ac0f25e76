// The OpenAPI check of a draft (openapi/validation.hpp): what it finds, where, and in what
// words, for OpenAPI 2.0 and 3.x drafts in YAML and JSON.

#include "openapi/draft.hpp"
#include "openapi/validation.hpp"
#include "support/draft_source.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace apicat;
using apicat::openapi::Finding;
using apicat::openapi::Path;
using apicat::test::json_source;
using apicat::test::yaml_source;

namespace {

openapi::Draft validation_yaml_draft(const std::string& text)
{
    return openapi::draft_from_source(yaml_source(text));
}

std::vector<Finding> validation_findings(const std::string& yaml)
{
    return openapi::validate_draft(validation_yaml_draft(yaml));
}

// The messages alone, in the order they were found.
std::vector<std::string> validation_messages(const std::vector<Finding>& findings)
{
    std::vector<std::string> messages;
    for (const Finding& finding : findings) {
        messages.push_back(finding.message);
    }
    return messages;
}

const std::string validation_v2_head = "swagger: '2.0'\ninfo: {title: T, version: '1'}\n";
const std::string validation_v30_head = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n";
const std::string validation_v31_head = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n";

const std::string validation_get_a =
    "paths:\n  /a:\n    get:\n      responses: {'200': {description: OK}}\n";

} // namespace

TEST_CASE("validation finds nothing in complete 2.0, 3.0 and 3.1 drafts")
{
    const std::string v2 = validation_v2_head + "basePath: /weather\n" +
                           "securityDefinitions:\n"
                           "  id: {type: apiKey, in: header, name: X-Id, x-key-type: client_id}\n"
                           "  login: {type: basic}\n"
                           "security: [{id: []}, {login: []}]\n"
                           "parameters:\n"
                           "  Id: {name: id, in: path, required: true, type: string}\n"
                           "paths:\n"
                           "  x-note: an extension, not a path\n"
                           "  /items/{id}:\n"
                           "    parameters: [{$ref: '#/parameters/Id'}]\n"
                           "    get:\n"
                           "      operationId: getItem\n"
                           "      responses: {'200': {description: OK, schema: {$ref: "
                           "'#/definitions/Item'}}}\n"
                           "definitions:\n"
                           "  Item: {type: object}\n";
    CHECK(validation_findings(v2).empty());

    const std::string v30 = validation_v30_head +
                            "components:\n  securitySchemes:\n"
                            "    id: {type: apiKey, in: cookie, name: sid}\n"
                            "    login: {type: http, scheme: basic}\n"
                            "security: [{id: [], login: []}]\n"
                            "paths:\n  /items/{id}:\n    get:\n"
                            "      parameters: [{name: id, in: path, required: true}]\n"
                            "      responses: {'200': {description: OK}}\n";
    CHECK(validation_findings(v30).empty());

    // 3.1 makes 'paths' and an operation's 'responses' optional.
    CHECK(validation_findings(validation_v31_head).empty());
    CHECK(validation_findings(validation_v31_head + "paths:\n  /a:\n    get: {summary: A}\n")
              .empty());
}

TEST_CASE("validation requires info with a string title and version")
{
    std::vector<Finding> no_info = validation_findings("swagger: '2.0'\n" + validation_get_a);
    REQUIRE(no_info.size() == 1);
    CHECK(no_info[0].severity == Finding::Severity::error);
    CHECK(no_info[0].message == "'info' is missing; it holds the API's title and version");
    CHECK(no_info[0].where == Path{});

    std::vector<Finding> partial =
        validation_findings("swagger: '2.0'\ninfo: {version: 1.0}\n" + validation_get_a);
    REQUIRE(partial.size() == 2);
    CHECK(partial[0].message == "'info.title' is missing");
    CHECK(partial[0].where == Path{"info"});
    CHECK(partial[1].message == "'info.version' must be a string (quote it)");
    CHECK(partial[1].where == Path{"info", "version"});

    // The same in a JSON draft.
    std::vector<Finding> json = openapi::validate_draft(openapi::draft_from_source(
        json_source(R"({"openapi": "3.0.0", "info": {"title": 7, "version": "1"}, "paths": {}})")));
    REQUIRE(json.size() == 1);
    CHECK(json[0].message == "'info.title' must be a string (quote it)");
}

TEST_CASE("validation requires a 2.0 basePath to start with '/'")
{
    std::vector<Finding> findings =
        validation_findings(validation_v2_head + "basePath: weather\n" + validation_get_a);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "'basePath' must start with '/'");
    CHECK(findings[0].where == Path{"basePath"});
    CHECK(validation_findings(validation_v2_head + "basePath: 5\n" + validation_get_a).size() == 1);
}

TEST_CASE("validation requires paths in 2.0 and 3.0 but not in 3.1")
{
    CHECK(validation_messages(validation_findings(validation_v2_head)) ==
          std::vector<std::string>{"'paths' is missing"});
    CHECK(validation_messages(validation_findings(validation_v30_head)) ==
          std::vector<std::string>{"'paths' is missing"});
    CHECK(validation_findings(validation_v31_head).empty());

    std::vector<Finding> not_mapping = validation_findings(validation_v2_head + "paths: [/a]\n");
    REQUIRE(not_mapping.size() == 1);
    CHECK(not_mapping[0].message == "'paths' must be a mapping of paths to operations");
    CHECK(not_mapping[0].where == Path{"paths"});
}

TEST_CASE("validation checks each path and skips extensions in the paths mapping")
{
    std::vector<Finding> findings = validation_findings(
        validation_v2_head + "paths:\n"
                             "  x-anything: 3\n"
                             "  a:\n    get: {responses: {'200': {description: OK}}}\n"
                             "  /b: 7\n"
                             "  /c:\n    get: just text\n");
    CHECK(validation_messages(findings) ==
          std::vector<std::string>{"path 'a' must start with '/'",
                                   "path '/b' must be a mapping of methods to operations",
                                   "operation get /c must be a mapping"});
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].where == Path{"paths", "a"});
    CHECK(findings[1].where == Path{"paths", "/b"});
    CHECK(findings[2].where == Path{"paths", "/c", "get"});
}

TEST_CASE("validation refuses an operationId used twice, naming the second use")
{
    std::vector<Finding> findings = validation_findings(
        validation_v2_head +
        "paths:\n"
        "  /a:\n    get: {operationId: fetch, responses: {'200': {description: OK}}}\n"
        "  /b:\n    get: {operationId: other, responses: {'200': {description: OK}}}\n"
        "    post: {operationId: fetch, responses: {'200': {description: OK}}}\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "operationId 'fetch' is used twice");
    CHECK(findings[0].where == Path{"paths", "/b", "post", "operationId"});
}

TEST_CASE("validation requires responses in 2.0 and 3.0, and never an empty one")
{
    const std::string no_responses = "paths:\n  /a:\n    get: {summary: A}\n";
    for (const std::string& head : {validation_v2_head, validation_v30_head}) {
        CAPTURE(head);
        std::vector<Finding> findings = validation_findings(head + no_responses);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].message == "the operation has no 'responses'");
        CHECK(findings[0].where == Path{"paths", "/a", "get"});
    }
    CHECK(validation_findings(validation_v31_head + no_responses).empty());

    for (const std::string& head : {validation_v2_head, validation_v31_head}) {
        CAPTURE(head);
        std::vector<Finding> empty =
            validation_findings(head + "paths:\n  /a:\n    get: {responses: {}}\n");
        REQUIRE(empty.size() == 1);
        CHECK(empty[0].message == "'responses' must name at least one response");
        CHECK(empty[0].where == Path{"paths", "/a", "get", "responses"});
    }
}

TEST_CASE("validation checks parameter places by version, and that path parameters are "
          "required")
{
    auto with_parameters = [](const std::string& head, const std::string& parameters) {
        return validation_findings(head + "paths:\n  /a:\n    get:\n      parameters: " +
                                   parameters + "\n      responses: {'200': {description: OK}}\n");
    };

    // formData and body are 2.0's; cookie is 3.x's.
    CHECK(with_parameters(validation_v2_head, "[{name: f, in: formData}, {name: b, in: body}]")
              .empty());
    CHECK(with_parameters(validation_v30_head, "[{name: c, in: cookie}]").empty());

    std::vector<Finding> cookie = with_parameters(validation_v2_head, "[{name: c, in: cookie}]");
    REQUIRE(cookie.size() == 1);
    CHECK(cookie[0].message == "parameter '\"c\"' has an invalid 'in': 'cookie'");
    CHECK(cookie[0].where == Path{"paths", "/a", "get", "parameters", "0"});
    CHECK(validation_messages(with_parameters(validation_v30_head,
                                              "[{name: q, in: query}, {name: f, in: formData}]")) ==
          std::vector<std::string>{"parameter '\"f\"' has an invalid 'in': 'formData'"});

    std::vector<Finding> incomplete =
        with_parameters(validation_v2_head, "[{name: q}, {in: query}, just-text]");
    CHECK(validation_messages(incomplete) ==
          std::vector<std::string>(3, "a parameter needs 'name' and 'in'"));

    CHECK(validation_messages(with_parameters(validation_v2_head, "{name: q, in: query}")) ==
          std::vector<std::string>{"'parameters' must be a sequence"});

    // /a has no template, so an optional path parameter is only the one finding.
    std::vector<Finding> optional_path =
        with_parameters(validation_v30_head, "[{name: id, in: path, required: false}]");
    REQUIRE(optional_path.size() == 1);
    CHECK(optional_path[0].message == "path parameter \"id\" must have 'required: true'");
}

TEST_CASE("validation requires each path template parameter to be declared")
{
    std::vector<Finding> undeclared = validation_findings(
        validation_v2_head +
        "paths:\n  /items/{id}/{part}:\n    get:\n"
        "      parameters: [{name: part, in: path, required: true, type: string}]\n"
        "      responses: {'200': {description: OK}}\n");
    REQUIRE(undeclared.size() == 1);
    CHECK(undeclared[0].message == "path parameter 'id' of '/items/{id}/{part}' is not declared");
    CHECK(undeclared[0].where == Path{"paths", "/items/{id}/{part}", "get"});

    // Declared on the path item, or through a reference, counts for every operation there.
    CHECK(
        validation_findings(validation_v2_head +
                            "parameters: {Id: {name: id, in: path, required: true, type: string}}\n"
                            "paths:\n  /items/{id}:\n    parameters: [{$ref: '#/parameters/Id'}]\n"
                            "    get: {responses: {'200': {description: OK}}}\n"
                            "    delete: {responses: {'204': {description: gone}}}\n")
            .empty());
    // A query parameter of that name does not declare it.
    CHECK(validation_messages(validation_findings(
              validation_v2_head + "paths:\n  /items/{id}:\n    get:\n"
                                   "      parameters: [{name: id, in: query, type: string}]\n"
                                   "      responses: {'200': {description: OK}}\n")) ==
          std::vector<std::string>{"path parameter 'id' of '/items/{id}' is not declared"});

    std::vector<Finding> unclosed = validation_findings(
        validation_v2_head + "paths:\n  /items/{id:\n"
                             "    get: {responses: {'200': {description: OK}}}\n");
    REQUIRE(unclosed.size() == 1);
    CHECK(unclosed[0].message == "path '/items/{id' has '{' without '}'");
    CHECK(unclosed[0].where == Path{"paths", "/items/{id"});
}

TEST_CASE("validation checks security definition types by version")
{
    std::vector<Finding> v2 = validation_findings(
        validation_v2_head + "securityDefinitions:\n  web: {type: http, scheme: basic}\n" +
        validation_get_a);
    REQUIRE(v2.size() == 1);
    CHECK(v2[0].message == "security definition 'web' has an invalid type 'http'");
    CHECK(v2[0].where == Path{"securityDefinitions", "web"});

    std::vector<Finding> v3 = validation_findings(
        validation_v30_head + "components:\n  securitySchemes:\n    login: {type: basic}\n" +
        validation_get_a);
    REQUIRE(v3.size() == 1);
    CHECK(v3[0].message == "security definition 'login' has an invalid type 'basic'");
    CHECK(v3[0].where == Path{"components", "securitySchemes", "login"});

    CHECK(validation_findings(validation_v30_head +
                              "components:\n  securitySchemes:\n"
                              "    oidc: {type: openIdConnect, openIdConnectUrl: 'https://a/b'}\n"
                              "    tls: {type: mutualTLS}\n"
                              "    linked: {$ref: '#/components/x-schemes/a'}\n"
                              "  x-schemes: {a: {type: http, scheme: basic}}\n" +
                              validation_get_a)
              .empty());
}

TEST_CASE("validation checks an apiKey's place, name and x-key-type")
{
    std::vector<Finding> v2 =
        validation_findings(validation_v2_head +
                            "securityDefinitions:\n"
                            "  k: {type: apiKey, in: cookie, x-key-type: client-id}\n" +
                            validation_get_a);
    CHECK(validation_messages(v2) ==
          std::vector<std::string>{"apiKey 'k' needs 'in: header' or 'in: query'",
                                   "apiKey 'k' needs 'name', the header or parameter",
                                   "apiKey 'k': x-key-type must be client_id or client_secret"});
    REQUIRE(v2.size() == 3);
    CHECK(v2[0].where == Path{"securityDefinitions", "k"});
    CHECK(v2[2].where == Path{"securityDefinitions", "k", "x-key-type"});

    // 3.x allows a cookie; the key's name must be a string.
    CHECK(validation_messages(validation_findings(validation_v30_head +
                                                  "components:\n  securitySchemes:\n"
                                                  "    k: {type: apiKey, in: cookie, name: 5}\n" +
                                                  validation_get_a)) ==
          std::vector<std::string>{"apiKey 'k' needs 'name', the header or parameter"});
}

TEST_CASE("validation requires security options to name defined schemes, suggesting the "
          "nearest")
{
    const std::string defined =
        "securityDefinitions:\n  client-id: {type: apiKey, in: header, name: X-Id}\n";
    std::vector<Finding> findings =
        validation_findings(validation_v2_head + defined +
                            "security: [{client-ld: []}, {unrelated-thing: []}]\n"
                            "paths:\n  /a:\n    get:\n      security: [{client-id: scopes}]\n"
                            "      responses: {'200': {description: OK}}\n");
    CHECK(validation_messages(findings) ==
          std::vector<std::string>{
              "the scopes of 'client-id' must be a sequence",
              "security scheme 'client-ld' is not defined; did you mean 'client-id'?",
              "security scheme 'unrelated-thing' is not defined"});
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].where == Path{"paths", "/a", "get", "security", "0", "client-id"});
    CHECK(findings[1].where == Path{"security", "0", "client-ld"});
    CHECK(findings[2].where == Path{"security", "1", "unrelated-thing"});

    CHECK(validation_messages(validation_findings(
              validation_v2_head + defined + "security: {client-id: []}\n" + validation_get_a)) ==
          std::vector<std::string>{"'security' must be a sequence of options"});
    std::vector<Finding> not_mapping = validation_findings(
        validation_v2_head + defined + "security: [client-id]\n" + validation_get_a);
    REQUIRE(not_mapping.size() == 1);
    CHECK(not_mapping[0].message ==
          "a security option must be a mapping of scheme names to scopes");
    CHECK(not_mapping[0].where == Path{"security", "0"});

    // 3.x reads the schemes from components.securitySchemes.
    CHECK(validation_findings(validation_v30_head +
                              "components: {securitySchemes: {client-id: {type: apiKey, in: "
                              "header, name: X-Id}}}\nsecurity: [{client-id: []}]\n" +
                              validation_get_a)
              .empty());
}

TEST_CASE("validation requires local references to lead somewhere")
{
    std::vector<Finding> findings = validation_findings(
        validation_v2_head +
        "paths:\n  /a:\n    get:\n      responses:\n"
        "        '200': {description: OK, schema: {$ref: '#/definitions/Missing'}}\n"
        "        '404': {$ref: 'errors.yaml#/NotFound'}\n"
        "definitions: {Present: {type: object}}\n");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message == "'$ref: #/definitions/Missing' leads nowhere");
    CHECK(findings[0].where == Path{"paths", "/a", "get", "responses", "200", "schema", "$ref"});

    // A JSON pointer's escapes (~1 for '/') and a percent-encoded fragment both resolve.
    CHECK(validation_findings(validation_v30_head +
                              "paths:\n  /items/{id}:\n    get:\n"
                              "      parameters: [{name: id, in: path, required: true}]\n"
                              "      responses: {'200': {description: OK}}\n"
                              "  /copy/{id}:\n"
                              "    $ref: '#/paths/~1items~1%7Bid%7D'\n"
                              "x-list: [{$ref: '#/paths/~1items~1{id}/get'}]\n")
              .empty());
    std::vector<Finding> in_list = validation_findings(validation_v30_head + validation_get_a +
                                                       "x-list: [1, {$ref: '#/nowhere'}]\n");
    REQUIRE(in_list.size() == 1);
    CHECK(in_list[0].where == Path{"x-list", "1", "$ref"});
}

TEST_CASE("validation reports findings in the order of the checks")
{
    std::vector<Finding> findings = validation_findings(
        "swagger: '2.0'\ninfo: {title: T}\n"
        "securityDefinitions: {bad: {type: token}}\n"
        "security: [{missing: []}]\n"
        "paths:\n  /a:\n    get: {responses: {'200': {$ref: '#/responses/Gone'}}}\n");
    CHECK(validation_messages(findings) ==
          std::vector<std::string>{"'info.version' is missing",
                                   "security definition 'bad' has an invalid type 'token'",
                                   "security scheme 'missing' is not defined",
                                   "'$ref: #/responses/Gone' leads nowhere"});
}

TEST_CASE("has_errors tells errors from warnings")
{
    std::vector<Finding> findings;
    CHECK_FALSE(openapi::has_errors(findings));
    findings.push_back(Finding{Finding::Severity::warning, "careful", {}});
    CHECK_FALSE(openapi::has_errors(findings));
    findings.push_back(Finding{Finding::Severity::error, "wrong", {}});
    CHECK(openapi::has_errors(findings));
    CHECK(openapi::has_errors(validation_findings(validation_v2_head)));
    CHECK_FALSE(openapi::has_errors(validation_findings(validation_v2_head + validation_get_a)));
}

TEST_CASE("the locator places a finding at its node, or at the nearest parent the text has")
{
    const openapi::Draft draft = validation_yaml_draft("swagger: '2.0'\n"
                                                       "info:\n"
                                                       "  title: T\n"
                                                       "  version: 1\n" +
                                                       validation_get_a);
    std::vector<Finding> findings = openapi::validate_draft(draft);
    REQUIRE(findings.size() == 1);
    openapi::Locator locator(draft.source);
    SourceLocation at = locator.locate(findings[0].where);
    CHECK(at.str() == "draft.yaml:4:12"); // the 1 of "  version: 1"

    // Missing keys: where the mapping that should hold them begins.
    CHECK(locator.locate({"paths", "/a", "get", "security"}).str() == "draft.yaml:8:7");
    CHECK(locator.locate({"nothing", "here"}).str() == "draft.yaml:1:1");

    const openapi::Source json = json_source("{\n  \"swagger\": \"2.0\",\n  \"info\": {\"title\": "
                                             "\"T\", \"version\": 2}\n}\n");
    openapi::Locator json_locator(json);
    CHECK(json_locator.locate({"info", "version"}).str() == "draft.json:3:37"); // the 2
}

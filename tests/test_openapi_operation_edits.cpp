// Adding and removing a draft's operations (openapi/operation_edits.hpp): the specs the command
// line gives, the operation object each OpenAPI version gets, and the edits of the file.

#include "errors.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"
#include "openapi/operation_edits.hpp"
#include "support/draft_edit.hpp"
#include "support/draft_source.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace apicat;
using apicat::openapi::OpenApiVersion;
using apicat::openapi::OperationRef;
using apicat::openapi::OperationSpec;
using apicat::test::DraftEdit;
using apicat::test::edit_draft;
using apicat::test::json_source;
using apicat::test::yaml_source;

namespace {

// The message and hint of the UsageError `parse` throws on `text`.
template <typename Parse>
std::pair<std::string, std::string> operation_edit_usage_error(Parse&& parse,
                                                               const std::string& text)
{
    try {
        parse(text);
    } catch (const UsageError& error) {
        return {error.what(), error.hint()};
    }
    return {"(no usage error)", ""};
}

std::string operation_edit_json_refusal(const OperationSpec& spec, OpenApiVersion version)
{
    try {
        openapi::operation_json(spec, version, {});
    } catch (const UsageError& error) {
        return error.what();
    }
    return "(no usage error)";
}

OperationSpec operation_edit_spec(const std::string& method, const std::string& path)
{
    OperationSpec spec;
    spec.ref = OperationRef{method, path};
    return spec;
}

std::vector<std::string> operation_edit_keys(const Json& mapping)
{
    std::vector<std::string> keys;
    for (const auto& [key, value] : mapping.items()) {
        keys.push_back(key);
    }
    return keys;
}

const std::string operation_edit_v2 = "swagger: '2.0'\n"
                                      "info: {title: T, version: '1'}\n"
                                      "paths:\n"
                                      "  /a:   # the first path\n"
                                      "    get:\n"
                                      "      operationId: getC\n"
                                      "      responses: {'200': {description: OK}}\n"
                                      "  /b:\n"
                                      "    get: {responses: {'200': {description: OK}}}\n"
                                      "    delete: {responses: {'204': {description: gone}}}\n";

} // namespace

TEST_CASE("operation edits read a parameter spec")
{
    openapi::ParameterSpec full = openapi::parse_parameter_spec("zipcode:query:integer:required");
    CHECK(full.name == "zipcode");
    CHECK(full.in == "query");
    CHECK(full.type == "integer");
    CHECK(full.required);

    openapi::ParameterSpec plain = openapi::parse_parameter_spec("id:path");
    CHECK(plain.type == "string");
    CHECK_FALSE(plain.required); // operation_json makes a path parameter required

    openapi::ParameterSpec required = openapi::parse_parameter_spec("X-Trace:header:required");
    CHECK(required.type == "string");
    CHECK(required.required);

    const std::string form = "write NAME:IN[:TYPE][:required], e.g. zipcode:query:string:required";
    for (const char* wrong : {"zipcode", ":query", "a:query:string:required:x", ""}) {
        CAPTURE(wrong);
        CHECK(operation_edit_usage_error(openapi::parse_parameter_spec, wrong) ==
              std::pair<std::string, std::string>{"invalid parameter '" + std::string(wrong) + "'",
                                                  form});
    }
    auto [place, place_hint] = operation_edit_usage_error(openapi::parse_parameter_spec, "b:body");
    CHECK(place == "invalid parameter 'b:body': unknown place 'body'");
    CHECK(place_hint == "the place is one of query, header, path, formData (2.0), cookie (3.x)");
    CHECK(operation_edit_usage_error(openapi::parse_parameter_spec, "n:query:float").first ==
          "invalid parameter 'n:query:float': unknown 'float'");
    // The type comes before 'required', never after it.
    CHECK(operation_edit_usage_error(openapi::parse_parameter_spec, "n:query:required:string")
              .first == "invalid parameter 'n:query:required:string': unknown 'string'");
}

TEST_CASE("operation edits read a response spec, with a reason phrase by default")
{
    auto response = [](const std::string& text) {
        openapi::ResponseSpec spec = openapi::parse_response_spec(text);
        return std::pair<std::string, std::string>{spec.code, spec.description};
    };
    using Pair = std::pair<std::string, std::string>;
    CHECK(response("200") == Pair{"200", "OK"});
    CHECK(response("404") == Pair{"404", "Not Found"});
    CHECK(response("default") == Pair{"default", "Unexpected error"});
    CHECK(response("418") == Pair{"418", "Response"});
    CHECK(response("404:Not here: try /b") == Pair{"404", "Not here: try /b"});
    CHECK(response("201:") == Pair{"201", ""});
    CHECK(response("599") == Pair{"599", "Response"});

    for (const char* wrong : {"600", "099", "20", "2000", "abc", "Default", ":OK", ""}) {
        CAPTURE(wrong);
        auto [message, hint] = operation_edit_usage_error(openapi::parse_response_spec, wrong);
        CHECK(message == "invalid response '" + std::string(wrong) + "'");
        CHECK(hint.find("a status from 100 to 599 or 'default'") != std::string::npos);
    }
}

TEST_CASE("operation edits write a 2.0 operation with its path parameters and responses")
{
    OperationSpec spec = operation_edit_spec("GET", "/items/{id}");
    spec.parameters.push_back(openapi::parse_parameter_spec("tags:query:array"));
    spec.responses.push_back(openapi::parse_response_spec("200"));
    spec.responses.push_back(openapi::parse_response_spec("404:No such item"));
    spec.example = Json{{"id", 1}};
    Json operation = openapi::operation_json(spec, OpenApiVersion::v2, {});

    Json expected = Json::parse(R"({
      "operationId": "getItemsById",
      "parameters": [
        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}},
        {"name": "id", "in": "path", "required": true, "type": "string"}
      ],
      "responses": {
        "200": {"description": "OK", "examples": {"application/json": {"id": 1}}},
        "404": {"description": "No such item"}
      }
    })");
    CHECK(operation == expected);
    CHECK(operation.dump() == expected.dump()); // in this order
}

TEST_CASE("operation edits write a 3.x operation with schemas and a content example")
{
    OperationSpec spec = operation_edit_spec("POST", "/users/{user_id}/notes");
    spec.parameters.push_back(openapi::parse_parameter_spec("user_id:path:integer"));
    spec.parameters.push_back(openapi::parse_parameter_spec("session:cookie:required"));
    spec.example = Json::array({"a note"});
    Json operation = openapi::operation_json(spec, OpenApiVersion::v3, {});

    Json expected = Json::parse(R"({
      "operationId": "postUsersByUserIdNotes",
      "parameters": [
        {"name": "user_id", "in": "path", "required": true, "schema": {"type": "integer"}},
        {"name": "session", "in": "cookie", "required": true, "schema": {"type": "string"}}
      ],
      "responses": {
        "200": {"description": "OK", "content": {"application/json": {"example": ["a note"]}}}
      }
    })");
    CHECK(operation.dump() == expected.dump());
}

TEST_CASE("operation edits name operations after their method and path, uniquely")
{
    auto id_of = [](const std::string& method, const std::string& path,
                    const std::vector<std::string>& taken) {
        return openapi::operation_json(operation_edit_spec(method, path), OpenApiVersion::v3,
                                       taken)["operationId"]
            .get<std::string>();
    };
    CHECK(id_of("GET", "/current", {}) == "getCurrent");
    CHECK(id_of("POST", "/", {}) == "postRoot");
    CHECK(id_of("GET", "/weather-report/{zip_code}", {}) == "getWeatherReportByZipCode");
    CHECK(id_of("DELETE", "/v2/items", {}) == "deleteV2Items");
    CHECK(id_of("GET", "/current", {"getCurrent"}) == "getCurrent2");
    CHECK(id_of("GET", "/current", {"getCurrent", "getCurrent2"}) == "getCurrent3");
    CHECK(id_of("GET", "/current", {"getCurrent2"}) == "getCurrent");
}

TEST_CASE("operation edits refuse what the draft's version does not have")
{
    CHECK(operation_edit_json_refusal(operation_edit_spec("TRACE", "/a"), OpenApiVersion::v2) ==
          "TRACE operations are OpenAPI 3.x only");
    CHECK(openapi::operation_json(operation_edit_spec("TRACE", "/a"), OpenApiVersion::v3, {})
              .contains("responses"));

    OperationSpec form = operation_edit_spec("POST", "/a");
    form.parameters.push_back(openapi::parse_parameter_spec("file:formData"));
    CHECK(operation_edit_json_refusal(form, OpenApiVersion::v3) ==
          "formData parameters are OpenAPI 2.0; in 3.x send a request body");
    CHECK(openapi::operation_json(form, OpenApiVersion::v2, {})["parameters"][0]["in"] ==
          "formData");

    OperationSpec cookie = operation_edit_spec("GET", "/a");
    cookie.parameters.push_back(openapi::parse_parameter_spec("sid:cookie"));
    CHECK(operation_edit_json_refusal(cookie, OpenApiVersion::v2) ==
          "cookie parameters are OpenAPI 3.x; OpenAPI 2.0 has none");

    CHECK(
        operation_edit_json_refusal(operation_edit_spec("GET", "/items/{id"), OpenApiVersion::v2) ==
        "invalid path '/items/{id': '{' without '}'");
}

TEST_CASE("operation edits add an operation, keeping the file's other lines")
{
    DraftEdit added = edit_draft(yaml_source(operation_edit_v2), [](openapi::DocumentEditor& editor,
                                                                    const openapi::Draft& d) {
        return openapi::add_operation(editor, d, operation_edit_spec("POST", "/a"), false);
    });
    CHECK(added.said == "added operation POST /a (postA)");
    Json document = added.document();
    CHECK(operation_edit_keys(document["paths"]) == std::vector<std::string>{"/a", "/b"});
    CHECK(operation_edit_keys(document["paths"]["/a"]) == std::vector<std::string>{"get", "post"});
    CHECK(document["paths"]["/a"]["post"]["responses"] == Json{{"200", {{"description", "OK"}}}});
    CHECK(added.outcome.text.find("  /a:   # the first path\n") != std::string::npos);
    CHECK(added.outcome.text.find("    delete: {responses: {'204': {description: gone}}}\n") !=
          std::string::npos);

    // A new path goes last; an operationId another operation has is not reused.
    DraftEdit new_path =
        edit_draft(yaml_source(operation_edit_v2), [](openapi::DocumentEditor& editor,
                                                      const openapi::Draft& d) {
            return openapi::add_operation(editor, d, operation_edit_spec("GET", "/c"), false);
        });
    CHECK(new_path.said == "added operation GET /c (getC2)");
    CHECK(operation_edit_keys(new_path.document()["paths"]) ==
          std::vector<std::string>{"/a", "/b", "/c"});
}

TEST_CASE("operation edits add an operation once, and replace one only when forced")
{
    auto add = [](OperationSpec spec, bool force) {
        return [spec, force](openapi::DocumentEditor& editor, const openapi::Draft& d) {
            return openapi::add_operation(editor, d, spec, force);
        };
    };
    OperationSpec spec = operation_edit_spec("GET", "/items/{id}");
    DraftEdit first = edit_draft(yaml_source(operation_edit_v2), add(spec, false));
    DraftEdit again = edit_draft(yaml_source(first.outcome.text), add(spec, false));
    CHECK(again.said == "operation GET /items/{id} is already there");
    CHECK_FALSE(again.outcome.changed);
    CHECK(again.outcome.text == first.outcome.text);

    OperationSpec other = spec;
    other.responses.push_back(openapi::parse_response_spec("404"));
    const openapi::Draft draft = openapi::draft_from_source(yaml_source(first.outcome.text));
    openapi::DocumentEditor editor(draft.source, draft.document);
    try {
        openapi::add_operation(editor, draft, other, false);
        FAIL("adding another GET /items/{id} was not refused");
    } catch (const Error& error) {
        CHECK(std::string(error.what()) ==
              "draft.yaml: operation GET /items/{id} already exists with other content");
        CHECK(error.hint() == "replace it, or remove it first with 'apicat operation remove'");
        CHECK(error.input() == Input::force);
    }

    DraftEdit forced = edit_draft(yaml_source(first.outcome.text), add(other, true));
    CHECK(forced.said == "replaced operation GET /items/{id}");
    Json replaced = forced.document()["paths"]["/items/{id}"]["get"];
    CHECK(replaced["operationId"] == "getItemsById"); // its own name is not taken from it
    CHECK(replaced["responses"].contains("404"));
}

TEST_CASE("operation edits remove an operation, and its path with its last one")
{
    auto remove = [](const std::string& method, const std::string& path) {
        return [method, path](openapi::DocumentEditor& editor, const openapi::Draft& d) {
            return openapi::remove_operation(editor, d, OperationRef{method, path});
        };
    };
    DraftEdit one = edit_draft(yaml_source(operation_edit_v2), remove("GET", "/b"));
    CHECK(one.said == "removed operation GET /b");
    CHECK(operation_edit_keys(one.document()["paths"]["/b"]) == std::vector<std::string>{"delete"});

    DraftEdit last = edit_draft(yaml_source(operation_edit_v2), remove("GET", "/a"));
    CHECK(last.said == "removed operation GET /a");
    CHECK(operation_edit_keys(last.document()["paths"]) == std::vector<std::string>{"/b"});
    CHECK(last.outcome.text.find("# the first path") == std::string::npos);

    const openapi::Draft draft = openapi::draft_from_source(yaml_source(operation_edit_v2));
    openapi::DocumentEditor editor(draft.source, draft.document);
    try {
        openapi::remove_operation(editor, draft, OperationRef{"POST", "/b"});
        FAIL("removing a missing operation was not refused");
    } catch (const Error& error) {
        CHECK(std::string(error.what()) == "draft.yaml: no operation 'POST /b'");
        CHECK_FALSE(error.hint().empty());
    }
}

TEST_CASE("operation edits work on JSON drafts")
{
    const openapi::Source source =
        json_source(R"({"openapi": "3.0.0", "info": {"title": "T", "version": "1"}, "paths": {}})");
    const openapi::Draft draft = openapi::draft_from_source(source);
    openapi::DocumentEditor editor(draft.source, draft.document);
    OperationSpec spec = operation_edit_spec("GET", "/current");
    spec.parameters.push_back(openapi::parse_parameter_spec("zip:query:string:required"));
    CHECK(openapi::add_operation(editor, draft, spec, false) ==
          "added operation GET /current (getCurrent)");
    openapi::EditOutcome outcome = editor.finish();
    Json document =
        openapi::parse_source(openapi::Source{"d.json", outcome.text, openapi::Syntax::json});
    CHECK(document["paths"]["/current"]["get"] ==
          openapi::operation_json(spec, OpenApiVersion::v3, {}));
    CHECK(document["paths"]["/current"]["get"]["parameters"][0]["schema"] ==
          Json{{"type", "string"}});
}

#include "gateway/mock_response.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;

namespace {

Answer mock_of(const char* responses, const std::vector<http::Header>& headers = {})
{
    openapi::Draft draft;
    draft.version = openapi::OpenApiVersion::v3;
    draft.document = Json::parse(R"({"openapi": "3.0.3", "paths": {"/a": {"get": {}}},
        "components": {"schemas": {"Pet": {"type": "object", "properties": {
            "id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}}},
          "examples": {"rex": {"value": {"name": "Rex"}}},
          "headers": {"Location": {"schema": {"type": "string", "example": "/a/1"}}},
          "responses": {"Gone": {"description": "gone", "content": {"application/json": {
            "schema": {"type": "object", "properties": {"code": {"type": "integer",
              "example": 404}}}}}}}}})");
    draft.document["paths"]["/a"]["get"]["responses"] = Json::parse(responses);
    return mock_response(draft, openapi::list_operations(draft).front(), headers);
}

// An OpenAPI 2.0 operation; `produces` of the operation and of the document as given.
Answer mock_of_v2(const char* responses, const char* operation_produces = nullptr,
                  const char* document_produces = nullptr)
{
    openapi::Draft draft;
    draft.version = openapi::OpenApiVersion::v2;
    draft.document = Json::parse(R"({"swagger": "2.0", "paths": {"/a": {"get": {}}},
        "definitions": {"Pet": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "born": {"type": "string", "format": "date"}}}}})");
    Json& operation = draft.document["paths"]["/a"]["get"];
    operation["responses"] = Json::parse(responses);
    if (operation_produces != nullptr) {
        operation["produces"] = Json::parse(operation_produces);
    }
    if (document_produces != nullptr) {
        draft.document["produces"] = Json::parse(document_produces);
    }
    return mock_response(draft, openapi::list_operations(draft).front(), {});
}

std::string header_of(const Answer& answer, const std::string& name)
{
    for (const http::Header& header : answer.headers) {
        if (header.name == name) {
            return header.value;
        }
    }
    return "";
}

std::string content_type(const Answer& answer)
{
    return header_of(answer, "Content-Type");
}

} // namespace

// Seen while writing fuzz/gateway_request.cpp: std::stoi made status 2 of "2XX", and threw on
// a key that is no status at all, failing the whole call.
TEST_CASE("a mock answers with the status its response's key stands for")
{
    CHECK(mock_of(R"({"201": {"description": "made"}})").status == 201);
    CHECK(mock_of(R"({"2XX": {"description": "fine"}})").status == 200);
    CHECK(mock_of(R"({"4xx": {"description": "refused"}})").status == 400);
    CHECK(mock_of(R"({"default": {"description": "any"}})").status == 200);
    CHECK(mock_of(R"({"x-note": {"description": "an extension"}})").status == 200);
    CHECK(mock_of(R"({"404": {"description": "gone"}, "x-note": 1})").status == 404);
    CHECK(mock_of(R"("not a mapping")").status == 200);
    CHECK(mock_of(R"({})").status == 200);
}

TEST_CASE("a mock answers with its response's example")
{
    Answer answer = mock_of(
        R"({"200": {"description": "OK", "content": {"application/json": {"example": {"a": 1}}}}})");
    CHECK(answer.body == R"({"a":1})");
    CHECK(content_type(answer) == "application/json");
    Answer text = mock_of(
        R"({"200": {"description": "OK", "content": {"text/plain": {"example": "hello"}}}})");
    CHECK(text.body == "hello");
    CHECK(content_type(text) == "text/plain");
    Answer v2 = mock_of_v2(R"({"200": {"description": "OK", "schema": {"type": "string"},
        "examples": {"application/json": {"b": 2}}}})");
    CHECK(v2.body == R"({"b":2})");
}

TEST_CASE("a mock without an example answers with a body made from the response's schema")
{
    Answer v3 = mock_of(R"({"200": {"description": "OK", "content": {"application/json": {
        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}})");
    CHECK(v3.status == 200);
    CHECK(v3.body == R"([{"id":0,"name":"string"}])");
    CHECK(content_type(v3) == "application/json");
    Answer v2 = mock_of_v2(R"({"200": {"description": "OK", "schema": {
        "$ref": "#/definitions/Pet"}}})");
    CHECK(v2.body == R"({"name":"string","born":"2024-01-01"})");
    CHECK(content_type(v2) == "application/json");
}

TEST_CASE("a mock's generated body goes out in the first JSON media type documented")
{
    const char* pet = R"({"200": {"description": "OK", "schema": {"$ref": "#/definitions/Pet"}}})";
    CHECK(content_type(mock_of_v2(pet, R"(["application/xml", "application/vnd.pet+json"])",
                                  R"(["text/html"])")) == "application/vnd.pet+json");
    CHECK(content_type(mock_of_v2(pet, nullptr, R"(["application/json; charset=utf-8"])")) ==
          "application/json; charset=utf-8");
    // The operation's own list replaces the document's.
    CHECK(content_type(mock_of_v2(R"({"200": {"description": "OK", "schema": {"type": "string"}}})",
                                  R"(["text/plain"])", R"(["application/json"])")) == "text/plain");
    // Nothing said: JSON.
    CHECK(content_type(mock_of_v2(pet)) == "application/json");
    Answer v3 = mock_of(R"({"200": {"description": "OK", "content": {
        "application/xml": {"schema": {"type": "object"}},
        "application/json": {"schema": {"type": "string", "format": "uuid"}}}}})");
    CHECK(content_type(v3) == "application/json");
    CHECK(v3.body == R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")");
}

TEST_CASE("a mock sends no JSON labelled as another media type")
{
    Answer xml = mock_of_v2(R"({"200": {"description": "OK", "schema": {"type": "object"}}})",
                            R"(["application/xml"])");
    CHECK(xml.status == 200);
    CHECK(xml.body.empty());
    CHECK(xml.headers.empty());
}

TEST_CASE("a 204, or a response without a schema or an example, has no body and no type")
{
    Answer deleted = mock_of(R"({"204": {"description": "deleted"}, "default": {
        "description": "error", "content": {"application/json": {"schema": {"type": "object"}}}}})");
    CHECK(deleted.status == 204);
    CHECK(deleted.body.empty());
    CHECK(deleted.headers.empty());
    // Even when the document gives it a schema: HTTP forbids the body.
    Answer v2 = mock_of_v2(R"({"204": {"description": "deleted", "schema": {"type": "string"}}})");
    CHECK(v2.status == 204);
    CHECK(v2.headers.empty());
    Answer plain = mock_of(R"({"202": {"description": "accepted"}})");
    CHECK(plain.status == 202);
    CHECK(plain.body.empty());
    CHECK(plain.headers.empty());
}

TEST_CASE("Prefer: code= picks another documented response, as Prism does")
{
    const char* responses = R"({
        "200": {"description": "OK", "content": {"application/json": {"example": {"ok": true}}}},
        "404": {"$ref": "#/components/responses/Gone"},
        "5XX": {"description": "down", "content": {"text/plain": {"example": "down"}}}})";
    Answer gone = mock_of(responses, {{"Prefer", "code=404"}});
    CHECK(gone.status == 404);
    CHECK(gone.reason == "Not Found");
    CHECK(gone.body == R"({"code":404})");
    // A range answers for each of its codes; the header's name and spacing are free.
    Answer down = mock_of(responses, {{"prefer", R"(  code="503" ; other=1)"}});
    CHECK(down.status == 503);
    CHECK(down.body == "down");
    // A code the operation does not document: the default choice, as if not asked.
    Answer unknown = mock_of(responses, {{"Prefer", "code=418"}});
    CHECK(unknown.status == 200);
    CHECK(unknown.body == R"({"ok":true})");
    CHECK(mock_of(responses, {{"Prefer", "code=abc"}}).status == 200);
    // `default` stands for every status the others leave out.
    Answer fallback = mock_of(R"({"200": {"description": "OK"}, "default": {"description": "error",
        "content": {"application/json": {"example": {"error": true}}}}})",
                              {{"Prefer", "code=500"}});
    CHECK(fallback.status == 500);
    CHECK(fallback.body == R"({"error":true})");
    CHECK(mock_of(responses, {{"Prefer", "return=minimal"}}).status == 200);
}

TEST_CASE("Prefer: example= picks a named example, as Prism does")
{
    const char* responses = R"({"200": {"description": "OK", "content": {
        "application/json": {"examples": {
            "first": {"value": {"name": "Tom"}},
            "rex": {"$ref": "#/components/examples/rex"}}},
        "text/plain": {"examples": {"plain": {"value": "Felix"}}}}},
        "400": {"description": "bad", "content": {"application/json": {"examples": {
            "bad": {"value": {"error": "bad"}}}}}}})";
    CHECK(mock_of(responses).body == R"({"name":"Tom"})");
    CHECK(mock_of(responses, {{"Prefer", "example=rex"}}).body == R"({"name":"Rex"})");
    Answer plain = mock_of(responses, {{"Prefer", "example=plain"}});
    CHECK(plain.body == "Felix");
    CHECK(content_type(plain) == "text/plain");
    // Both together, in one header or two.
    Answer bad = mock_of(responses, {{"Prefer", "code=400, example=bad"}});
    CHECK(bad.status == 400);
    CHECK(bad.body == R"({"error":"bad"})");
    CHECK(mock_of(responses, {{"Prefer", "code=400"}, {"Prefer", "example=bad"}}).body ==
          R"({"error":"bad"})");
    // A name the response does not have: its first example.
    CHECK(mock_of(responses, {{"Prefer", "example=nobody"}}).body == R"({"name":"Tom"})");
}

TEST_CASE("a mock sends the headers its response documents, with samples of them")
{
    Answer v2 = mock_of_v2(R"({"200": {"description": "OK", "schema": {"type": "string"},
        "headers": {"X-Rate-Limit": {"type": "integer", "format": "int32"},
                    "X-Expires-After": {"type": "string", "format": "date-time"},
                    "X-Tags": {"type": "array", "items": {"type": "string", "enum": ["a"]}},
                    "Content-Type": {"type": "string", "default": "text/html"}}}})");
    CHECK(header_of(v2, "X-Rate-Limit") == "0");
    CHECK(header_of(v2, "X-Expires-After") == "2024-01-01T00:00:00Z");
    CHECK(header_of(v2, "X-Tags") == "a");
    // The body's media type, not the document's idea of the header.
    CHECK(content_type(v2) == "application/json");
    CHECK(v2.headers.size() == 4);

    Answer v3 = mock_of(R"({"204": {"description": "made", "headers": {
        "X-Request-Id": {"schema": {"type": "string", "format": "uuid"}},
        "X-Page": {"example": 2, "schema": {"type": "integer"}},
        "Location": {"$ref": "#/components/headers/Location"},
        "X-Split": {"example": "a\r\nSet-Cookie: b"},
        "X-Object": {"schema": {"type": "object"}}}}})");
    CHECK(v3.status == 204);
    CHECK(header_of(v3, "X-Request-Id") == "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    CHECK(header_of(v3, "X-Page") == "2");
    CHECK(header_of(v3, "Location") == "/a/1");
    // A line break would end the header and start another; an object has no header form.
    CHECK(v3.headers.size() == 3);
    CHECK(v3.body.empty());
}

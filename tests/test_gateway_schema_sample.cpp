#include "gateway/schema_sample.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using apicat::gateway::schema_sample;

namespace {

Json sample_of(const char* schema, const char* document = "{}")
{
    return schema_sample(Json::parse(schema), Json::parse(document));
}

} // namespace

TEST_CASE("a schema's sample has a value of each type")
{
    CHECK(sample_of(R"({"type": "string"})") == "string");
    CHECK(sample_of(R"({"type": "integer", "format": "int64"})") == 0);
    CHECK(sample_of(R"({"type": "integer"})").is_number_integer());
    CHECK(sample_of(R"({"type": "number", "format": "double"})").is_number_float());
    CHECK(sample_of(R"({"type": "boolean"})") == true);
    CHECK(sample_of(R"({"type": ["null", "string"]})") == "string");
    CHECK(sample_of(R"({})").is_null());
    CHECK(sample_of(R"(true)").is_null());
}

TEST_CASE("a string's sample fits its format")
{
    CHECK(sample_of(R"({"type": "string", "format": "date"})") == "2024-01-01");
    CHECK(sample_of(R"({"type": "string", "format": "date-time"})") == "2024-01-01T00:00:00Z");
    CHECK(sample_of(R"({"type": "string", "format": "uuid"})") ==
          "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    CHECK(sample_of(R"({"type": "string", "format": "email"})") == "user@example.com");
    CHECK(sample_of(R"({"type": "string", "format": "uri"})") == "https://example.com/");
    CHECK(sample_of(R"({"type": "string", "format": "ipv4"})") == "192.0.2.1");
    // A format no one lists is a plain string.
    CHECK(sample_of(R"({"type": "string", "format": "zip-code"})") == "string");
}

TEST_CASE("a sample stays within the schema's bounds")
{
    CHECK(sample_of(R"({"type": "string", "minLength": 10})") == "stringxxxx");
    CHECK(sample_of(R"({"type": "string", "maxLength": 3})") == "str");
    CHECK(sample_of(R"({"type": "string", "minLength": 1000000})").get<std::string>().size() ==
          1024);
    CHECK(sample_of(R"({"type": "integer", "minimum": 5})") == 5);
    CHECK(sample_of(R"({"type": "integer", "minimum": 0, "exclusiveMinimum": true})") == 1);
    CHECK(sample_of(R"({"type": "integer", "exclusiveMinimum": 7})") == 8);
    CHECK(sample_of(R"({"type": "integer", "minimum": -5, "maximum": 5})") == 0);
    CHECK(sample_of(R"({"type": "integer", "maximum": -3})") == -3);
    CHECK(sample_of(R"({"type": "number", "minimum": 0, "exclusiveMinimum": true})") == 0.5);
    CHECK(sample_of(R"({"type": "integer", "minimum": 1e30})") == 1e30);
    CHECK(sample_of(R"({"type": "string", "minLength": 1e300})").get<std::string>().size() == 1024);
}

TEST_CASE("an example, a default, an enum or a const is the sample, at any depth")
{
    CHECK(sample_of(R"({"type": "string", "example": "Rex", "default": "x"})") == "Rex");
    CHECK(sample_of(R"({"type": "integer", "default": 7})") == 7);
    CHECK(sample_of(R"({"type": "string", "enum": ["cat", "dog"]})") == "cat");
    CHECK(sample_of(R"({"const": 3})") == 3);
    CHECK(sample_of(R"({"type": "object", "properties": {"tag": {"type": "string",
        "example": "indoor"}, "age": {"type": "integer", "default": 2}}})") ==
          Json::parse(R"({"tag": "indoor", "age": 2})"));
    CHECK(sample_of(R"({"type": "object", "example": {"whole": true},
        "properties": {"part": {"type": "string"}}})") == Json::parse(R"({"whole": true})"));
}

TEST_CASE("an object's sample has every property, required or not, but write-only ones")
{
    Json sample = sample_of(R"({"type": "object", "required": ["name"], "properties": {
        "name": {"type": "string"}, "tag": {"type": "string"},
        "password": {"type": "string", "writeOnly": true}}})");
    CHECK(sample == Json::parse(R"({"name": "string", "tag": "string"})"));
    CHECK(sample_of(R"({"additionalProperties": {"type": "integer"}})") ==
          Json::parse(R"({"additionalProp1": 0})"));
}

TEST_CASE("an array's sample has one item")
{
    CHECK(sample_of(R"({"type": "array", "items": {"type": "string", "format": "date"}})") ==
          Json::parse(R"(["2024-01-01"])"));
    CHECK(sample_of(R"({"type": "array", "items": {"type": "integer"}, "maxItems": 0})") ==
          Json::array());
    CHECK(sample_of(R"({"items": {"type": "boolean"}})") == Json::parse("[true]"));
}

TEST_CASE("a sample follows local references of OpenAPI 2.0 and 3.x")
{
    const char* v2 = R"({"definitions": {"Pet": {"type": "object",
        "properties": {"id": {"type": "integer", "format": "int64"}}}}})";
    CHECK(sample_of(R"({"type": "array", "items": {"$ref": "#/definitions/Pet"}})", v2) ==
          Json::parse(R"([{"id": 0}])"));
    const char* v3 =
        R"({"components": {"schemas": {"a/b": {"type": "string", "format": "uuid"}}}})";
    CHECK(sample_of(R"({"$ref": "#/components/schemas/a~1b"})", v3) ==
          "3fa85f64-5717-4562-b3fc-2c963f66afa6");
    // A reference that leads nowhere, or elsewhere, says nothing.
    CHECK(sample_of(R"({"$ref": "#/definitions/Missing"})", v2).is_null());
    CHECK(sample_of(R"({"$ref": "other.yaml#/Pet"})", v2).is_null());
    CHECK(sample_of(R"({"$ref": "#not a pointer"})", v2).is_null());
}

TEST_CASE("a reference back into the schema being sampled ends the sample there")
{
    const char* document = R"({"definitions": {
        "Node": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"},
            "parent": {"$ref": "#/definitions/Node"},
            "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}},
        "Loop": {"type": "object", "required": ["self"], "properties": {
            "self": {"$ref": "#/definitions/Loop"}}}}})";
    // The optional parent is left out and the children are none: still a valid Node.
    CHECK(sample_of(R"({"$ref": "#/definitions/Node"})", document) ==
          Json::parse(R"({"name": "string", "children": []})"));
    // A Loop needs a Loop: no finite value is one; an array of them can still be empty.
    CHECK(sample_of(R"({"$ref": "#/definitions/Loop"})", document).is_null());
    CHECK(sample_of(R"({"type": "array", "items": {"$ref": "#/definitions/Loop"}})", document) ==
          Json::array());
}

TEST_CASE("a sample of a document that would make an exponential one stays small")
{
    Json document = {{"definitions", Json::object()}};
    for (int level = 0; level < 30; ++level) {
        Json next = {{"$ref", "#/definitions/L" + std::to_string(level + 1)}};
        document["definitions"]["L" + std::to_string(level)] = {
            {"type", "object"}, {"properties", {{"a", next}, {"b", next}}}};
    }
    document["definitions"]["L30"] = {{"type", "string"}};
    Json sample = schema_sample(Json::parse(R"({"$ref": "#/definitions/L0"})"), document);
    CHECK(sample.is_object());
    CHECK(sample.dump().size() < 100000);
}

TEST_CASE("allOf merges its parts, oneOf and anyOf take their first alternative")
{
    const char* document = R"({"definitions": {
        "NewPet": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "tag": {"type": "string"}}},
        "Pet": {"allOf": [{"$ref": "#/definitions/NewPet"}, {"required": ["id"],
            "properties": {"id": {"type": "integer", "format": "int64"}}}]}}})";
    CHECK(sample_of(R"({"$ref": "#/definitions/Pet"})", document) ==
          Json::parse(R"({"name": "string", "tag": "string", "id": 0})"));
    CHECK(sample_of(R"({"oneOf": [{"type": "integer"}, {"type": "string"}]})") == 0);
    CHECK(sample_of(R"({"anyOf": [{"type": "string", "format": "email"}, {"type": "integer"}]})") ==
          "user@example.com");
    CHECK(sample_of(R"({"type": "object", "properties": {"kind": {"type": "string",
        "enum": ["cat"]}}, "oneOf": [{"properties": {"purrs": {"type": "boolean"}}}]})") ==
          Json::parse(R"({"kind": "cat", "purrs": true})"));
}

TEST_CASE("a sample of references chained deeper than a document may nest stops at that depth")
{
    Json document = {{"definitions", Json::object()}};
    for (int level = 0; level < 900; ++level) {
        document["definitions"]["D" + std::to_string(level)] = {
            {"type", "array"},
            {"items", {{"$ref", "#/definitions/D" + std::to_string(level + 1)}}}};
    }
    document["definitions"]["D900"] = {{"type", "integer"}};
    Json sample = schema_sample(Json::parse(R"({"$ref": "#/definitions/D0"})"), document);
    int depth = 0;
    for (const Json* at = &sample; at->is_array() && !at->empty(); at = &at->front()) {
        ++depth;
    }
    CHECK(depth > 50);
    CHECK(depth < 256);
}

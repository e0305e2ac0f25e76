#include "gateway/mock_response.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;

namespace {

Answer mock_of(const char* responses)
{
    openapi::Draft draft;
    draft.version = openapi::OpenApiVersion::v3;
    draft.document = Json::parse(R"({"openapi": "3.0.3", "paths": {"/a": {"get": {}}}})");
    draft.document["paths"]["/a"]["get"]["responses"] = Json::parse(responses);
    return mock_response(draft, openapi::list_operations(draft).front());
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
    CHECK(answer.headers.front().value == "application/json");
}

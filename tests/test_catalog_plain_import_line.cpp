// The quick reader of plain app import lines: it reads what the JSON parser reads, and leaves
// every other line to it.

#include "catalog/plain_import_line.hpp"
#include "json.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using apicat::Json;
using apicat::catalog::GivenImportLine;
using apicat::catalog::read_plain_import_line;

namespace {

std::optional<std::string> member_of(const Json& object, const char* key)
{
    if (!object.contains(key)) {
        return std::nullopt;
    }
    return object.at(key).get<std::string>();
}

// What the JSON parser reads from a line of the right shape.
GivenImportLine parsed(const std::string& line)
{
    const Json object = Json::parse(line);
    GivenImportLine given{member_of(object, "name"),
                          member_of(object, "client_id"),
                          member_of(object, "client_secret"),
                          {}};
    for (const Json& each : object.value("subscriptions", Json::array())) {
        given.subscriptions.push_back({each.at("product"), each.at("plan")});
    }
    return given;
}

} // namespace

TEST_CASE("a plain import line reads as the JSON parser reads it")
{
    const std::vector<std::string> lines = {
        R"({"name": "a"})",
        R"({})",
        "\t{ \"name\" :\"b\" , \"client_id\":\"id-1\",\"client_secret\": \"s3cr=t/+\" }\r",
        R"({"client_secret": "s", "name": "c", "client_id": "x!#$%&'()*+,-./:;<=>?@[]^_`{|}~"})",
        R"({"name": "d", "subscriptions": []})",
        R"({"subscriptions": [{"plan": "gold", "product": "p"}, {"product": "q", "plan": ""}], "name": "e"})",
        R"({"name": "", "client_id": ""})",
    };
    for (const std::string& line : lines) {
        CAPTURE(line);
        const auto plain = read_plain_import_line(line);
        REQUIRE(plain);
        const GivenImportLine expected = parsed(line);
        CHECK(plain->name == expected.name);
        CHECK(plain->client_id == expected.client_id);
        CHECK(plain->client_secret == expected.client_secret);
        REQUIRE(plain->subscriptions.size() == expected.subscriptions.size());
        for (std::size_t i = 0; i < expected.subscriptions.size(); ++i) {
            CHECK(plain->subscriptions[i].product == expected.subscriptions[i].product);
            CHECK(plain->subscriptions[i].plan == expected.subscriptions[i].plan);
        }
    }
}

TEST_CASE("a line that is not plain is left to the JSON parser")
{
    const std::vector<std::string> lines = {
        R"({"name": "a\"b"})",            // an escape
        R"({"name": "a\u0062"})",         // another
        "{\"name\": \"caf\xc3\xa9\"}",    // UTF-8
        "{\"name\": \"a\tb\"}",           // a control character, which JSON refuses
        R"({"name": 3})",                 // not a string
        R"({"name": "a", "name": "b"})",  // a key twice
        R"({"name": "a", "extra": "x"})", // an unknown key
        R"({"name": "a",})",              // a trailing comma
        R"({"name": "a"} x)",             // something after the object
        R"({"name": "a")",                // no end
        R"(["name", "a"])",               // not an object
        R"({"name": "a", "subscriptions": {}})",
        R"({"name": "a", "subscriptions": [{"product": "p"}]})",
        R"({"name": "a", "subscriptions": [{"product": "p", "plan": "x", "more": "y"}]})",
        R"({"name": "a", "subscriptions": [{"product": "p", "product": "q"}]})",
        R"({"name": "a", "subscriptions": [{"product": "p", "plan": "x"},]})",
        R"({"name": "a", "subscriptions": [], "subscriptions": []})",
        "",
    };
    for (const std::string& line : lines) {
        CAPTURE(line);
        CHECK_FALSE(read_plain_import_line(line));
    }
}

TEST_CASE("whatever the quick reader reads, the JSON parser reads alike")
{
    // Lines pieced together from the tokens of the import's shape, most of them wrong: each one
    // the quick reader accepts must parse as JSON to the same members.
    const std::vector<std::string> tokens = {"{",
                                             "}",
                                             "[",
                                             "]",
                                             ",",
                                             ":",
                                             " ",
                                             "\"name\"",
                                             "\"client_id\"",
                                             "\"client_secret\"",
                                             "\"subscriptions\"",
                                             "\"product\"",
                                             "\"plan\"",
                                             "\"a\"",
                                             "\"b c\"",
                                             "\"\"",
                                             "\"x\\\"\"",
                                             "1",
                                             "null",
                                             "\t"};
    std::uint32_t state = 12345;
    const auto next = [&state] {
        state = state * 1664525U + 1013904223U; // a fixed sequence: the same lines every run
        return state >> 8;
    };
    int accepted = 0;
    for (int round = 0; round < 200000; ++round) {
        std::string line = "{";
        const std::uint32_t length = next() % 24;
        for (std::uint32_t i = 0; i < length; ++i) {
            line += tokens[next() % tokens.size()];
        }
        const auto plain = read_plain_import_line(line);
        if (!plain) {
            continue;
        }
        ++accepted;
        CAPTURE(line);
        const Json object = Json::parse(line, nullptr, false);
        REQUIRE_FALSE(object.is_discarded());
        const GivenImportLine expected = parsed(line);
        CHECK(plain->name == expected.name);
        CHECK(plain->client_id == expected.client_id);
        CHECK(plain->client_secret == expected.client_secret);
        CHECK(plain->subscriptions.size() == expected.subscriptions.size());
    }
    CHECK(accepted > 10); // the sequence does reach lines the quick reader takes
}

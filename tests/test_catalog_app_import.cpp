// Reading one line of apicat app import: its shape, and the line an error names.

#include "catalog/app_import.hpp"
#include "errors.hpp"

#include <doctest/doctest.h>

#include <string>

using apicat::catalog::is_importable_client_id;
using apicat::catalog::parse_import_line;

namespace {

std::string import_line_error(const std::string& line)
{
    try {
        parse_import_line(line, "apps.jsonl", 7);
    } catch (const apicat::Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

TEST_CASE("an import line gives the name, the credentials and the subscriptions")
{
    auto app = parse_import_line(
        R"({"name": "a", "client_id": "id-1", "client_secret": "s", "subscriptions": [{"product": "p", "plan": "gold"}, {"product": "q", "plan": "free"}]})",
        "apps.jsonl", 3);
    CHECK(app.line == 3);
    CHECK(app.name == "a");
    CHECK(app.client_id == "id-1");
    CHECK(app.client_secret == "s");
    REQUIRE(app.subscriptions.size() == 2);
    CHECK(app.subscriptions[1].product == "q");
    CHECK(app.subscriptions[1].plan == "free");

    auto bare = parse_import_line(R"({"name": "b"})", "apps.jsonl", 1);
    CHECK(bare.client_id.empty());
    CHECK(bare.client_secret.empty());
    CHECK(bare.subscriptions.empty());
}

TEST_CASE("a wrong import line is an error that names the file and the line")
{
    CHECK(import_line_error("{\"name\": ").rfind("apps.jsonl:7: not JSON", 0) == 0);
    CHECK(import_line_error("[1]") == "apps.jsonl:7: not a JSON object");
    CHECK(import_line_error(R"({"client_id": "x"})") == "apps.jsonl:7: the app has no 'name'");
    CHECK(import_line_error(R"({"name": 3})") == "apps.jsonl:7: 'name' is not a string");
    CHECK(import_line_error(R"({"name": "a", "extra": 1})") == "apps.jsonl:7: unknown key 'extra'");
    CHECK(import_line_error(R"({"name": "a", "client_secret": "s"})") ==
          "apps.jsonl:7: app 'a' has a client_secret but no client_id");
    CHECK(import_line_error(R"({"name": "a", "client_id": "x", "client_secret": ""})") ==
          "apps.jsonl:7: the client secret of app 'a' is empty");
    CHECK(import_line_error(R"({"name": "a", "subscriptions": {}})") ==
          "apps.jsonl:7: 'subscriptions' is not a list");
    CHECK(import_line_error(R"({"name": "a", "subscriptions": [{"product": "p"}]})") ==
          "apps.jsonl:7: a subscription lacks its 'plan'");
    CHECK(
        import_line_error(
            R"({"name": "a", "subscriptions": [{"product": "p", "plan": "x"}, {"product": "p", "plan": "y"}]})") ==
        "apps.jsonl:7: product 'p' is subscribed to twice");
    CHECK(import_line_error(R"({"name": "a b"})").rfind("apps.jsonl:7: ", 0) == 0);
}

TEST_CASE("an imported client ID is 1 to 128 printable ASCII characters without spaces")
{
    CHECK(is_importable_client_id("a"));
    CHECK(is_importable_client_id("legacy-ID_42.x~!"));
    CHECK(is_importable_client_id(std::string(128, 'x')));
    CHECK_FALSE(is_importable_client_id(""));
    CHECK_FALSE(is_importable_client_id(std::string(129, 'x')));
    CHECK_FALSE(is_importable_client_id("has space"));
    CHECK_FALSE(is_importable_client_id("tab\there"));
    CHECK_FALSE(is_importable_client_id("caf\xc3\xa9"));
}

#include "gateway/credential_placement.hpp"
#include "gateway/credentials_endpoint.hpp"
#include "gateway/request_parts.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;

namespace {

Request placed(const CredentialSlots& slots, const ClientCredentials& credentials,
               const std::string& target = "/sandbox/weather/current")
{
    Request request{"GET", target, {{"Accept", "*/*"}}, ""};
    place_credentials(request, slots, credentials);
    return request;
}

const ClientCredentials app_credentials{"the-id", "the secret&more=1"};

using Kind = openapi::SecurityScheme::Kind;
using In = openapi::SecurityScheme::In;

const std::map<std::string, openapi::SecurityScheme> schemes{
    {"Client ID", {Kind::client_id, In::header, "X-IBM-Client-Id", ""}},
    {"Client Secret", {Kind::client_secret, In::header, "X-IBM-Client-Secret", ""}},
    {"Query ID", {Kind::client_id, In::query, "client_id", ""}},
    {"Basic", {Kind::basic, In::header, "Authorization", ""}},
    {"OAuth", {Kind::unchecked, In::header, "Authorization", "oauth2"}},
};

std::vector<std::string> unchecked_names(const CredentialChoice& choice)
{
    std::vector<std::string> names;
    for (const NamedScheme& scheme : choice.unchecked) {
        names.push_back(scheme.name);
    }
    return names;
}

} // namespace

TEST_CASE("credentials go into the headers an operation names")
{
    const Request request =
        placed({CredentialSlot{"header", "X-Key"}, CredentialSlot{"header", "X-Password"}},
               app_credentials);
    CHECK(request.target == "/sandbox/weather/current");
    REQUIRE(request.headers.size() == 3);
    CHECK(request.headers[1].name == "X-Key");
    CHECK(request.headers[1].value == "the-id");
    CHECK(request.headers[2].name == "X-Password");
    CHECK(request.headers[2].value == "the secret&more=1");
}

TEST_CASE("credentials go into the query percent-encoded, after what the query holds")
{
    const CredentialSlots slots{CredentialSlot{"query", "key"},
                                CredentialSlot{"query", "pass word"}};
    const Request request =
        placed(slots, app_credentials, "/sandbox/weather/current?zipcode=90210");
    CHECK(request.target ==
          "/sandbox/weather/current?zipcode=90210&key=the-id&pass%20word=the%20secret%26more%3D1");
    CHECK(request.headers.size() == 1);
    // As the gateway reads them back.
    const RequestParts parts = split_target(request.target);
    const ValuesFound secret = find_parameter(parts, "pass word");
    CHECK(secret.count == 1);
    REQUIRE(secret.first != nullptr);
    CHECK(*secret.first == app_credentials.client_secret);
    CHECK(placed(slots, app_credentials).target ==
          "/sandbox/weather/current?key=the-id&pass%20word=the%20secret%26more%3D1");
}

TEST_CASE("credentials for basic authentication go as one Authorization header")
{
    const CredentialSlot basic{"basic", "Authorization"};
    const Request request = placed({basic, basic}, {"Aladdin", "open sesame"});
    REQUIRE(request.headers.size() == 2);
    CHECK(request.headers[1].name == "Authorization");
    CHECK(request.headers[1].value == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK(placed({basic, basic}, {"", "open sesame"}).headers.size() == 1);
}

TEST_CASE("only what the operation asks for is sent")
{
    // A client ID alone: the secret stays with the caller.
    const Request id_only =
        placed({CredentialSlot{"header", "X-IBM-Client-Id"}, std::nullopt}, app_credentials);
    REQUIRE(id_only.headers.size() == 2);
    CHECK(id_only.headers[1].name == "X-IBM-Client-Id");
    // Nothing asked for, nothing sent.
    const Request open = placed({}, app_credentials);
    CHECK(open.headers.size() == 1);
    CHECK(open.target == "/sandbox/weather/current");
    // An empty value is not sent.
    CHECK(placed(well_known_credential_slots(), {"the-id", ""}).headers.size() == 2);
}

TEST_CASE("credentials go to the first option that the gateway can check and that names an app")
{
    const CredentialChoice both = choose_credentials({{"Client ID", "Client Secret"}}, schemes);
    REQUIRE(both.slots.client_id);
    CHECK(both.slots.client_id->name == "X-IBM-Client-Id");
    REQUIRE(both.slots.client_secret);
    CHECK(both.slots.client_secret->in == "header");
    CHECK_FALSE(both.refused);

    // An option that admits anyone comes first: the app still sends its credentials, so that
    // the gateway holds it to its plan.
    const CredentialChoice behind_public = choose_credentials({{}, {"Query ID"}}, schemes);
    REQUIRE(behind_public.slots.client_id);
    CHECK(behind_public.slots.client_id->in == "query");
    CHECK_FALSE(behind_public.slots.client_secret);

    const CredentialChoice basic = choose_credentials({{"Basic"}}, schemes);
    REQUIRE(basic.slots.client_id);
    CHECK(basic.slots.client_id->in == "basic");

    // Only an option anyone may use: nothing to send, and nothing refused.
    const CredentialChoice open = choose_credentials({{}}, schemes);
    CHECK_FALSE(open.slots.client_id);
    CHECK_FALSE(open.refused);
    CHECK(open.unchecked.empty());
    CHECK_FALSE(choose_credentials({}, schemes).refused);
}

TEST_CASE("a scheme the gateway cannot check gets no credentials, and is named")
{
    const CredentialChoice either =
        choose_credentials({{"OAuth"}, {"Client ID", "Client Secret"}, {"Undefined"}}, schemes);
    REQUIRE(either.slots.client_id);
    CHECK(either.slots.client_id->name == "X-IBM-Client-Id");
    CHECK(unchecked_names(either) == std::vector<std::string>{"OAuth"});
    CHECK(either.unchecked[0].scheme.what == "oauth2");
    CHECK_FALSE(either.refused);

    // An option naming one such scheme is passed over whole, and each scheme is named once.
    const CredentialChoice refused =
        choose_credentials({{"OAuth", "Client ID"}, {"OAuth"}, {"Undefined"}}, schemes);
    CHECK_FALSE(refused.slots.client_id);
    CHECK_FALSE(refused.slots.client_secret);
    CHECK(refused.refused);
    CHECK(unchecked_names(refused) == std::vector<std::string>{"OAuth", "Undefined"});
    CHECK(refused.unchecked[1].scheme.what == "an undefined scheme");

    // Behind an option anyone may use, nothing is refused.
    CHECK_FALSE(choose_credentials({{"OAuth"}, {}}, schemes).refused);
}

TEST_CASE("the credentials question leaves the query out, and its answer is read back")
{
    CHECK(credentials_question("GET", "/sandbox/weather/current?zipcode=90210") ==
          "/-/credentials?method=GET&target=%2Fsandbox%2Fweather%2Fcurrent");
    const std::optional<CredentialSlots> typed = read_credentials_answer(
        R"({"client_id": {"in": "query", "name": "key"}, "client_secret": {"in": "header", "name": "X-P"}})");
    REQUIRE(typed);
    CHECK(typed->client_id->in == "query");
    CHECK(typed->client_id->name == "key");
    CHECK(typed->client_secret->name == "X-P");
    const std::optional<CredentialSlots> open = read_credentials_answer("{}");
    REQUIRE(open);
    CHECK_FALSE(open->client_id);
    CHECK_FALSE(open->client_secret);
}

TEST_CASE("an answer no apicat gateway gives is not read as one")
{
    CHECK_FALSE(read_credentials_answer("<html>Not here</html>"));
    CHECK_FALSE(read_credentials_answer("[]"));
    CHECK_FALSE(read_credentials_answer(R"({"status": "ok"})"));
    CHECK_FALSE(read_credentials_answer(R"({"client_id": {"in": "cookie", "name": "id"}})"));
    CHECK_FALSE(read_credentials_answer(R"({"client_id": {"in": "header", "name": ""}})"));
}

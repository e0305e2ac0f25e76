// The gateway engine with security definitions as API Connect writes them: x-key-type in
// both versions, credentials in the query, names with spaces, options that ask for nothing,
// and schemes the gateway cannot check.

#include "credentials/credentials.hpp"
#include "gateway/engine.hpp"
#include "gateway/forwarding.hpp"
#include "gateway/routes.hpp"
#include "support/catalog_with_apps.hpp"
#include "support/engine_exchange.hpp"

#include <doctest/doctest.h>

using namespace apicat;
using namespace apicat::gateway;
using apicat::test::app_secret;
using apicat::test::more_information;

namespace {

const char* secured_draft = R"json({
  "swagger": "2.0",
  "info": {"title": "Options", "version": "1"},
  "basePath": "/o",
  "securityDefinitions": {
    "Client Secret": {"type": "apiKey", "in": "query", "name": "client_secret"},
    "Client ID": {"type": "apiKey", "in": "query", "name": "client_id"},
    "key one": {"type": "apiKey", "in": "header", "name": "X-Key-1", "x-key-type": "client_id"},
    "key two": {"type": "apiKey", "in": "header", "name": "X-Key-2", "x-key-type": "client_secret"},
    "OAuth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://a.example/t", "scopes": {}},
    "Staff": {"type": "basic", "x-ibm-authentication-registry": "ldap"},
    "Plain": {"type": "basic"}
  },
  "security": [{"Client Secret": [], "Client ID": []}],
  "paths": {
    "/query": {"get": {"responses": {"200": {"description": "OK"}}}},
    "/typed": {"get": {"security": [{"key two": [], "key one": []}], "responses": {"200": {"description": "OK"}}}},
    "/public": {"get": {"security": [{}], "responses": {"200": {"description": "OK"}}}},
    "/counted": {"get": {"security": [{}, {"key one": [], "key two": []}], "responses": {"200": {"description": "OK"}}}},
    "/oauth": {"get": {"security": [{"OAuth": []}], "responses": {"200": {"description": "OK"}}}},
    "/either": {"get": {"security": [{"OAuth": []}, {"key one": [], "key two": []}], "responses": {"200": {"description": "OK"}}}},
    "/staff": {"get": {"security": [{"Staff": []}], "responses": {"200": {"description": "OK"}}}},
    "/plain": {"get": {"security": [{"Plain": []}], "responses": {"200": {"description": "OK"}}}}
  },
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "http://up.example$(request.path)$(request.search)"}}]}}
})json";

const std::string good_app_id = "11111111111111111111111111111111";

// The draft, published as 2.0 or, with its definitions moved, as 3.0.
apicat::test::CatalogWithApps secured_catalog(bool v3)
{
    Json document = Json::parse(secured_draft);
    if (v3) {
        document.erase("swagger");
        document["openapi"] = "3.0.0";
        document["components"]["securitySchemes"] = document["securityDefinitions"];
        document["components"]["securitySchemes"]["Plain"] = {{"type", "http"},
                                                              {"scheme", "basic"}};
        document["components"]["securitySchemes"]["Staff"] = {
            {"type", "http"}, {"scheme", "basic"}, {"x-ibm-authentication-registry", "ldap"}};
        document.erase("securityDefinitions");
    }
    Json snapshot = {{"product", Json::parse(R"({"plans": {"default": {}}})")},
                     {"apis",
                      {{"options",
                        {{"file", "o.yaml"},
                         {"openapi", v3 ? "3.0.0" : "2.0"},
                         {"base_path", "/o"},
                         {"document", document}}}}}};
    store::App app;
    app.catalog = "sandbox";
    app.name = "good";
    app.client_id = good_app_id;
    app.secret_digest = credentials::secret_digest(app_secret);
    app.state = store::AppState::active;
    apicat::test::CatalogWithApps catalog;
    catalog.published.catalog = "sandbox";
    catalog.published.products = apicat::catalog::decode_products(
        {store::PublishedProduct{"sandbox", "options-product", "1.0.0", "O", snapshot, ""}});
    catalog.apps = {app};
    catalog.subscriptions = {
        {"sandbox", "good", "options-product", "default", store::SubscriptionState::active}};
    return catalog;
}

struct SecurityOptionsFixture {
    explicit SecurityOptionsFixture(bool v3 = false)
        : catalog(secured_catalog(v3))
        , apps(catalog.directory())
        , engine(catalog.published, apps, *limiter, [] { return std::int64_t{1'000'000'000}; })
    {
    }
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    apicat::test::CatalogWithApps catalog;
    MemoryAppDirectory apps;
    Engine engine;

    Decision get(const std::string& target, std::vector<http::Header> headers = {}) const
    {
        return engine.decide(Request{"GET", target, std::move(headers), ""});
    }
};

std::vector<http::Header> typed_keys(const std::string& key = app_secret)
{
    return {{"X-Key-1", good_app_id}, {"X-Key-2", key}};
}

int decided_status(const Decision& decision)
{
    return std::holds_alternative<Answer>(decision.action)
               ? std::get<Answer>(decision.action).status
               : 200;
}

// HTTP basic with `good_app_id` and `app_secret`.
const std::string basic_credentials =
    "Basic MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE6dGhlLXNlY3JldA==";

} // namespace

TEST_CASE("the gateway engine takes credentials from the query and keeps them from the upstream")
{
    SecurityOptionsFixture f;
    Decision decision = f.get("/sandbox/o/query?zip=1&client_secret=" + app_secret +
                              "&client_id=" + good_app_id + "&b=2");
    REQUIRE(std::holds_alternative<Forward>(decision.action));
    CHECK(std::get<Forward>(decision.action).request.url == "http://up.example/o/query?zip=1&b=2");
    CHECK(decision.app == "good");
    CHECK(more_information(f.get("/sandbox/o/query?client_id=" + good_app_id +
                                 "&client_secret=wrong")) == "Client secret invalid");
    CHECK(more_information(f.get("/sandbox/o/query?client_secret=" + app_secret))
              .rfind("Client ID missing: send it in the client_id query parameter", 0) == 0);
}

TEST_CASE("the gateway engine reads x-key-type in 2.0 and 3.0, whatever the option's order")
{
    for (bool v3 : {false, true}) {
        INFO("3.0: ", v3);
        SecurityOptionsFixture f(v3);
        CHECK(f.get("/sandbox/o/typed", typed_keys()).app == "good");
        CHECK(more_information(f.get("/sandbox/o/typed", typed_keys("wrong"))) ==
              "Client secret invalid");
        CHECK(more_information(f.get("/sandbox/o/typed", {{"X-Key-2", app_secret}}))
                  .rfind("Client ID missing: send it in the X-Key-1 header", 0) == 0);
    }
}

TEST_CASE("the gateway engine lets anyone through an option that asks for nothing")
{
    SecurityOptionsFixture f;
    CHECK(decided_status(f.get("/sandbox/o/public")) == 200);
    CHECK(decided_status(f.get("/sandbox/o/counted")) == 200);
    CHECK(decided_status(f.get("/sandbox/o/counted", typed_keys("wrong"))) == 200);
    // An app that says who it is is still identified, so that its plan holds.
    CHECK(f.get("/sandbox/o/counted", typed_keys()).app == "good");
}

TEST_CASE("the gateway engine admits no call through a scheme it cannot check")
{
    for (bool v3 : {false, true}) {
        INFO("3.0: ", v3);
        SecurityOptionsFixture f(v3);
        Decision oauth = f.get("/sandbox/o/oauth", {{"Authorization", "Bearer token"}});
        CHECK(decided_status(oauth) == 401);
        CHECK(more_information(oauth).find("'OAuth'") != std::string::npos);
        CHECK(decided_status(f.get("/sandbox/o/staff", {{"Authorization", basic_credentials}})) ==
              401);
        CHECK(f.get("/sandbox/o/plain", {{"Authorization", basic_credentials}}).app == "good");
        // Another option still admits the call; the token never reaches the upstream.
        std::vector<http::Header> both = typed_keys();
        both.push_back({"Authorization", "Bearer token"});
        Decision either = f.get("/sandbox/o/either", both);
        REQUIRE(std::holds_alternative<Forward>(either.action));
        CHECK(either.app == "good");
        CHECK(std::get<Forward>(either.action).request.headers.empty());
    }
}

TEST_CASE("the gateway engine tells invoke where the first option it can check wants credentials")
{
    SecurityOptionsFixture f;
    CredentialSlots counted =
        f.engine.credential_slots(Request{"GET", "/sandbox/o/counted", {}, ""});
    REQUIRE(counted.client_id);
    CHECK(counted.client_id->name == "X-Key-1");
    REQUIRE(counted.client_secret);
    CHECK(counted.client_secret->name == "X-Key-2");
    CredentialSlots either = f.engine.credential_slots(Request{"GET", "/sandbox/o/either", {}, ""});
    REQUIRE(either.client_id);
    CHECK(either.client_id->in == "header");
    CredentialSlots query = f.engine.credential_slots(Request{"GET", "/sandbox/o/query", {}, ""});
    REQUIRE(query.client_id);
    CHECK(query.client_id->in == "query");
    CHECK(query.client_id->name == "client_id");
    CHECK_FALSE(f.engine.credential_slots(Request{"GET", "/sandbox/o/oauth", {}, ""}).client_id);
}

TEST_CASE("the route table reads each scheme once, as the gateway checks it")
{
    const CatalogSnapshot catalog = secured_catalog(true).published;
    RouteTable routes(catalog.products, catalog.catalog);
    RouteResult found = routes.find("GET", "/o/typed");
    REQUIRE(found.route);
    const std::map<std::string, openapi::SecurityScheme>& schemes = found.route->api->schemes;
    using Kind = openapi::SecurityScheme::Kind;
    CHECK(schemes.at("key two").kind == Kind::client_secret);
    CHECK(schemes.at("key one").kind == Kind::client_id);
    CHECK(schemes.at("Client Secret").kind == Kind::client_secret);
    CHECK(schemes.at("Client Secret").in == openapi::SecurityScheme::In::query);
    CHECK(schemes.at("Plain").kind == Kind::basic);
    CHECK(schemes.at("Staff").kind == Kind::unchecked);
    CHECK(schemes.at("OAuth").kind == Kind::unchecked);
    CHECK(schemes.at("OAuth").in == openapi::SecurityScheme::In::header);
    CHECK(schemes.at("OAuth").name == "Authorization");
}

TEST_CASE("the gateway engine places an invoker's credentials where each operation takes them")
{
    SecurityOptionsFixture f;
    const ClientCredentials app{good_app_id, app_secret};
    const auto forwarded = [&](const std::string& target) {
        Decision decision = f.engine.decide(Request{"GET", target, {}, ""}, app);
        INFO(target);
        REQUIRE(std::holds_alternative<Forward>(decision.action));
        CHECK(decision.app == "good");
        return std::get<Forward>(decision.action).request;
    };
    // Admitted, and the credentials removed again before forwarding, wherever they went.
    for (const char* target :
         {"/sandbox/o/query?zip=1", "/sandbox/o/typed", "/sandbox/o/plain", "/sandbox/o/counted"}) {
        const http::Request sent = forwarded(target);
        CHECK(sent.headers.empty());
        CHECK(sent.url.find(app_secret) == std::string::npos);
        CHECK(sent.url.find(good_app_id) == std::string::npos);
    }
    CHECK(forwarded("/sandbox/o/query?zip=1").url == "http://up.example/o/query?zip=1");
    // A wrong secret is refused where it was placed.
    CHECK(more_information(f.engine.decide(Request{"GET", "/sandbox/o/plain", {}, ""},
                                           ClientCredentials{good_app_id, "wrong"})) ==
          "Client secret invalid");
    // Nothing is placed where nothing is asked for: the call stays anonymous.
    Decision open = f.engine.decide(Request{"GET", "/sandbox/o/public", {}, ""}, app);
    REQUIRE(std::holds_alternative<Forward>(open.action));
    CHECK(open.app.empty());
    CHECK(decided_status(f.engine.decide(Request{"GET", "/sandbox/nowhere", {}, ""}, app)) == 404);
}

TEST_CASE("the gateway engine answers /-/credentials with where an operation takes them")
{
    SecurityOptionsFixture f;
    const auto ask = [&](const std::string& target, const std::string& method = "GET") {
        Decision decision = f.engine.decide(Request{method, target, {}, ""});
        REQUIRE(std::holds_alternative<Answer>(decision.action));
        return std::get<Answer>(decision.action);
    };
    const Answer typed = ask("/-/credentials?method=get&target=%2Fsandbox%2Fo%2Ftyped");
    CHECK(typed.status == 200);
    CHECK(Json::parse(typed.body) ==
          Json::parse(R"({"client_id": {"in": "header", "name": "X-Key-1"},
                          "client_secret": {"in": "header", "name": "X-Key-2"}})"));
    CHECK(Json::parse(ask("/-/credentials?method=GET&target=/sandbox/o/plain").body) ==
          Json::parse(R"({"client_id": {"in": "basic", "name": "Authorization"},
                          "client_secret": {"in": "basic", "name": "Authorization"}})"));
    CHECK(ask("/-/credentials?method=GET&target=/sandbox/o/public").body == "{}");
    CHECK(ask("/-/credentials?method=GET&target=/sandbox/o/oauth").body == "{}");
    CHECK(ask("/-/credentials?method=GET&target=/elsewhere/o/typed").body == "{}");
    CHECK(ask("/-/credentials?target=/sandbox/o/typed").status == 400);
    CHECK(ask("/-/credentials?method=GET&target=sandbox").status == 400);
    const Answer posted = ask("/-/credentials?method=GET&target=/sandbox/o/typed", "POST");
    CHECK(posted.status == 405);
    CHECK(posted.headers.back().value == "GET, HEAD");
    CHECK(ask("/-/metrics").status == 404);
}

TEST_CASE("the gateway engine forwards a call's headers less what the forwarding policy holds "
          "back, for both front ends")
{
    SecurityOptionsFixture f;
    Decision decision = f.get("/sandbox/o/public", {{"Accept", "application/json"},
                                                    {"Connection", "keep-alive, X-Trace"},
                                                    {"X-Trace", "1"},
                                                    {"Proxy-Connection", "keep-alive"},
                                                    {"Expect", "100-continue"},
                                                    {"Host", "gateway.example"},
                                                    {"X-IBM-Client-Id", good_app_id},
                                                    {"X-IBM-Client-Secret", app_secret}});
    REQUIRE(std::holds_alternative<Forward>(decision.action));
    const Forward& forward = std::get<Forward>(decision.action);
    REQUIRE(forward.request.headers.size() == 1);
    CHECK(forward.request.headers[0].name == "Accept");
    CHECK(upstream_host(forward.request.url) == "up.example");
}

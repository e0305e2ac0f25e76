// Fuzz target: any bytes as a request to the gateway engine (method, target with path and
// query, headers, body), decided three times against a fixed published catalog: APIs keyed by
// headers, by query parameters and by HTTP basic, a mock, a scheme the gateway cannot check,
// public operations and path templates; apps active, suspended, unsubscribed, pending and
// without a secret; a plan of two calls a minute, so the third call meets the limit.
//
// The input reads like an HTTP request, "METHOD TARGET" on the first line, "Name: value"
// lines, an empty line and the body (line ends are '\n'; a '\r' stays part of the text).
//
// Property: nothing crashes and nothing throws. Refusals are the statuses of docs/gateway.md with
// the JSON error body. A forwarded request carries no credential of the API it reaches, in a
// header or in the query, and goes to the API's upstream; only an active app subscribed to
// the product gets through.

#include "credentials/credentials.hpp"
#include "fuzz_property.hpp"
#include "fuzz_targets.hpp"
#include "gateway/engine.hpp"
#include "gateway/forwarding.hpp"
#include "gateway/request_parts.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace apicat;
using namespace apicat::gateway;
using apicat::fuzz::expect;

namespace {

// Header-keyed (2.0), with an operation of its own option, a public one and templates.
const char* const weather_api = R"json({
  "swagger": "2.0",
  "info": {"title": "Weather", "version": "1"},
  "basePath": "/weather",
  "paths": {
    "/current": {"get": {"responses": {"200": {"description": "OK"}}}},
    "/items/{id}": {"get": {"responses": {"200": {"description": "OK"}}},
                    "delete": {"responses": {"204": {"description": "gone"}}}},
    "/items/special": {"get": {"responses": {"200": {"description": "OK"}}}},
    "/upload": {"post": {"security": [{"client-id": []}],
                         "responses": {"201": {"description": "made"}}}},
    "/health": {"get": {"security": [], "responses": {"200": {"description": "OK"}}}}
  },
  "securityDefinitions": {
    "client-id": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Id",
                  "x-key-type": "client_id"},
    "client-secret": {"type": "apiKey", "in": "header", "name": "X-IBM-Client-Secret",
                      "x-key-type": "client_secret"}
  },
  "security": [{"client-id": [], "client-secret": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {
    "target-url": "http://weather.example:8080$(request.path)$(request.search)"}}]}}
})json";

// Query-keyed or basic (3.0), and an option the gateway cannot check.
const char* const query_api = R"json({
  "openapi": "3.0.3",
  "info": {"title": "Query", "version": "1"},
  "servers": [{"url": "https://query.example/q"}],
  "paths": {
    "/{a}/{b}": {"get": {"responses": {"200": {"description": "OK"}}},
                 "put": {"security": [{"oauth": []}],
                         "responses": {"200": {"description": "OK"}}}},
    "/": {"get": {"responses": {"200": {"description": "OK"}}}}
  },
  "components": {"securitySchemes": {
    "qid": {"type": "apiKey", "in": "query", "name": "client_id", "x-key-type": "client_id"},
    "qsecret": {"type": "apiKey", "in": "query", "name": "client_secret"},
    "basic": {"type": "http", "scheme": "basic"},
    "oauth": {"type": "oauth2", "flows": {}}
  }},
  "security": [{"qid": [], "qsecret": []}, {"basic": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {
    "target-url": "https://query.example$(request.path)$(request.search)"}}]}}
})json";

// A mock upstream, keyed by client ID alone.
const char* const mock_api = R"json({
  "swagger": "2.0",
  "info": {"title": "Mock", "version": "1"},
  "basePath": "/mock",
  "paths": {"/answer": {"get": {"responses": {"200": {"description": "OK",
    "examples": {"application/json": {"answer": 42}}}}}}},
  "securityDefinitions": {"id": {"type": "apiKey", "in": "header", "name": "X-Key"}},
  "security": [{"id": []}],
  "x-ibm-configuration": {"assembly": {"execute": [{"invoke": {"target-url": "mock:"}}]}}
})json";

const std::string known_secret = "s3cret";

Json api_entry(const char* document, const std::string& version, const std::string& base)
{
    return {{"file", "api.yaml"},
            {"openapi", version},
            {"base_path", base},
            {"document", Json::parse(document)}};
}

store::App registered_app(const std::string& name, char digit,
                          store::AppState state = store::AppState::active, bool with_secret = true)
{
    store::App app;
    app.catalog = "sandbox";
    app.name = name;
    app.client_id = std::string(32, digit);
    app.secret_digest = with_secret ? credentials::secret_digest(known_secret) : "";
    app.state = state;
    return app;
}

struct CatalogWithApps {
    CatalogSnapshot published;
    std::vector<store::App> apps;
    std::vector<store::Subscription> subscriptions;

    MemoryAppDirectory directory() const
    {
        return MemoryAppDirectory(published.catalog, apps, subscriptions);
    }
};

CatalogWithApps published_catalog()
{
    Json plans = Json::parse(R"({"default": {"rate-limits": {"default": {"value": "2/1minute"}}},
                                 "free": {}})");
    Json apis = {{"weather", api_entry(weather_api, "2.0", "/weather")},
                 {"query", api_entry(query_api, "3.0.3", "/q")},
                 {"mock", api_entry(mock_api, "2.0", "/mock")}};
    CatalogWithApps catalog;
    catalog.published.catalog = "sandbox";
    catalog.published.products = apicat::catalog::decode_products(
        {{"sandbox", "product", "1.0.0", "Product",
          Json{{"product", {{"plans", plans}}}, {"apis", apis}}, ""}});
    catalog.apps = {registered_app("good", '1'),
                    registered_app("idle", '2', store::AppState::suspended),
                    registered_app("stranger", '3'), registered_app("waiting", '4'),
                    registered_app("no-secret", '5', store::AppState::active, false)};
    store::App test = registered_app("test", '6');
    test.test_app = true;
    catalog.apps.push_back(test);
    catalog.subscriptions = {
        {"sandbox", "good", "product", "default", store::SubscriptionState::active},
        {"sandbox", "idle", "product", "default", store::SubscriptionState::active},
        {"sandbox", "waiting", "product", "default", store::SubscriptionState::pending},
        {"sandbox", "no-secret", "product", "free", store::SubscriptionState::active},
        {"sandbox", "test", "product", "default", store::SubscriptionState::active}};
    return catalog;
}

// What carries credentials in each API that forwards: its schemes' headers (Authorization for
// basic) and query parameters, by the upstream the API forwards to. Other headers, such as
// an Authorization meant for the upstream of an API without basic, pass.
struct CredentialPlaces {
    std::string upstream;
    std::set<std::string> headers;    // lower case
    std::set<std::string> parameters; // as named
};
const std::vector<CredentialPlaces> credentials_by_upstream = {
    {"http://weather.example:8080/", {"x-ibm-client-id", "x-ibm-client-secret"}, {}},
    {"https://query.example/", {"authorization"}, {"client_id", "client_secret"}}};

Request parse_request(const std::string& text)
{
    Request request;
    std::size_t line_end = text.find('\n');
    std::string first = text.substr(0, line_end);
    std::size_t space = first.find(' ');
    request.method = util::to_upper(first.substr(0, space));
    request.target = space == std::string::npos ? "" : first.substr(space + 1);
    std::size_t at = line_end == std::string::npos ? text.size() : line_end + 1;
    while (at < text.size()) {
        std::size_t end = std::min(text.find('\n', at), text.size());
        std::string line = text.substr(at, end - at);
        at = end + 1;
        if (line.empty()) {
            break;
        }
        std::size_t colon = line.find(':');
        std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ') {
            value.erase(0, 1);
        }
        request.headers.push_back({line.substr(0, colon), value});
    }
    request.body = at < text.size() ? text.substr(at) : "";
    return request;
}

// The apps that may get through: active, subscribed (or the test app), or none for a
// public operation.
const std::set<std::string> admitted_apps = {"", "good", "no-secret", "test"};

void check_answer(const Answer& answer, const std::string& app)
{
    static const std::set<int> refusals = {400, 401, 403, 404, 405, 429};
    if (answer.status == 200 && !app.empty() && admitted_apps.count(app) == 1) {
        return; // the mock's example
    }
    expect(refusals.count(answer.status) == 1, "an answer with an unexpected status",
           std::to_string(answer.status) + " " + answer.body);
    Json body = Json::parse(answer.body, nullptr, false);
    expect(body.is_object() && body.contains("moreInformation") &&
               body["httpCode"] == std::to_string(answer.status),
           "a refusal without its JSON error body", answer.body);
}

void check_forward(const Forward& forward, const std::string& app)
{
    const std::string& url = forward.request.url;
    auto api = std::find_if(credentials_by_upstream.begin(), credentials_by_upstream.end(),
                            [&](const CredentialPlaces& credentials) {
                                return url.rfind(credentials.upstream, 0) == 0;
                            });
    expect(api != credentials_by_upstream.end(), "a request forwarded off its API's upstream", url);
    // What goes on the upstream's request line: a space or a line end there would let the
    // client write the rest of that request.
    expect(std::none_of(url.begin(), url.end(),
                        [](unsigned char c) { return c <= 0x20 || c == 0x7f || c == '#'; }),
           "a forwarded URL holds a character a URL cannot", url);
    for (const http::Header& header : forward.request.headers) {
        expect(api->headers.count(util::to_lower(header.name)) == 0 &&
                   !is_well_known_credential(header.name),
               "a credential header was forwarded", header.name + ": " + header.value);
    }
    RequestParts parts = split_target(url.substr(api->upstream.size() - 1));
    for (const auto& [name, value] : parts.parameters) {
        expect(api->parameters.count(name) == 0, "a credential parameter was forwarded", url);
    }
    expect(admitted_apps.count(app) == 1, "an app got through that may not", app);
}

} // namespace

void apicat::fuzz::gateway_request(std::string_view input)
{
    static const CatalogWithApps catalog = published_catalog();
    static const MemoryAppDirectory apps = catalog.directory();
    // A new limiter and engine for each input, so that each decides the same way every run.
    std::unique_ptr<RateLimiter> limiter = make_memory_rate_limiter();
    Engine engine(catalog.published, apps, *limiter, [] { return std::int64_t{1'000'000'020}; });
    Request request = parse_request(std::string(input));
    for (int call = 0; call < 3; ++call) {
        Decision decision = engine.decide(request);
        if (const auto* answer = std::get_if<Answer>(&decision.action)) {
            check_answer(*answer, decision.app);
        } else {
            check_forward(std::get<Forward>(decision.action), decision.app);
        }
        engine.credential_slots(request);
        // As `apicat invoke` hands over an app's credentials: placed in a header, the query
        // or basic authentication, whatever the request is.
        Decision placed = engine.decide(request, ClientCredentials{"id&=%", "secret:\r\n"});
        if (const auto* answer = std::get_if<Answer>(&placed.action)) {
            check_answer(*answer, placed.app);
        } else {
            check_forward(std::get<Forward>(placed.action), placed.app);
        }
    }
}

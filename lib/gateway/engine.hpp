#pragma once

// The gateway engine: given a request to a catalog, it decides, and does no I/O itself.
// Either it answers now (404, 401, 403, 429, a mock response...), or it says which upstream
// request to make. The front ends carry the decision out, both with apicat's HTTP client
// (http/upstream_call.hpp): in-process `apicat invoke` through the blocking http::Client,
// `apicat gateway serve` on its event loops.
//
// Order of checks (docs/gateway.md): route (404/405), authenticate fully — client ID, then
// secret — before saying anything about the app's state (403) or subscriptions (403), then the
// plan's rate limits (429). Error bodies are {"httpCode","httpMessage","moreInformation"}.

#include "catalog/product_snapshot.hpp"
#include "gateway/answers.hpp"
#include "gateway/app_directory.hpp"
#include "gateway/cors_response.hpp"
#include "gateway/rate_limiter.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace apicat::gateway {

struct PublishedCatalog; // published_catalog.hpp

struct Request {
    std::string method; // upper case
    std::string target; // origin form, catalog first: "/sandbox/weather/current?zipcode=90210"
    std::vector<http::Header> headers;
    std::string body;
};

struct Forward {
    // To the upstream: URL, method, headers as the forwarding policy lets them through
    // (gateway/forwarding.hpp: no credentials, no hop-by-hop fields), body.
    http::Request request;
    // Added to whatever the call gets, the upstream's response as a front end relays it or the
    // gateway's 502 or 504 (gateway/relayed_response.hpp): what the gateway says of the call (a
    // soft rate limit it went past).
    std::vector<http::Header> response_headers;
    // The CORS fields, for an API with CORS enabled (gateway/cors.hpp): they replace the
    // upstream's own.
    std::optional<CorsResponse> cors;
};

// The largest upstream response body the gateway relays: both front ends hold a response
// whole before relaying it, so this bounds the memory one call can take. A longer body
// becomes a 502.
inline constexpr std::size_t upstream_response_limit = std::size_t{64} * 1024 * 1024;

// What a call reached, for the request log, analytics and metrics: each is empty where the
// call did not get that far (a 404 reaches no API; a 401 no plan).
struct CallFacts {
    std::string api;           // the API's name in its product
    std::string operation;     // its method and path template: "GET /current"
    std::string product;       // the product's name
    std::string plan;          // the plan of the app's subscription
    bool rate_limited = false; // refused by a hard rate limit of the plan (429)
};

struct Decision {
    std::variant<Answer, Forward> action;
    std::string app; // the calling app's name, when one was identified (for logs)
    CallFacts facts;
};

// Everything the engine needs of one catalog, read from the store in one transaction.
// Apps are not in it: the engine looks them up one at a time (app_directory.hpp).
struct CatalogSnapshot {
    std::string catalog;
    catalog::PublishedProducts products; // decoded once; published_catalog.hpp serves them
};

// Throws Error when a published product's snapshot is malformed (product_snapshot.hpp).
CatalogSnapshot load_catalog_snapshot(store::Transaction& transaction, const std::string& catalog);

// Where a call's credentials go for one operation: header or query, and the name.
struct CredentialSlot {
    std::string in; // header | query | basic
    std::string name;
};
struct CredentialSlots {
    std::optional<CredentialSlot> client_id;
    std::optional<CredentialSlot> client_secret;
};

// An app's credentials as a client holds them (`apicat invoke --client-id`), not yet placed on
// a request.
struct ClientCredentials {
    std::string client_id;
    std::string client_secret;
};

class Engine {
public:
    using Clock = std::function<std::int64_t()>; // seconds since the epoch

    // `published` is what the catalog's products route to; `apps` finds the calling app. The
    // engine keeps references to `apps` and `limiter`: they outlive it.
    Engine(std::string catalog, std::shared_ptr<const PublishedCatalog> published,
           const AppDirectory& apps, RateLimiter& limiter, Clock clock);
    Engine(CatalogSnapshot snapshot, const AppDirectory& apps, RateLimiter& limiter, Clock clock);
    ~Engine();
    Engine(Engine&&) noexcept;

    // A request for one of the gateway's own paths ("/-/credentials") is answered as
    // gateway/credentials_endpoint.hpp says.
    Decision decide(const Request& request) const;

    // decide() for a caller that holds an app's credentials and leaves placing them to the
    // engine, as `apicat invoke` does: they go where the operation the request routes to
    // takes them (credential_slots), and only there, and the request is routed once.
    Decision decide(const Request& request, const ClientCredentials& credentials) const;

    // Where the operation `request` routes to takes credentials (gateway/credential_placement.hpp).
    // Empty when the request routes nowhere or no option asks for a client ID.
    CredentialSlots credential_slots(const Request& request) const;

    const std::string& catalog() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};
} // namespace apicat::gateway

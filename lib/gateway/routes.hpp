#pragma once

// The route table of one catalog: which published API and operation a method and path reach,
// with OpenAPI path templates ("/items/{id}"), the most specific match first.

#include "assembly/flow.hpp"
#include "catalog/product_snapshot.hpp"
#include "openapi/cors_settings.hpp"
#include "openapi/draft.hpp"
#include "openapi/security_scheme.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::gateway {

// What carries a credential of an API: never forwarded, whichever option admitted the call.
struct CredentialNames {
    std::vector<std::string> headers;
    std::vector<std::string> parameters;
};

// One API of one published product, with what each request needs at hand. The draft stays in
// the decoded product, which the route holds; the parts every request reads are here.
struct RoutedApi {
    std::shared_ptr<const catalog::ProductSnapshot> published; // what `draft` points into
    std::string product;                                       // the product's name
    std::string product_version;
    std::string name;
    std::string base_path; // "" or "/weather"
    const openapi::Draft* draft = nullptr;
    std::vector<openapi::Operation> operations;
    std::vector<std::vector<openapi::SecurityOption>> security; // effective, per operation
    std::vector<assembly::Flow> flows;                          // per operation, this catalog's
    std::map<std::string, openapi::SecurityScheme> schemes;
    // Removed before forwarding, also for public operations, so that the upstream never sees an
    // app's credentials. Worked out once from `schemes`, rather than on every call.
    CredentialNames credentials;
    // x-ibm-configuration.cors, read once here rather than from the document on every call.
    openapi::CorsSettings cors;
};

struct Route {
    const RoutedApi* api = nullptr;
    std::size_t operation = 0; // index into api->operations and api->security
};

struct RouteResult {
    std::optional<Route> route;
    std::vector<std::string> allowed_methods; // the path matched, the method did not: 405
    const RoutedApi* path_api = nullptr;      // then, the API whose path it is
};

class RouteTable {
public:
    // Each API's assembly is worked out for `catalog`, whose API properties it uses.
    RouteTable(const catalog::PublishedProducts& products, const std::string& catalog);

    // `path` is what follows the catalog: "/weather/current".
    RouteResult find(const std::string& method, const std::string& path) const;

private:
    std::vector<std::unique_ptr<RoutedApi>> apis_; // longest base path first
};

// The methods of `api`'s operations whose path templates `path` fits (the part after the
// catalog, under the API's base path), each once, in document order.
std::vector<std::string> methods_at(const RoutedApi& api, const std::string& path);

// Whether `path` is `prefix` or goes on below it ("/sandbox/x" is under "/sandbox",
// "/sandboxes" is not); every path is under the empty prefix.
bool path_under(std::string_view path, std::string_view prefix);

// Whether `path` fits the template ("/items/{id}" fits "/items/7"), and how specific the
// template is (literal segments count more).
std::optional<int> match_template(std::string_view path_template, std::string_view path);

// The value `path` gives the template's parameter `name` ("/items/{id}", "/items/7", "id" →
// "7"), from a path already decoded; nothing when the template has no such parameter or does not
// fit.
std::optional<std::string> path_parameter(const std::string& path_template, const std::string& path,
                                          const std::string& name);

} // namespace apicat::gateway

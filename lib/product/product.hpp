#pragma once

// Product files: the YAML that bundles draft APIs with plans for consumers, in the shape API
// Connect uses:
//
//   product: 1.0.0
//   info: {name: weather-product, title: Weather Product, version: 1.0.0}
//   apis: {weather-provider-api: {$ref: weather.yaml}}
//   plans: {default: {title: Default Plan, rate-limits: {default: {value: 100/1hour}}, approval: false}}
//   visibility: {view: {type: public}, subscribe: {type: authenticated}}

#include "openapi/json.hpp"
#include "openapi/source.hpp"
#include "product/rate_limit.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace apicat::product {

struct ProductApi {
    std::string name;
    std::string ref; // as written: a path relative to the product file's folder
};

struct Plan {
    std::string name;
    std::string title;
    std::optional<RateLimit> rate_limit; // the first of rate-limits; none: unlimited
    bool approval = false;
};

struct Product {
    std::string file;
    Json document;
    std::string name;
    std::string title;
    std::string version;
    std::vector<ProductApi> apis;
    std::vector<Plan> plans;
};

// Reads and checks a product file: `product: 1.0.0`, info name/title/version, at least one
// api with a $ref, plans with valid rate limits. Throws apicat::Error naming file:line.
Product load_product(const std::string& file);
// The same checks on text already read; `source.file` names it in messages.
Product product_from_source(const openapi::Source& source);

// Where an api's $ref points, relative to the product file.
std::filesystem::path resolve_api_file(const Product& product, const ProductApi& api);

// "default:100/1hour", "gold:1000/1hour", "free" (unlimited). Throws UsageError.
struct PlanSpec {
    std::string name;
    std::string rate = "unlimited";
    bool approval = false;
};
PlanSpec parse_plan_spec(const std::string& text);

struct NewProductSpec {
    std::string title;
    std::string name; // empty: the title, lowercased, spaces turned into '-'
    std::string version = "1.0.0";
    std::vector<ProductApi> apis;
    std::vector<PlanSpec> plans; // empty: one plan "default", unlimited
};

Json new_product_document(const NewProductSpec& spec);

// The name of a product made from `title` ("Weather Product" → "weather-product").
std::string product_name_for(const std::string& title);

// Checks a catalog, product, plan or app name: no path separators, control characters or
// spaces. Throws UsageError naming `what` ("app name").
void check_object_name(const std::string& name, const std::string& what);

} // namespace apicat::product

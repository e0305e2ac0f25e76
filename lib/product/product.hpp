#pragma once

// Product files: the YAML that bundles draft APIs with plans for consumers, in the shape API
// Connect uses:
//
//   product: 1.0.0                      # or '1.0.0', quoted
//   info: {name: weather-product, title: Weather Product, version: 1.0.0}
//   apis: {weather-provider-api: {$ref: weather.yaml}}   # or {name: 'API:VERSION'}
//   plans: {default: {title: Default Plan, rate-limits: {default: {value: 100/1hour}}, approval:
//   false}} visibility: {view: {type: public}, subscribe: {type: authenticated}}
//
// in YAML or JSON. plan.hpp says what a plan holds, api_reference.hpp how an api's draft is
// found.

#include "json.hpp"
#include "openapi/source.hpp"
#include "product/api_reference.hpp"
#include "product/plan.hpp"

#include <string>
#include <vector>

namespace apicat::product {

struct ProductApi {
    std::string name;
    std::string ref;       // $ref as written: a path relative to the product file's folder
    std::string reference; // without a $ref: `name: API:VERSION` as written
};

// Who may see the product and who may subscribe: kept as written, for `product show`.
// API Connect writes `subscribe` inside `visibility`; some exports put it beside it.
struct Visibility {
    std::string view;      // public | authenticated | custom | "" when not said
    std::string subscribe; // the same choices
    Json document;         // {"visibility": ..., "subscribe": ...}, the sections present
};

struct Product {
    std::string file;
    Json document;
    std::string name;
    std::string title;
    std::string version;
    std::vector<ProductApi> apis;
    std::vector<Plan> plans;
    Visibility visibility;
};

// Reads and checks a product file: `product: 1.0.0`, info name/title/version, at least one
// api with a $ref or a name, plans with valid limits. The drafts are not read: a missing one
// is found when the product is published. Throws apicat::Error naming file:line.
Product load_product(const std::string& file);
// The same checks on text already read; `source.file` names it in messages.
Product product_from_source(const openapi::Source& source);

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

#pragma once

// Where a product's api is: the draft file its reference names. API Connect writes a
// reference in two ways:
//
//   apis: {weather: {$ref: weather-provider.yaml}}                        # a path; '.\' too
//   apis: {weather-provider-api1.0.0: {name: 'weather-provider-api:1.0.0'}} # a name
//
// A name is resolved against the drafts in the product file's folder (*.yaml, *.yml, *.json)
// by their info.x-ibm-name (or, without one, their title's slug) and info.version.

#include <filesystem>
#include <string>

namespace apicat::product {

struct Product;
struct ProductApi;

struct ApiFile {
    std::filesystem::path path; // empty when the reference finds no draft
    std::string problem;        // why not, naming what was found instead: "" when found
    std::string hint;
};

// Never throws for a missing file: `product show` reports it and goes on.
ApiFile find_api_file(const Product& product, const ProductApi& api);

// find_api_file, or an apicat::Error naming the product file, the api and what was found.
std::filesystem::path resolve_api_file(const Product& product, const ProductApi& api);

// A `$ref` as written, with Windows' separators ('.\apis\weather.yaml') read as '/'.
std::filesystem::path ref_path(const std::string& ref);

} // namespace apicat::product

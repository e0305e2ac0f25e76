#include "product/product.hpp"

#include "errors.hpp"
#include "openapi/source.hpp"
#include "product/document_reader.hpp"

#include <fmt/format.h>

#include <utility>

namespace apicat::product {

namespace {

using openapi::Path;

// API Connect writes `product: 1.0.0`, and its exports often quote it: both are the text.
void check_product_version(DocumentReader& reader, const Json& document)
{
    const Json& version = reader.require(document, {"product"}, product_hint);
    std::string found = version.is_string() || version.is_number()
                            ? reader.version(version, {"product"}, product_hint)
                            : version.dump();
    if (found != "1.0.0") {
        reader.fail({"product"}, fmt::format("unsupported product version '{}'", found),
                    "apicat reads product files marked 'product: 1.0.0'");
    }
}

void read_info(DocumentReader& reader, const Json& document, Product& product)
{
    const char* hint = "write info with name, title and version, e.g. "
                       "{name: weather-product, title: Weather Product, version: 1.0.0}";
    const Json& info = reader.require(document, {"info"}, hint);
    reader.expect_mapping(info, {"info"}, hint);
    product.name =
        reader.text(reader.require(info, {"info", "name"}, hint), {"info", "name"}, hint);
    reader.check_name(product.name, {"info", "name"}, "product name", false);
    product.title =
        reader.text(reader.require(info, {"info", "title"}, hint), {"info", "title"}, hint);
    product.version =
        reader.version(reader.require(info, {"info", "version"}, hint), {"info", "version"}, hint);
}

ProductApi read_api(DocumentReader& reader, const std::string& name, const Json& value)
{
    const char* hint = "reference the draft by file or by name, e.g. "
                       "{$ref: weather-provider.yaml} or {name: 'weather-provider-api:1.0.0'}";
    const Path at{"apis", name};
    reader.check_name(name, at, "api name", true);
    reader.expect_mapping(value, at, hint);
    if (const Json* ref = find(value, "$ref")) {
        return ProductApi{name, reader.text(*ref, child(at, "$ref"), hint), ""};
    }
    if (const Json* reference = find(value, "name")) {
        return ProductApi{name, "", reader.text(*reference, child(at, "name"), hint)};
    }
    reader.fail(at, fmt::format("api '{}' has neither '$ref' nor 'name'", name), hint);
}

std::vector<ProductApi> read_apis(DocumentReader& reader, const Json& document)
{
    const char* hint = "list the product's drafts by name, e.g. "
                       "apis: {weather-provider-api: {$ref: weather-provider.yaml}}";
    const Json& apis = reader.require(document, {"apis"}, hint);
    reader.expect_mapping(apis, {"apis"}, hint);
    if (apis.empty()) {
        reader.fail({"apis"}, "the product has no apis", hint);
    }
    std::vector<ProductApi> result;
    for (const auto& [name, value] : apis.items()) {
        result.push_back(read_api(reader, name, value));
    }
    return result;
}

// `{type: public}` → "public"; anything else says nothing apicat shows.
std::string type_of(const Json* section)
{
    const Json* type = section == nullptr ? nullptr : find(*section, "type");
    return type != nullptr && type->is_string() ? type->get<std::string>() : "";
}

Visibility read_visibility(DocumentReader& reader, const Json& document)
{
    const char* hint = "write e.g. visibility: {view: {type: public}, subscribe: {type: "
                       "authenticated}}";
    Visibility visibility;
    visibility.document = Json::object();
    const Json* section = find(document, "visibility");
    if (section != nullptr) {
        reader.expect_mapping(*section, {"visibility"}, hint);
        visibility.document["visibility"] = *section;
        visibility.view = type_of(find(*section, "view"));
        visibility.subscribe = type_of(find(*section, "subscribe"));
    }
    if (const Json* subscribe = find(document, "subscribe")) {
        reader.expect_mapping(*subscribe, {"subscribe"}, hint);
        visibility.document["subscribe"] = *subscribe;
        if (visibility.subscribe.empty()) {
            visibility.subscribe = type_of(subscribe);
        }
    }
    return visibility;
}

} // namespace

Product load_product(const std::string& file)
{
    return product_from_source(openapi::read_source(file));
}

Product product_from_source(const openapi::Source& source)
{
    Json document = openapi::parse_source(source);
    DocumentReader reader(source);
    if (!document.is_object()) {
        reader.fail({}, fmt::format("expected a product, found {}", kind_of(document)));
    }
    check_product_version(reader, document);
    Product product;
    product.file = source.file;
    read_info(reader, document, product);
    product.apis = read_apis(reader, document);
    product.plans = read_plans(reader, document);
    product.visibility = read_visibility(reader, document);
    product.document = std::move(document);
    return product;
}

} // namespace apicat::product

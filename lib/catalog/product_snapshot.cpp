#include "catalog/product_snapshot.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <utility>

namespace apicat::catalog {

namespace {

// What publish writes is the only shape read: anything else is reported, never defaulted.
class SnapshotReader {
public:
    explicit SnapshotReader(std::string product)
        : product_(std::move(product))
    {
    }

    [[noreturn]] void malformed(const std::string& what) const
    {
        throw Error(
            fmt::format("the snapshot of published product {} is malformed: {}", product_, what),
            "publish the product again ('apicat publish PRODUCT_FILE') to replace it");
    }

    const Json& object_at(const Json& parent, const std::string& key,
                          const std::string& whose) const
    {
        const Json& member = member_or_null(parent, key);
        if (!member.is_object()) {
            malformed(fmt::format("{} has no \"{}\" object", whose, key));
        }
        return member;
    }

    std::string text_at(const Json& parent, const std::string& key, const std::string& whose) const
    {
        const Json& member = member_or_null(parent, key);
        if (!member.is_string()) {
            malformed(fmt::format("{} has no \"{}\" string", whose, key));
        }
        return member.get<std::string>();
    }

private:
    std::string product_;
};

openapi::OpenApiVersion version_of(const SnapshotReader& reader, const std::string& text,
                                   const std::string& whose)
{
    if (text == "2.0") {
        return openapi::OpenApiVersion::v2;
    }
    if (text.rfind("3.", 0) == 0) {
        return openapi::OpenApiVersion::v3;
    }
    reader.malformed(fmt::format("{} has OpenAPI version '{}', not 2.0 or 3.x", whose, text));
}

ApiSnapshot decode_api(const SnapshotReader& reader, const std::string& name, Json& entry)
{
    const std::string whose = fmt::format("api '{}'", name);
    if (!entry.is_object()) {
        reader.malformed(whose + " is not an object");
    }
    ApiSnapshot api;
    api.name = name;
    api.file = reader.text_at(entry, "file", whose);
    api.base_path = reader.text_at(entry, "base_path", whose);
    api.draft.version = version_of(reader, reader.text_at(entry, "openapi", whose), whose);
    reader.object_at(entry, "document", whose);
    api.draft.source.file = api.file;
    api.draft.document = std::move(entry["document"]);
    api.operations = openapi::list_operations(api.draft);
    for (const openapi::Operation& operation : api.operations) {
        api.security.push_back(openapi::effective_security(api.draft, operation).options);
    }
    const Json definitions = openapi::security_definitions(api.draft);
    for (const auto& [scheme, definition] : definitions.items()) {
        api.schemes.emplace(scheme, openapi::read_security_scheme(definition));
    }
    return api;
}

PublishedPlans decode_plans(const Json& document, const std::string& where)
{
    PublishedPlans plans;
    try {
        plans.plans = product::published_plans(document, where);
    } catch (const Error& e) {
        plans.unreadable = e.what();
    }
    return plans;
}

} // namespace

const std::vector<product::Plan>& PublishedPlans::readable() const
{
    if (!unreadable.empty()) {
        throw Error(unreadable,
                    "publish the product again ('apicat publish PRODUCT_FILE') to replace them");
    }
    return plans;
}

std::string ProductSnapshot::id() const
{
    return name + ":" + version;
}

const ApiSnapshot* ProductSnapshot::find_api(const std::string& api) const
{
    for (const ApiSnapshot& each : apis) {
        if (each.name == api) {
            return &each;
        }
    }
    return nullptr;
}

ProductSnapshot decode_product_snapshot(store::PublishedProduct product)
{
    ProductSnapshot decoded{product.catalog,
                            product.name,
                            product.version,
                            product.title,
                            product.published_at,
                            {},
                            {},
                            {}};
    const SnapshotReader reader(decoded.id());
    Json& snapshot = product.snapshot;
    if (!snapshot.is_object()) {
        reader.malformed("it is not an object");
    }
    reader.object_at(snapshot, "product", "it");
    Json& apis = snapshot["apis"];
    if (!apis.is_object()) {
        reader.malformed("it has no \"apis\" object");
    }
    decoded.document = std::move(snapshot["product"]);
    decoded.plans = decode_plans(decoded.document, "published product " + decoded.id());
    try {
        for (auto& [name, entry] : apis.items()) {
            decoded.apis.push_back(decode_api(reader, name, entry));
        }
    } catch (const Json::exception& e) {
        // A document publish checked does not throw here; one changed since is reported whole.
        reader.malformed(e.what());
    }
    return decoded;
}

PublishedProducts decode_products(std::vector<store::PublishedProduct> products)
{
    PublishedProducts decoded;
    decoded.reserve(products.size());
    for (store::PublishedProduct& product : products) {
        decoded.push_back(
            std::make_shared<const ProductSnapshot>(decode_product_snapshot(std::move(product))));
    }
    return decoded;
}

} // namespace apicat::catalog

#include "catalog/published_operations.hpp"

namespace apicat::catalog {

std::string PublishedOperation::full_name() const
{
    return operation.ref.method + " " + base_path + operation.ref.path;
}

std::vector<PublishedOperation>
published_operations(const std::vector<store::PublishedProduct>& products)
{
    std::vector<PublishedOperation> all;
    for (const store::PublishedProduct& product : products) {
        for (const auto& [name, api] : product.snapshot["apis"].items()) {
            openapi::Draft draft;
            draft.source.file = api.value("file", "");
            draft.document = api["document"];
            draft.version = api.value("openapi", "2.0") == "2.0" ? openapi::OpenApiVersion::v2
                                                                 : openapi::OpenApiVersion::v3;
            for (const openapi::Operation& operation : openapi::list_operations(draft)) {
                all.push_back(PublishedOperation{
                    product.name, name, api.value("base_path", ""), draft, operation,
                    openapi::effective_security(draft, operation).options});
            }
        }
    }
    return all;
}

} // namespace apicat::catalog

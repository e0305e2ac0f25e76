#include "catalog/published_operations.hpp"

namespace apicat::catalog {

std::string PublishedOperation::full_name() const
{
    return operation.ref.method + " " + base_path + operation.ref.path;
}

std::vector<PublishedOperation> published_operations(const PublishedProducts& products)
{
    std::vector<PublishedOperation> all;
    for (const auto& product : products) {
        for (const ApiSnapshot& api : product->apis) {
            for (std::size_t i = 0; i < api.operations.size(); ++i) {
                all.push_back(PublishedOperation{product->name, api.name, api.base_path, &api.draft,
                                                 api.operations[i], api.security[i], &api.schemes});
            }
        }
    }
    return all;
}

} // namespace apicat::catalog

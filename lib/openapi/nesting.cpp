#include "openapi/nesting.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <utility>
#include <vector>

namespace apicat::openapi {

std::optional<std::string> find_excess_nesting(const Json& document)
{
    // Each entry: a collection, how deep it stands (the document is level 1), and the
    // top-level key it is under.
    struct Pending {
        const Json* node;
        int depth;
        std::string top_key;
    };
    std::vector<Pending> pending;
    if (document.is_structured()) {
        pending.push_back({&document, 1, ""});
    }
    while (!pending.empty()) {
        Pending at = std::move(pending.back());
        pending.pop_back();
        if (at.depth > max_nesting_depth) {
            return at.top_key;
        }
        for (const auto& item : at.node->items()) {
            if (!item.value().is_structured()) {
                continue;
            }
            std::string top_key = at.depth == 1 && at.node->is_object() ? item.key() : at.top_key;
            pending.push_back({&item.value(), at.depth + 1, std::move(top_key)});
        }
    }
    return std::nullopt;
}

void check_nesting_depth(const Json& document, const std::string& file)
{
    if (std::optional<std::string> top_key = find_excess_nesting(document)) {
        throw excess_nesting_error(file, *top_key);
    }
}

Error excess_nesting_error(const std::string& file, const std::string& top_key)
{
    std::string under = top_key.empty() ? "" : fmt::format(" (under '{}')", top_key);
    return Error(fmt::format("{}: the document is nested more than {} levels deep{}", file,
                             max_nesting_depth, under),
                 "OpenAPI documents nest a few dozen levels; move deep schemas under "
                 "components and refer to them with $ref");
}

} // namespace apicat::openapi

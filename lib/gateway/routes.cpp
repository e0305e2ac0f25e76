#include "gateway/routes.hpp"

#include <algorithm>

namespace apicat::gateway {

namespace {

std::vector<std::string_view> segments(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t begin = path.empty() || path.front() != '/' ? 0 : 1;
    while (begin <= path.size()) {
        auto end = path.find('/', begin);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        parts.push_back(path.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

} // namespace

bool path_under(std::string_view path, std::string_view prefix)
{
    return prefix.empty() || (path.substr(0, prefix.size()) == prefix &&
                              (path.size() == prefix.size() || path[prefix.size()] == '/'));
}

std::optional<int> match_template(const std::string& path_template, const std::string& path)
{
    std::vector<std::string_view> want = segments(path_template);
    std::vector<std::string_view> have = segments(path);
    if (want.size() != have.size()) {
        return std::nullopt;
    }
    int score = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        bool parameter = want[i].size() >= 2 && want[i].front() == '{' && want[i].back() == '}';
        if (parameter) {
            if (have[i].empty()) {
                return std::nullopt;
            }
        } else if (want[i] != have[i]) {
            return std::nullopt;
        } else {
            score += 2;
        }
    }
    return score;
}

std::optional<std::string> path_parameter(const std::string& path_template, const std::string& path,
                                          const std::string& name)
{
    if (!match_template(path_template, path)) {
        return std::nullopt; // its literal segments differ, or a parameter is empty
    }
    std::vector<std::string_view> want = segments(path_template);
    std::vector<std::string_view> have = segments(path);
    const std::string wanted = "{" + name + "}";
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] == wanted) {
            return std::string(have[i]);
        }
    }
    return std::nullopt;
}

namespace {

CredentialNames credential_names(const std::map<std::string, openapi::SecurityScheme>& schemes)
{
    CredentialNames names;
    for (const auto& [name, scheme] : schemes) {
        if (scheme.name.empty()) {
            continue; // a scheme with no header or parameter, such as mutual TLS
        }
        if (scheme.in == openapi::SecurityScheme::In::query) {
            names.parameters.push_back(scheme.name);
        } else if (scheme.in == openapi::SecurityScheme::In::header) {
            names.headers.push_back(scheme.name);
        }
    }
    return names;
}

} // namespace

RouteTable::RouteTable(const catalog::PublishedProducts& products, const std::string& catalog)
{
    for (const std::shared_ptr<const catalog::ProductSnapshot>& product : products) {
        for (const catalog::ApiSnapshot& api : product->apis) {
            auto routed = std::make_unique<RoutedApi>();
            routed->published = product;
            routed->product = product->name;
            routed->product_version = product->version;
            routed->name = api.name;
            routed->base_path = api.base_path;
            routed->draft = &api.draft;
            routed->operations = api.operations;
            routed->security = api.security;
            routed->schemes = api.schemes;
            routed->credentials = credential_names(api.schemes);
            // Problems of the assembly were reported when the product was published.
            std::vector<openapi::Finding> reported;
            for (const openapi::Operation& operation : api.operations) {
                routed->flows.push_back(
                    assembly::compile_flow(api.draft, operation, catalog, reported));
            }
            apis_.push_back(std::move(routed));
        }
    }
    std::stable_sort(apis_.begin(), apis_.end(), [](const auto& a, const auto& b) {
        return a->base_path.size() > b->base_path.size();
    });
}

RouteResult RouteTable::find(const std::string& method, const std::string& path) const
{
    RouteResult result;
    for (const auto& api : apis_) {
        if (!path_under(path, api->base_path)) {
            continue;
        }
        // Built in one go: assigning "/" afterwards trips GCC 12's -Wrestrict (a false alarm).
        const std::string rest = path.size() == api->base_path.size()
                                     ? std::string("/")
                                     : path.substr(api->base_path.size());
        std::optional<Route> best;
        int best_score = -1;
        std::vector<std::string> allowed;
        for (std::size_t index = 0; index < api->operations.size(); ++index) {
            const openapi::Operation& operation = api->operations[index];
            std::optional<int> score = match_template(operation.ref.path, rest);
            if (!score) {
                continue;
            }
            if (operation.ref.method != method) {
                allowed.push_back(operation.ref.method);
            } else if (*score > best_score) {
                best_score = *score;
                best = Route{api.get(), index};
            }
        }
        if (best) {
            result.route = best;
            return result;
        }
        if (!allowed.empty() && result.allowed_methods.empty()) {
            result.allowed_methods = allowed;
        }
    }
    return result;
}

} // namespace apicat::gateway

#include "gateway/routes.hpp"

#include <algorithm>

namespace apicat::gateway {

namespace {

// A path's segments, one at a time: "/a//b" has "a", "" and "b"; "/" has one, "".
class Segments {
public:
    explicit Segments(std::string_view path)
        : path_(path)
        , begin_(path.empty() || path.front() != '/' ? 0 : 1)
    {
    }

    // The next segment, or nullopt past the last.
    std::optional<std::string_view> next()
    {
        if (begin_ > path_.size()) {
            return std::nullopt;
        }
        std::size_t end = path_.find('/', begin_);
        if (end == std::string_view::npos) {
            end = path_.size();
        }
        const std::string_view segment = path_.substr(begin_, end - begin_);
        begin_ = end + 1;
        return segment;
    }

private:
    std::string_view path_;
    std::size_t begin_;
};

std::vector<std::string_view> segments(std::string_view path)
{
    std::vector<std::string_view> parts;
    Segments each(path);
    while (std::optional<std::string_view> segment = each.next()) {
        parts.push_back(*segment);
    }
    return parts;
}

} // namespace

bool path_under(std::string_view path, std::string_view prefix)
{
    return prefix.empty() || (path.substr(0, prefix.size()) == prefix &&
                              (path.size() == prefix.size() || path[prefix.size()] == '/'));
}

// Walks both paths' segments side by side: every call matches its path against each
// operation of its API, and lists of segments cost two allocations per operation.
std::optional<int> match_template(std::string_view path_template, std::string_view path)
{
    Segments wanted(path_template);
    Segments given(path);
    int score = 0;
    while (true) {
        const std::optional<std::string_view> want = wanted.next();
        const std::optional<std::string_view> have = given.next();
        if (!want || !have) {
            return want || have ? std::nullopt : std::optional<int>(score);
        }
        bool parameter = want->size() >= 2 && want->front() == '{' && want->back() == '}';
        if (parameter) {
            if (have->empty()) {
                return std::nullopt;
            }
        } else if (*want != *have) {
            return std::nullopt;
        } else {
            score += 2;
        }
    }
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
            routed->cors = openapi::read_cors_settings(api.draft);
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

namespace {

// The path below the API's base path: "/" for the base path itself.
std::string operation_path(const RoutedApi& api, const std::string& path)
{
    // Built in one go: assigning "/" afterwards trips GCC 12's -Wrestrict (a false alarm).
    return path.size() == api.base_path.size() ? std::string("/")
                                               : path.substr(api.base_path.size());
}

void add_once(std::vector<std::string>& methods, const std::string& method)
{
    if (std::find(methods.begin(), methods.end(), method) == methods.end()) {
        methods.push_back(method);
    }
}

} // namespace

std::vector<std::string> methods_at(const RoutedApi& api, const std::string& path)
{
    std::vector<std::string> methods;
    if (!path_under(path, api.base_path)) {
        return methods;
    }
    const std::string rest = operation_path(api, path);
    for (const openapi::Operation& operation : api.operations) {
        if (match_template(operation.ref.path, rest)) {
            add_once(methods, operation.ref.method);
        }
    }
    return methods;
}

RouteResult RouteTable::find(const std::string& method, const std::string& path) const
{
    RouteResult result;
    for (const auto& api : apis_) {
        if (!path_under(path, api->base_path)) {
            continue;
        }
        const std::string rest = operation_path(*api, path);
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
                // Two templates may fit the path with the same method ("/items/{id}" and
                // "/items/special"): the 405 names it once.
                add_once(allowed, operation.ref.method);
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
            result.path_api = api.get();
        }
    }
    return result;
}

} // namespace apicat::gateway

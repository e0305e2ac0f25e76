#include "product/product.hpp"

#include "errors.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/layout.hpp"
#include "openapi/source.hpp"
#include "openapi/validation.hpp"

#include <fmt/format.h>

#include <optional>
#include <utility>

namespace apicat::product {

namespace {

using openapi::Path;

const char* const product_hint = "a product file starts with 'product: 1.0.0' and has info "
                                 "(name, title, version), apis and plans; "
                                 "'apicat product create' writes one";

std::string dotted(const Path& path)
{
    std::string out;
    for (const auto& step : path) {
        out += (out.empty() ? "" : ".") + step;
    }
    return out;
}

Path child(Path path, const std::string& step)
{
    path.push_back(step);
    return path;
}

const char* kind_of(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return "a mapping";
    case Json::value_t::array:
        return "a list";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::null:
        return "nothing";
    default:
        return "a number";
    }
}

const Json* find(const Json& object, const std::string& key)
{
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// Checks values at document paths and reports what is wrong at the place it is written.
class Reader {
public:
    explicit Reader(const openapi::Source& source)
        : source_(source)
        , locator_(source)
    {
    }

    [[noreturn]] void fail(const Path& where, const std::string& what,
                           const std::string& hint = product_hint)
    {
        fail_at(locator_.locate(where), what, hint);
    }

    [[noreturn]] static void fail_at(const SourceLocation& where, const std::string& what,
                                     const std::string& hint)
    {
        throw Error(fmt::format("{}: {}", where.str(), what), hint);
    }

    const Json& require(const Json& object, const Path& path, const std::string& hint)
    {
        const Json* value = find(object, path.back());
        if (value == nullptr) {
            fail(path, fmt::format("missing '{}'", dotted(path)), hint);
        }
        return *value;
    }

    void expect_mapping(const Json& value, const Path& path, const std::string& hint)
    {
        if (!value.is_object()) {
            fail(path,
                 fmt::format("expected '{}' to be a mapping, found {}", dotted(path),
                             kind_of(value)),
                 hint);
        }
    }

    std::string text(const Json& value, const Path& path, const std::string& hint)
    {
        if (!value.is_string()) {
            fail(
                path,
                fmt::format("expected '{}' to be a string, found {}", dotted(path), kind_of(value)),
                hint);
        }
        auto result = value.get<std::string>();
        if (result.empty()) {
            fail(path, fmt::format("'{}' is empty", dotted(path)), hint);
        }
        return result;
    }

    // A version may be written unquoted (`version: 1.10`); it means the digits as written,
    // which the number the YAML reader made of them no longer tells.
    std::string version(const Json& value, const Path& path, const std::string& hint)
    {
        if (value.is_number()) {
            return scalar_as_written(path, value);
        }
        return text(value, path, hint);
    }

    // `name` is the value at `path`, or with `is_key` the last key of `path`.
    void check_name(const std::string& name, const Path& path, const std::string& what, bool is_key)
    {
        try {
            check_object_name(name, what);
        } catch (const UsageError& e) {
            fail_at(is_key ? key_location(path) : locator_.locate(path), e.what(), e.hint());
        }
    }

    RateLimit rate(const Json& value, const Path& path)
    {
        const char* hint = "write e.g. 'value: 100/1hour' or 'value: unlimited'";
        std::string written = text(value, path, hint);
        try {
            return parse_rate_limit(written);
        } catch (const Error& e) {
            fail(path, e.what(), e.hint());
        }
    }

private:
    const openapi::Source& source_;
    openapi::Locator locator_;

    // The layout is read again here: this happens at most once per product, and only for
    // what the Locator does not tell (the text of a value, where a key is).
    std::optional<openapi::LayoutNode> layout() const
    {
        try {
            return openapi::parse_layout(source_.text);
        } catch (const openapi::LayoutUnsupported&) {
            return std::nullopt;
        }
    }

    std::string scalar_as_written(const Path& path, const Json& value) const
    {
        if (auto root = layout()) {
            if (const auto* node = openapi::find_layout_node(*root, path)) {
                return source_.text.substr(node->begin, node->end - node->begin);
            }
        }
        return value.dump();
    }

    // A bad name is a key: point at the key rather than at its value.
    SourceLocation key_location(const Path& path)
    {
        Path parent(path.begin(), path.end() - 1);
        if (auto root = layout()) {
            if (const auto* node = openapi::find_layout_node(*root, parent)) {
                for (const auto& entry : node->entries) {
                    if (entry.key == path.back()) {
                        openapi::LineIndex lines(source_.text);
                        return SourceLocation{source_.file, lines.line_of(entry.key_begin) + 1,
                                              lines.column_of(entry.key_begin) + 1};
                    }
                }
            }
        }
        return locator_.locate(path);
    }
};

void check_product_version(Reader& reader, const Json& document)
{
    const Json& version = reader.require(document, {"product"}, product_hint);
    if (!version.is_string() || version.get<std::string>() != "1.0.0") {
        std::string found = version.is_string() ? version.get<std::string>() : version.dump();
        reader.fail({"product"}, fmt::format("unsupported product version '{}'", found),
                    "apicat reads product files marked 'product: 1.0.0'");
    }
}

void read_info(Reader& reader, const Json& document, Product& product)
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

std::vector<ProductApi> read_apis(Reader& reader, const Json& document)
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
        Path at{"apis", name};
        reader.check_name(name, at, "api name", true);
        reader.expect_mapping(value, at, hint);
        std::string ref =
            reader.text(reader.require(value, child(at, "$ref"), hint), child(at, "$ref"), hint);
        result.push_back(ProductApi{name, ref});
    }
    return result;
}

// The first of a plan's rate limits (each is checked); none when it lists none.
std::optional<RateLimit> read_rate_limits(Reader& reader, const Json& limits, const Path& at)
{
    const char* hint = "write e.g. rate-limits: {default: {value: 100/1hour}}";
    if (limits.is_null()) {
        return std::nullopt;
    }
    reader.expect_mapping(limits, at, hint);
    std::optional<RateLimit> first;
    for (const auto& [name, value] : limits.items()) {
        Path limit_at = child(at, name);
        reader.expect_mapping(value, limit_at, hint);
        RateLimit limit = reader.rate(reader.require(value, child(limit_at, "value"), hint),
                                      child(limit_at, "value"));
        if (!first) {
            first = std::move(limit);
        }
    }
    return first;
}

Plan read_plan(Reader& reader, const std::string& name, const Json& value)
{
    Path at{"plans", name};
    reader.check_name(name, at, "plan name", true);
    Plan plan{name, name, std::nullopt, false};
    if (value.is_null()) {
        return plan; // `free:` alone: an unlimited plan without approval
    }
    const char* hint = "a plan has an optional title, rate-limits and approval, e.g. "
                       "{title: Default Plan, rate-limits: {default: {value: 100/1hour}}}";
    reader.expect_mapping(value, at, hint);
    if (const Json* title = find(value, "title")) {
        plan.title = reader.text(*title, child(at, "title"), hint);
    }
    if (const Json* limits = find(value, "rate-limits")) {
        plan.rate_limit = read_rate_limits(reader, *limits, child(at, "rate-limits"));
    }
    if (const Json* approval = find(value, "approval")) {
        if (!approval->is_boolean()) {
            reader.fail(child(at, "approval"),
                        fmt::format("expected '{}.approval' to be true or false, found {}",
                                    dotted(at), kind_of(*approval)),
                        "approval: true makes each subscription wait for approval");
        }
        plan.approval = approval->get<bool>();
    }
    return plan;
}

std::vector<Plan> read_plans(Reader& reader, const Json& document)
{
    const char* hint = "give the product at least one plan, e.g. "
                       "plans: {default: {rate-limits: {default: {value: 100/1hour}}}}";
    const Json& plans = reader.require(document, {"plans"}, hint);
    reader.expect_mapping(plans, {"plans"}, hint);
    if (plans.empty()) {
        reader.fail({"plans"}, "the product has no plans", hint);
    }
    std::vector<Plan> result;
    for (const auto& [name, value] : plans.items()) {
        result.push_back(read_plan(reader, name, value));
    }
    return result;
}

} // namespace

Product load_product(const std::string& file)
{
    return product_from_source(openapi::read_source(file));
}

Product product_from_source(const openapi::Source& source)
{
    Json document = openapi::parse_source(source);
    Reader reader(source);
    if (!document.is_object()) {
        reader.fail({}, fmt::format("expected a product, found {}", kind_of(document)));
    }
    check_product_version(reader, document);
    Product product;
    product.file = source.file;
    read_info(reader, document, product);
    product.apis = read_apis(reader, document);
    product.plans = read_plans(reader, document);
    product.document = std::move(document);
    return product;
}

std::filesystem::path resolve_api_file(const Product& product, const ProductApi& api)
{
    // An absolute ref replaces the folder on its own.
    return std::filesystem::path(product.file).parent_path() / api.ref;
}

} // namespace apicat::product

#include "product/document_reader.hpp"

#include "openapi/layout.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <utility>

namespace apicat::product {

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
    if (!object.is_object()) {
        return nullptr;
    }
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

DocumentReader::DocumentReader(const openapi::Source& source)
    : source_(&source)
    , where_(source.file)
{
    locator_.emplace(source);
}

DocumentReader::DocumentReader(std::string where)
    : where_(std::move(where))
{
}

void DocumentReader::fail(const Path& where, const std::string& what, const std::string& hint)
{
    throw Error(fmt::format("{}: {}", locate(where).str(), what), hint);
}

const Json& DocumentReader::require(const Json& object, const Path& path, const std::string& hint)
{
    const Json* value = find(object, path.back());
    if (value == nullptr) {
        fail(path, fmt::format("missing '{}'", dotted(path)), hint);
    }
    return *value;
}

void DocumentReader::expect_mapping(const Json& value, const Path& path, const std::string& hint)
{
    if (!value.is_object()) {
        fail(path,
             fmt::format("expected '{}' to be a mapping, found {}", dotted(path), kind_of(value)),
             hint);
    }
}

std::string DocumentReader::text(const Json& value, const Path& path, const std::string& hint)
{
    if (!value.is_string()) {
        fail(path,
             fmt::format("expected '{}' to be a string, found {}", dotted(path), kind_of(value)),
             hint);
    }
    auto result = value.get<std::string>();
    if (result.empty()) {
        fail(path, fmt::format("'{}' is empty", dotted(path)), hint);
    }
    return result;
}

bool DocumentReader::boolean(const Json& value, const Path& path, const std::string& hint)
{
    if (!value.is_boolean()) {
        fail(path,
             fmt::format("expected '{}' to be true or false, found {}", dotted(path),
                         kind_of(value)),
             hint);
    }
    return value.get<bool>();
}

std::string DocumentReader::version(const Json& value, const Path& path, const std::string& hint)
{
    if (value.is_number()) {
        return scalar_as_written(path, value);
    }
    return text(value, path, hint);
}

void DocumentReader::check_name(const std::string& name, const Path& path, const std::string& what,
                                bool is_key)
{
    try {
        check_object_name(name, what);
    } catch (const UsageError& e) {
        SourceLocation where = is_key ? key_location(path) : locate(path);
        throw Error(fmt::format("{}: {}", where.str(), e.what()), e.hint());
    }
}

SourceLocation DocumentReader::locate(const Path& path)
{
    return locator_ ? locator_->locate(path) : SourceLocation{where_, 0, 0};
}

namespace {

// The layout is read again here: this happens at most once per product, and only for what
// the Locator does not tell (the text of a value, where a key is).
std::optional<openapi::LayoutNode> layout_of(const openapi::Source* source)
{
    if (source == nullptr) {
        return std::nullopt;
    }
    try {
        return openapi::parse_layout(source->text);
    } catch (const openapi::LayoutUnsupported&) {
        return std::nullopt;
    }
}

} // namespace

std::string DocumentReader::scalar_as_written(const Path& path, const Json& value) const
{
    if (auto root = layout_of(source_)) {
        if (const auto* node = openapi::find_layout_node(*root, path)) {
            return source_->text.substr(node->begin, node->end - node->begin);
        }
    }
    return value.dump();
}

// A bad name is a key: point at the key rather than at its value.
SourceLocation DocumentReader::key_location(const Path& path)
{
    Path parent(path.begin(), path.end() - 1);
    if (auto root = layout_of(source_)) {
        if (const auto* node = openapi::find_layout_node(*root, parent)) {
            for (const auto& entry : node->entries) {
                if (entry.key == path.back()) {
                    openapi::LineIndex lines(source_->text);
                    return SourceLocation{source_->file, lines.line_of(entry.key_begin) + 1,
                                          lines.column_of(entry.key_begin) + 1};
                }
            }
        }
    }
    return locate(path);
}

} // namespace apicat::product

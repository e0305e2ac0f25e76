#include "gateway/schema_sample.hpp"

#include "openapi/local_ref.hpp"
#include "openapi/nesting.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace apicat::gateway {

namespace {

// How many `$ref`s one sample may follow. Each reference is sampled anew where it is used, so
// a document whose schemas each use the next one many times would make a sample of exponential
// size (the "billion laughs" of YAML anchors); past this, a reference counts as a cycle.
constexpr int reference_budget = 1000;

// The longest string a `minLength` makes: the mock answers with a sample, not a stress test.
constexpr std::size_t longest_padded_string = 1024;

std::optional<double> number_of(const Json& schema, const char* key)
{
    auto found = schema.find(key);
    if (found == schema.end() || !found->is_number()) {
        return std::nullopt;
    }
    return found->get<double>();
}

bool flag_of(const Json& schema, const char* key)
{
    auto found = schema.find(key);
    return found != schema.end() && found->is_boolean() && found->get<bool>();
}

// The schema's type: `type` itself, the first that is not "null" of a 3.1 list of types, or
// what its keywords imply when it names none.
std::string schema_type(const Json& schema)
{
    auto type = schema.find("type");
    if (type != schema.end() && type->is_string()) {
        return type->get<std::string>();
    }
    if (type != schema.end() && type->is_array()) {
        for (const Json& name : *type) {
            if (name.is_string() && name != "null") {
                return name.get<std::string>();
            }
        }
        return "null";
    }
    if (schema.contains("properties") || schema.contains("additionalProperties")) {
        return "object";
    }
    return schema.contains("items") ? "array" : "";
}

// Formats from OpenAPI's and JSON Schema's lists, each with a value that conforms to it.
std::optional<std::string> string_for_format(const std::string& format)
{
    static const std::map<std::string, std::string> samples = {
        {"date", "2024-01-01"},
        {"date-time", "2024-01-01T00:00:00Z"},
        {"time", "00:00:00Z"},
        {"duration", "P1D"},
        {"uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
        {"email", "user@example.com"},
        {"idn-email", "user@example.com"},
        {"uri", "https://example.com/"},
        {"url", "https://example.com/"},
        {"iri", "https://example.com/"},
        {"uri-reference", "/"},
        {"hostname", "example.com"},
        {"idn-hostname", "example.com"},
        {"ipv4", "192.0.2.1"},
        {"ipv6", "2001:db8::1"},
        {"byte", "c3RyaW5n"}, // base64 of "string"
        {"password", "password"},
    };
    auto found = samples.find(format);
    return found != samples.end() ? std::optional(found->second) : std::nullopt;
}

Json string_sample(const Json& schema)
{
    if (auto formatted = string_for_format(string_member(schema, "format"))) {
        return *formatted;
    }
    std::string text = "string";
    if (auto least = number_of(schema, "minLength"); least && *least > double(text.size())) {
        text.resize(static_cast<std::size_t>(std::min(*least, double(longest_padded_string))), 'x');
    }
    if (auto most = number_of(schema, "maxLength");
        most && *most >= 0 && *most < double(text.size())) {
        text.resize(static_cast<std::size_t>(*most));
    }
    return text;
}

// A limit on numbers. OpenAPI 2.0 and 3.0 write `exclusiveMinimum: true` beside `minimum`;
// 3.1 (JSON Schema 2020-12) writes the limit itself as `exclusiveMinimum`.
struct Bound {
    double value;
    bool exclusive;
};

std::optional<Bound> bound_of(const Json& schema, const char* inclusive, const char* exclusive)
{
    if (auto value = number_of(schema, exclusive)) {
        return Bound{*value, true};
    }
    if (auto value = number_of(schema, inclusive)) {
        return Bound{*value, flag_of(schema, exclusive)};
    }
    return std::nullopt;
}

bool zero_allowed_above(const std::optional<Bound>& low)
{
    return !low || low->value < 0 || (low->value == 0 && !low->exclusive);
}

bool zero_allowed_below(const std::optional<Bound>& high)
{
    return !high || high->value > 0 || (high->value == 0 && !high->exclusive);
}

// 0, or the bound nearest to it that keeps the value in range.
Json number_sample(const Json& schema, bool integer)
{
    const double step = integer ? 1 : 0.5;
    const std::optional<Bound> low = bound_of(schema, "minimum", "exclusiveMinimum");
    const std::optional<Bound> high = bound_of(schema, "maximum", "exclusiveMaximum");
    double value = 0;
    if (!zero_allowed_above(low)) {
        value = low->exclusive ? low->value + step : low->value;
        value = integer ? std::ceil(value) : value;
    } else if (!zero_allowed_below(high)) {
        value = high->exclusive ? high->value - step : high->value;
        value = integer ? std::floor(value) : value;
    }
    // A bound beyond 64 bits stays a double: converting it would be undefined behaviour, and
    // JSON writes it as the same number.
    if (integer && std::abs(value) < 9e18) {
        return static_cast<std::int64_t>(value);
    }
    return value;
}

// The later sample wins, except that objects merge key by key, as allOf's parts describe
// one value together.
Json merged(Json into, const Json& part)
{
    if (part.is_null()) {
        return into;
    }
    if (!into.is_object() || !part.is_object()) {
        return part;
    }
    for (const auto& [key, value] : part.items()) {
        into[key] = into.contains(key) ? merged(into[key], value) : value;
    }
    return into;
}

class Sampler {
public:
    explicit Sampler(const Json& document)
        : document_(document)
    {
    }

    // std::nullopt when the schema refers back into one being sampled: no finite value of it
    // can include that part.
    std::optional<Json> sample(const Json& schema);

private:
    std::optional<Json> sample_here(const Json& schema);
    std::optional<Json> referenced(const std::string& reference);
    std::optional<Json> composed(const Json& schema);
    std::optional<Json> typed(const Json& schema);
    std::optional<Json> object_sample(const Json& schema);
    std::optional<Json> array_sample(const Json& schema);

    const Json& document_;
    std::vector<std::string> expanding_;
    int references_left_ = reference_budget;
    int depth_ = 0;
};

std::optional<Json> Sampler::sample(const Json& schema)
{
    // References chained through many schemas can make a sample deeper than any document
    // apicat reads, and every level is a stack frame; past that depth, a cycle.
    if (depth_ == openapi::max_nesting_depth) {
        return std::nullopt;
    }
    ++depth_;
    std::optional<Json> value = sample_here(schema);
    --depth_;
    return value;
}

std::optional<Json> Sampler::sample_here(const Json& schema)
{
    // 3.1's boolean schemas, or anything else that is not a schema object: nothing to say.
    if (!schema.is_object()) {
        return Json();
    }
    if (auto reference = schema.find("$ref"); reference != schema.end() && reference->is_string()) {
        return referenced(reference->get<std::string>());
    }
    for (const char* given : {"const", "example", "default"}) {
        if (schema.contains(given)) {
            return schema[given];
        }
    }
    for (const char* listed : {"examples", "enum"}) {
        auto values = schema.find(listed);
        if (values != schema.end() && values->is_array() && !values->empty()) {
            return values->front();
        }
    }
    return composed(schema);
}

std::optional<Json> Sampler::referenced(const std::string& reference)
{
    if (std::find(expanding_.begin(), expanding_.end(), reference) != expanding_.end() ||
        references_left_ == 0) {
        return std::nullopt;
    }
    const Json* target = openapi::local_ref_target(document_, reference);
    if (target == nullptr) {
        return Json(); // `api validate` reports where it leads nowhere
    }
    --references_left_;
    expanding_.push_back(reference);
    std::optional<Json> value = sample(*target);
    expanding_.pop_back();
    return value;
}

// The schema's own keywords, then each part of allOf merged in, then the first alternative of
// oneOf and of anyOf.
std::optional<Json> Sampler::composed(const Json& schema)
{
    std::optional<Json> value = typed(schema);
    auto all_of = schema.find("allOf");
    if (all_of != schema.end() && all_of->is_array()) {
        for (const Json& part : *all_of) {
            std::optional<Json> sampled = sample(part);
            if (!value || !sampled) {
                return std::nullopt;
            }
            value = merged(*value, *sampled);
        }
    }
    for (const char* alternatives : {"oneOf", "anyOf"}) {
        auto found = schema.find(alternatives);
        if (found != schema.end() && found->is_array() && !found->empty()) {
            std::optional<Json> sampled = sample(found->front());
            if (!value || !sampled) {
                return std::nullopt;
            }
            value = merged(*value, *sampled);
        }
    }
    return value;
}

std::optional<Json> Sampler::typed(const Json& schema)
{
    const std::string type = schema_type(schema);
    if (type == "object") {
        return object_sample(schema);
    }
    if (type == "array") {
        return array_sample(schema);
    }
    if (type == "string") {
        return string_sample(schema);
    }
    if (type == "integer" || type == "number") {
        return number_sample(schema, type == "integer");
    }
    if (type == "boolean") {
        return true;
    }
    return Json();
}

// Every property, required or not, but those only ever sent to the API (`writeOnly`).
std::optional<Json> Sampler::object_sample(const Json& schema)
{
    Json object = Json::object();
    const Json required = schema.value("required", Json::array());
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [name, property] : properties.items()) {
        if (property.is_object() && flag_of(property, "writeOnly")) {
            continue;
        }
        std::optional<Json> value = sample(property);
        if (value) {
            object[name] = *value;
        } else if (required.is_array() &&
                   std::find(required.begin(), required.end(), name) != required.end()) {
            return std::nullopt;
        }
    }
    auto additional = schema.find("additionalProperties");
    if (properties.empty() && additional != schema.end() && additional->is_object()) {
        if (std::optional<Json> value = sample(*additional); value) {
            object["additionalProp1"] = *value;
        }
    }
    return object;
}

std::optional<Json> Sampler::array_sample(const Json& schema)
{
    Json array = Json::array();
    if (auto most = number_of(schema, "maxItems"); most && *most < 1) {
        return array;
    }
    Json items = schema.value("items", Json::object());
    // OpenAPI 2.0 allows no list here, but JSON Schema drafts before 2020-12 do.
    if (items.is_array()) {
        items = items.empty() ? Json::object() : items.front();
    }
    if (std::optional<Json> item = sample(items); item) {
        array.push_back(*item);
    }
    return array;
}

} // namespace

Json schema_sample(const Json& schema, const Json& document)
{
    return Sampler(document).sample(schema).value_or(Json());
}

} // namespace apicat::gateway

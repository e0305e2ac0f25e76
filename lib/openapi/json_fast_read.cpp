#include "openapi/json_fast_read.hpp"

#include "openapi/nesting.hpp"

#include <simdjson.h>

#include <unordered_set>

namespace apicat::openapi {

namespace {

// Thrown where this reader leaves the text to nlohmann's: a member repeats a key of its
// object, or the document nests too deep (nlohmann's reading is then checked, and refused).
struct Declined {};

// Objects with more members than this find repeated keys with a hash set.
constexpr std::size_t object_linear_search_limit = 16;

void check_unique_keys(const Json::object_t& object)
{
    if (object.size() <= object_linear_search_limit) {
        for (auto member = object.begin(); member != object.end(); ++member) {
            for (auto before = object.begin(); before != member; ++before) {
                if (before->first == member->first) {
                    throw Declined{};
                }
            }
        }
        return;
    }
    std::unordered_set<std::string_view> keys;
    keys.reserve(object.size());
    for (const auto& member : object) {
        if (!keys.insert(member.first).second) {
            throw Declined{};
        }
    }
}

// `depth`: the element's, the document being level 1.
Json to_json(simdjson::dom::element element, int depth)
{
    using simdjson::dom::element_type;
    if (depth > max_nesting_depth && (element.is_object() || element.is_array())) {
        throw Declined{};
    }
    switch (element.type()) {
    case element_type::OBJECT: {
        Json value = Json::object();
        auto& object = value.get_ref<Json::object_t&>();
        simdjson::dom::object members;
        if (element.get(members) != simdjson::SUCCESS) {
            throw Declined{};
        }
        object.reserve(members.size());
        for (auto [key, member] : members) {
            object.emplace_back(std::string(key), to_json(member, depth + 1));
        }
        check_unique_keys(object);
        return value;
    }
    case element_type::ARRAY: {
        Json value = Json::array();
        auto& array = value.get_ref<Json::array_t&>();
        simdjson::dom::array items;
        if (element.get(items) != simdjson::SUCCESS) {
            throw Declined{};
        }
        for (simdjson::dom::element item : items) {
            array.push_back(to_json(item, depth + 1));
        }
        return value;
    }
    case element_type::STRING:
        return Json(std::string(element.get_string().value_unsafe()));
    case element_type::INT64: {
        // As nlohmann reads them: non-negative integers unsigned, negative ones signed.
        std::int64_t number = element.get_int64().value_unsafe();
        return number >= 0 ? Json(static_cast<std::uint64_t>(number)) : Json(number);
    }
    case element_type::UINT64:
        return Json(element.get_uint64().value_unsafe());
    case element_type::DOUBLE:
        return Json(element.get_double().value_unsafe());
    case element_type::BOOL:
        return Json(element.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
        break;
    }
    return Json(nullptr);
}

} // namespace

std::optional<Json> read_json_fast(std::string_view text)
{
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(text.data(), text.size()).get(root) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    try {
        return to_json(root, 1);
    } catch (const Declined&) {
        return std::nullopt;
    }
}

} // namespace apicat::openapi

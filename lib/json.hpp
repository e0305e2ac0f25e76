#pragma once

// apicat's JSON values: drafts and products as documents, and what the store keeps of them
// (published snapshots). They keep key order, so that re-parsing an edited file can be
// compared with the intended document, order and all.

#include <nlohmann/json.hpp>

#include <string>

namespace apicat {

using Json = nlohmann::ordered_json;

// The member `key` of `object`, or null when `object` is no object or has no such member: for
// reading parts of a document whose shape nothing has checked.
inline const Json& member_or_null(const Json& object, const std::string& key)
{
    static const Json none;
    if (!object.is_object()) {
        return none;
    }
    auto found = object.find(key);
    return found == object.end() ? none : *found;
}

// The member `key` of `object` when it is a string, else "": for optional text in a document.
inline std::string string_member(const Json& object, const char* key)
{
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : "";
}

} // namespace apicat

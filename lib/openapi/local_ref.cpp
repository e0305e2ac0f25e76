#include "openapi/local_ref.hpp"

#include <cctype>

namespace apicat::openapi {

namespace {

std::string percent_decoded(const std::string& text)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() &&
            std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

} // namespace

const Json* local_ref_target(const Json& document, const std::string& reference)
{
    if (reference.rfind('#', 0) != 0) {
        return nullptr;
    }
    try {
        Json::json_pointer pointer(percent_decoded(reference.substr(1)));
        return document.contains(pointer) ? &document.at(pointer) : nullptr;
    } catch (const Json::exception&) {
        // Not a JSON pointer ("#Pet", "#/a~2"): it leads nowhere, as a missing key does.
        return nullptr;
    }
}

const Json* resolved(const Json& document, const Json& node)
{
    if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
        return local_ref_target(document, node["$ref"].get<std::string>());
    }
    return &node;
}

} // namespace apicat::openapi

#include "gateway/request_parts.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace apicat::gateway {

namespace {

// Calls `f` with each part of `text` between separators, empty ones too; no copies.
template <typename F> void for_each_part(std::string_view text, char separator, F&& f)
{
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const std::size_t end = std::min(text.find(separator, begin), text.size());
        f(text.substr(begin, end - begin));
        begin = end + 1;
    }
}

std::string decode(std::string_view text, bool keep_encoded_slash)
{
    // Most paths and parameters hold nothing encoded: they are copied as they are.
    if (text.find_first_of(keep_encoded_slash ? "%" : "%+") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = util::hex_digit_value(text[i + 1]);
            int low = util::hex_digit_value(text[i + 2]);
            char decoded = static_cast<char>(high * 16 + low);
            if (high >= 0 && low >= 0 && !(keep_encoded_slash && decoded == '/')) {
                out += decoded;
                i += 2;
                continue;
            }
        }
        out += (!keep_encoded_slash && text[i] == '+') ? ' ' : text[i];
    }
    return out;
}

} // namespace

std::string percent_decode(const std::string& text, bool keep_encoded_slash)
{
    return decode(text, keep_encoded_slash);
}

std::string percent_encode_path(const std::string& path)
{
    static const std::string_view kept_as_is = "/-._~!$&'()*+,;=:@";
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        const bool alphanumeric =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alphanumeric || kept_as_is.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        }
    }
    return out;
}

RequestParts split_target(const std::string& target)
{
    RequestParts parts;
    const std::string_view whole = target;
    const auto question = whole.find('?');
    parts.path = decode(whole.substr(0, question), true);
    if (question == std::string_view::npos) {
        return parts;
    }
    parts.query = whole.substr(question + 1);
    for_each_part(parts.query, '&', [&](std::string_view pair) {
        if (pair.empty()) {
            return;
        }
        const auto equals = pair.find('=');
        parts.parameters.emplace_back(
            decode(pair.substr(0, equals), false),
            equals == std::string_view::npos ? "" : decode(pair.substr(equals + 1), false));
    });
    return parts;
}

ValuesFound find_header(const std::vector<http::Header>& headers, std::string_view name)
{
    ValuesFound found;
    for (const http::Header& header : headers) {
        if (util::equal_ignoring_case(header.name, name)) {
            found.first = found.count++ == 0 ? &header.value : found.first;
        }
    }
    return found;
}

ValuesFound find_parameter(const RequestParts& parts, std::string_view name)
{
    ValuesFound found;
    for (const auto& [key, value] : parts.parameters) {
        if (key == name) {
            found.first = found.count++ == 0 ? &value : found.first;
        }
    }
    return found;
}

std::string query_without(const std::string& query, const std::vector<std::string>& removed)
{
    std::string kept;
    for_each_part(query, '&', [&](std::string_view pair) {
        const std::string name = decode(pair.substr(0, pair.find('=')), false);
        if (pair.empty() || std::find(removed.begin(), removed.end(), name) != removed.end()) {
            return;
        }
        if (!kept.empty()) {
            kept += '&';
        }
        kept += pair;
    });
    return kept;
}

} // namespace apicat::gateway

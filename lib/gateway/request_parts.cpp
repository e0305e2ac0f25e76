#include "gateway/request_parts.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

namespace apicat::gateway {

namespace {

int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        auto end = text.find(separator, begin);
        if (end == std::string::npos) {
            end = text.size();
        }
        parts.push_back(text.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

} // namespace

std::string percent_decode(const std::string& text, bool keep_encoded_slash)
{
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            int high = hex_digit(text[i + 1]);
            int low = hex_digit(text[i + 2]);
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
    auto question = target.find('?');
    parts.path = percent_decode(target.substr(0, question), true);
    if (question == std::string::npos) {
        return parts;
    }
    parts.query = target.substr(question + 1);
    for (const std::string& pair : split(parts.query, '&')) {
        if (pair.empty()) {
            continue;
        }
        auto equals = pair.find('=');
        parts.parameters.emplace_back(
            percent_decode(pair.substr(0, equals), false),
            equals == std::string::npos ? "" : percent_decode(pair.substr(equals + 1), false));
    }
    return parts;
}

std::vector<std::string> header_values(const std::vector<http::Header>& headers,
                                       const std::string& name)
{
    std::vector<std::string> values;
    std::string wanted = util::to_lower(name);
    for (const http::Header& header : headers) {
        if (util::to_lower(header.name) == wanted) {
            values.push_back(header.value);
        }
    }
    return values;
}

std::vector<std::string> parameter_values(const RequestParts& parts, const std::string& name)
{
    std::vector<std::string> values;
    for (const auto& [key, value] : parts.parameters) {
        if (key == name) {
            values.push_back(value);
        }
    }
    return values;
}

std::string query_without(const std::string& query, const std::vector<std::string>& removed)
{
    std::string kept;
    for (const std::string& pair : split(query, '&')) {
        std::string name = percent_decode(pair.substr(0, pair.find('=')), false);
        if (pair.empty() || std::find(removed.begin(), removed.end(), name) != removed.end()) {
            continue;
        }
        kept += (kept.empty() ? "" : "&") + pair;
    }
    return kept;
}

} // namespace apicat::gateway

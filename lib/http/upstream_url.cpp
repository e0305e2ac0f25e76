#include "http/upstream_url.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace apicat::http {

namespace {

std::string lowercase(std::string_view text)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

bool is_port(std::string_view text)
{
    if (text.empty() || text.size() > 5 ||
        !std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        return false;
    }
    const int port = std::stoi(std::string(text));
    return port > 0 && port <= 65535;
}

// "host", "host:port", "[v6]" or "[v6]:port" into `url`'s host and port.
bool split_authority(std::string_view authority, UpstreamUrl& url)
{
    std::string_view host = authority;
    std::string_view port;
    if (authority.starts_with('[')) {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            return false;
        }
        host = authority.substr(1, close - 1);
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) {
            return false;
        }
        port = rest.empty() ? rest : rest.substr(1);
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() || (!port.empty() && !is_port(port))) {
        return false;
    }
    url.host = lowercase(host);
    url.port = port.empty() ? (url.tls ? "443" : "80") : std::string(port);
    url.host_header = authority.starts_with('[') ? "[" + url.host + "]" : url.host;
    if (!port.empty() && url.port != (url.tls ? "443" : "80")) {
        url.host_header += ":" + url.port;
    }
    return true;
}

} // namespace

std::optional<UpstreamUrl> parse_upstream_url(const std::string& text)
{
    const auto scheme_end = text.find("://");
    if (scheme_end == std::string::npos) {
        return std::nullopt;
    }
    UpstreamUrl url;
    const std::string scheme = lowercase(std::string_view(text).substr(0, scheme_end));
    if (scheme != "http" && scheme != "https") {
        return std::nullopt;
    }
    url.tls = scheme == "https";
    const std::string_view rest = std::string_view(text).substr(scheme_end + 3);
    const auto authority_end = rest.find_first_of("/?#");
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority.find('@') != std::string_view::npos || !split_authority(authority, url)) {
        return std::nullopt;
    }
    url.target = upstream_target(text, scheme_and_authority(text).size());
    return url;
}

std::string_view scheme_and_authority(std::string_view url)
{
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return {};
    }
    return url.substr(0, url.find_first_of("/?#", scheme_end + 3));
}

std::string upstream_target(std::string_view url, std::size_t authority_end)
{
    std::string_view target = url.substr(std::min(authority_end, url.size()));
    target = target.substr(0, target.find('#'));
    return target.starts_with('/') ? std::string(target) : "/" + std::string(target);
}

} // namespace apicat::http

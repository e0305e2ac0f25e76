#pragma once

// The parts of an upstream URL the gateway's HTTP client needs: where to connect, whether
// with TLS, and what to ask for. Kept apart from the client so it is tested without sockets.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace apicat::http {

struct UpstreamUrl {
    bool tls = false;        // https
    std::string host;        // without brackets for an IPv6 literal
    std::string port;        // always set: 80 or 443 when the URL gives none
    std::string host_header; // host, and port when not the scheme's default
    std::string target;      // path and query, "/" when the URL has none

    // The key of the connection pool: connections to one origin are interchangeable.
    std::string origin() const { return (tls ? "https://" : "http://") + host + ":" + port; }
};

// Nothing for anything but an absolute http or https URL with a host (user info, a bad port).
std::optional<UpstreamUrl> parse_upstream_url(const std::string& url);

// The scheme and authority of `url` ("http://up.example:8080"), which alone decide every part
// of an UpstreamUrl but its target; empty when `url` has no "://".
std::string_view scheme_and_authority(std::string_view url);

// The target of the URL whose scheme and authority take its first `authority_end` characters,
// as parse_upstream_url gives it.
std::string upstream_target(std::string_view url, std::size_t authority_end);

} // namespace apicat::http

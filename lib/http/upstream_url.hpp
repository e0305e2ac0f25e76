#pragma once

// The parts of an upstream URL the gateway's HTTP client needs: where to connect, whether
// with TLS, and what to ask for. Kept apart from the client so it is tested without sockets.

#include <optional>
#include <string>

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

} // namespace apicat::http

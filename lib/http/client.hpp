#pragma once

// A blocking HTTP client over libcurl, general enough both to download a document and to relay
// a request to an upstream unchanged: any method, the caller's headers and body as given, and
// the status, headers and body of the response as received (a 4xx or 5xx is a Response, not an
// error). <curl/curl.h> stays out of this header so only client.cpp depends on it.
//
// What libcurl adds to a request on its own: Host and Content-Length, which HTTP needs, and
// "Accept: */*" when the caller gave no Accept, which is harmless and kept. It is kept from
// inventing a Content-Type for a body or an "Expect: 100-continue"; User-Agent is
// "apicat/<version>" unless the caller sends one. Responses are never decoded (no
// Accept-Encoding is sent for us), so a body is relayed byte for byte.

#include "errors.hpp"
#include "http/message.hpp"
#include "http/transport_failure.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace apicat::http {

// Move-only owner of one libcurl easy handle. The handle is reused between calls so keep-alive
// connections, DNS and TLS sessions carry over; one Client serves one thread at a time.
class Client {
public:
    Client();
    ~Client();
    Client(Client&& other) noexcept;
    Client& operator=(Client&& other) noexcept;
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Throws TransportError when no HTTP response arrived (only http and https URLs are tried),
    // Error for a method or header that cannot go on the wire.
    Response send(const Request& request);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A failure where no HTTP response arrived, translated from libcurl in one place.
class TransportError : public Error {
public:
    TransportError(TransportFailure kind, std::string host, const std::string& message);

    TransportFailure kind() const noexcept { return kind_; }
    // As written in the URL, so callers can name the upstream that failed.
    const std::string& host() const noexcept { return host_; }

private:
    TransportFailure kind_;
    std::string host_;
};

// A GET for downloads: follows up to five redirects and keeps no connection afterwards.
Response get(const std::string& url, std::chrono::milliseconds timeout);

} // namespace apicat::http

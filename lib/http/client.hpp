#pragma once

// A blocking HTTP/1.1 client, general enough both to download a document and to relay a request
// to an upstream unchanged: any method, the caller's headers and body as given, and the status,
// headers and body of the response as received (a 4xx or 5xx is a Response, not an error).
//
// It runs the gateway's own event-driven client (http/upstream_call.hpp) on a private event
// loop, so `apicat invoke` and `gateway serve` send an upstream the same bytes and name its
// failures in the same words. It adds to a request only Host, a Content-Length where HTTP wants
// one, and "User-Agent: apicat/<version>" unless the caller sends one. Responses are never
// decoded (no Accept-Encoding is sent for us), so a body is relayed byte for byte.
//
// Why not libcurl: loading libcurl and the 28 libraries it links (for protocols apicat never
// speaks) took some 2.5 ms of every apicat process, a third of an `invoke` (docs/gateway.md,
// "Speed").

#include "errors.hpp"
#include "http/message.hpp"
#include "http/transport_failure.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace apicat::http {

// Move-only owner of one event loop and its keep-alive connections, reused between calls; one
// Client serves one thread at a time.
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

// A failure where no HTTP response arrived.
class TransportError : public Error {
public:
    // what() is "<host:port>: <detail>".
    TransportError(TransportFailure kind, std::string host, std::string authority,
                   std::string detail);

    TransportFailure kind() const noexcept { return kind_; }
    // As written in the URL, so callers can name the upstream that failed.
    const std::string& host() const noexcept { return host_; }
    // The failure in words, without the host: "connection refused".
    const std::string& detail() const noexcept { return detail_; }

private:
    TransportFailure kind_;
    std::string host_;
    std::string detail_;
};

// A GET for downloads: follows up to five redirects and keeps no connection afterwards.
Response get(const std::string& url, std::chrono::milliseconds timeout);

} // namespace apicat::http

#pragma once

// Why no usable HTTP response came back: one vocabulary for apicat's HTTP client, blocking
// (api import, in-process invoke) or on `gateway serve`'s event loops, so that an upstream
// failure reads, and is answered (502 or 504), the same on both front ends.

namespace apicat::http {

enum class TransportFailure {
    invalid_url,  // not an absolute http or https URL with a host
    resolve,      // the host name did not resolve
    connect,      // no connection: refused, unreachable
    tls,          // the TLS handshake or the certificate's verification failed
    timeout,      // no (whole) response within the request's time
    closed,       // the connection closed or was reset before the response was whole
    bad_response, // what came back is not HTTP
    too_large,    // the response went past the size the caller accepts
    other,
};

} // namespace apicat::http

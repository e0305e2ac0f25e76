#pragma once

// The bytes of an HTTP/1 message's head, written straight from its parts: its start line and
// fields as Beast's serializer writes them, ending with the empty line. The gateway writes a
// head and its body as two buffers of one gathered send: Beast's serializer walks the same bytes
// through several layers of buffer views, which cost about 8% of the gateway's CPU per request
// (docs/gateway.md, "Speed").

#include "http/message.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::http {

// The head of an HTTP/1.1 request (the gateway sends one per call): `headers` in their order,
// then Host, then Content-Length when given. A Host among `headers` is left out, and so is a
// Content-Length when one is given, as Beast's `set` would replace them.
std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<Header>& headers, std::string_view host,
                         std::optional<std::uint64_t> content_length);

// The head of a response (`version` 10 or 11): the status line, with the status's standard
// reason when `reason` is empty; `headers` in their order; Content-Length when given; and the
// Connection field that keeping the connection alive or not takes in that version ("close" in
// 1.1, "keep-alive" in 1.0, otherwise none). The caller leaves out of `headers`
// the fields that belong to another connection, Connection itself among them. Written into
// `out`, replacing what it held: a connection's session writes each response's head into the
// memory of the previous one's.
struct ResponseHead {
    unsigned version = 11;
    int status = 200;
    std::string_view reason;
    std::optional<std::uint64_t> content_length;
    bool keep_alive = true;
};
void write_response_head(const ResponseHead& head, const std::vector<Header>& headers,
                         std::string& out);

} // namespace apicat::http

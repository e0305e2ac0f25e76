#pragma once

// The bytes of an HTTP/1 message's head: its start line and fields as Beast's serializer writes
// them, ending with the empty line. The gateway writes a head and its body as two buffers of one
// gathered send: Beast's serializer walks the same bytes through several layers of buffer
// views, which cost about 8% of the gateway's CPU per request (docs/gateway.md, "Speed").

#include "http/message.hpp"

#include <boost/beast/http/message.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::http {

std::string head_bytes(const boost::beast::http::request_header<>& head);
std::string head_bytes(const boost::beast::http::response_header<>& head);

// The head of an HTTP/1.1 request written straight from its parts, with no Beast message in
// between (the gateway sends one per call): `headers` in their order, then Host, then
// Content-Length when given. A Host among `headers` is left out, and so is a Content-Length
// when one is given, as Beast's `set` would replace them.
std::string request_head(std::string_view method, std::string_view target,
                         const std::vector<Header>& headers, std::string_view host,
                         std::optional<std::uint64_t> content_length);

} // namespace apicat::http

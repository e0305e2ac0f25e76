#pragma once

// The bytes of an HTTP/1 message's head: its start line and fields as Beast's serializer writes
// them, ending with the empty line. The gateway writes a head and its body as two buffers of one
// gathered send: Beast's serializer walks the same bytes through several layers of buffer
// views, which cost about 8% of the gateway's CPU per request (docs/gateway.md, "Speed").

#include <boost/beast/http/message.hpp>

#include <string>

namespace apicat::http {

std::string head_bytes(const boost::beast::http::request_header<>& head);
std::string head_bytes(const boost::beast::http::response_header<>& head);

} // namespace apicat::http

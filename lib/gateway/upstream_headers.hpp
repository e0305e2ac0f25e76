#pragma once

// Which header fields a proxy must not pass on. Hop-by-hop fields (RFC 9110, 7.6.1) describe
// one connection, not the message: the gateway's connection to the client and its connection
// to the upstream each get their own. The framing fields (Content-Length, Transfer-Encoding)
// are set again for the body as it is actually sent.

#include "http/message.hpp"

#include <boost/beast/http/fields.hpp>

#include <string_view>
#include <vector>

namespace apicat::gateway {

// Connection, Keep-Alive, Transfer-Encoding, Upgrade and the like, or a field the message's
// Connection header names (`connection_header`: its value).
bool is_hop_by_hop(std::string_view name, std::string_view connection_header);

// The fields of a request to pass on to the upstream: all but the hop-by-hop ones, Host (the
// upstream's own is set), Content-Length (set for the body as sent) and Expect (the gateway
// already has the whole body).
std::vector<http::Header> request_headers_to_forward(const std::vector<http::Header>& headers);

// Erases the hop-by-hop fields and Content-Length from `fields`.
void erase_hop_by_hop(boost::beast::http::fields& fields);

} // namespace apicat::gateway

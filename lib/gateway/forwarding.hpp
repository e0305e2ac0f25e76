#pragma once

// What the gateway passes on to an upstream, and relays back: one policy for both front ends,
// in-process `apicat invoke` and `gateway serve`, applied once by the engine when it builds a
// Forward, so that the HTTP client under both (http/upstream_call.hpp) sends its headers as
// they are (docs/gateway.md, "What reaches the upstream").
//
// Hop-by-hop fields (RFC 9110, 7.6.1) describe one connection, not the message: the caller's
// connection to the gateway and the gateway's to the upstream each have their own. The framing
// fields are set again for the body as it is actually sent.

#include "http/message.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace apicat::gateway {

// The values of the message's Connection fields, joined with commas: the names of more fields
// that belong to that one connection.
std::string connection_tokens(const std::vector<http::Header>& headers);

// Connection, Keep-Alive, Proxy-Connection, TE, Trailer, Transfer-Encoding, Upgrade,
// Proxy-Authenticate, Proxy-Authorization, or a field `connection_tokens` names.
bool is_hop_by_hop(std::string_view name, std::string_view connection_tokens);

// X-IBM-Client-Id and X-IBM-Client-Secret, where API Connect's clients send an app's
// credentials. A caller's are never forwarded, whether or not the API defines them as security
// schemes: an upstream never learns a secret that the operation did not even ask for.
bool is_well_known_credential(std::string_view name);

// Whether a field of the caller's request may go on to the upstream: not a well-known
// credential, not hop-by-hop, and not one the client sets for the request as sent (below).
// The API's own credential fields are the engine's to remove: it knows its schemes.
bool forwards_caller_header(std::string_view name, std::string_view connection_tokens);

// Whether a field of the request to the upstream goes on the wire: not hop-by-hop (the fixed
// list), and not Host (the upstream's own is set), Content-Length (set for the body as sent)
// or Expect (the gateway holds the whole body already). For the fields an assembly sets too.
bool forwards_request_header(std::string_view name);

// Whether a field of the upstream's response is relayed to the caller: not hop-by-hop, and not
// Content-Length (set for the body as relayed).
bool relays_response_header(std::string_view name, std::string_view connection_tokens);

// How answers and logs name the upstream of `url`: its host, with the port when not the
// scheme's default; "the upstream" when the URL does not parse, as the text itself might carry
// the upstream's own key.
std::string upstream_host(const std::string& url);

} // namespace apicat::gateway

#pragma once

// The forwarding policy (gateway/forwarding.hpp) on Beast's fields, for the responses
// `gateway serve` writes: the upstream's as it relays them, and its own answers.

#include <boost/beast/http/fields.hpp>

namespace apicat::gateway {

// Erases what relays_response_header() keeps from the caller: the hop-by-hop fields, those
// the Connection field names, and Content-Length.
void erase_hop_by_hop(boost::beast::http::fields& fields);

} // namespace apicat::gateway

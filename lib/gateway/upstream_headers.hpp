#pragma once

// The forwarding policy (gateway/forwarding.hpp) on the fields of the responses `gateway serve`
// writes: the upstream's as it relays them, and its own answers.

#include "http/message.hpp"

#include <vector>

namespace apicat::gateway {

// Erases what relays_response_header() keeps from the caller: the hop-by-hop fields, those
// the Connection field names, and Content-Length. The others keep their order.
void erase_hop_by_hop(std::vector<http::Header>& headers);

} // namespace apicat::gateway

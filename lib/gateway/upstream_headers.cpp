#include "gateway/upstream_headers.hpp"

#include "gateway/forwarding.hpp"

#include <string>

namespace apicat::gateway {

void erase_hop_by_hop(std::vector<http::Header>& headers)
{
    // A copy: erasing the Connection fields changes the strings it would view.
    const std::string tokens = connection_tokens(headers);
    std::erase_if(headers, [&tokens](const http::Header& header) {
        return !relays_response_header(header.name, tokens);
    });
}

} // namespace apicat::gateway

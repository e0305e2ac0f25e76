#include "gateway/upstream_headers.hpp"

#include "gateway/forwarding.hpp"

#include <string>
#include <string_view>

namespace apicat::gateway {

void erase_hop_by_hop(boost::beast::http::fields& fields)
{
    const auto connection = fields[boost::beast::http::field::connection];
    // Copied: erasing the Connection field would leave a view of it dangling.
    const std::string tokens(connection.data(), connection.size());
    for (auto field = fields.begin(); field != fields.end();) {
        const auto name = field->name_string();
        if (relays_response_header(std::string_view(name.data(), name.size()), tokens)) {
            ++field;
        } else {
            field = fields.erase(field);
        }
    }
}

} // namespace apicat::gateway

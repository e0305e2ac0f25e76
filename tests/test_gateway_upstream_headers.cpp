// The fields of a response `gateway serve` writes: what erase_hop_by_hop keeps of the
// upstream's, and in which order.

#include "gateway/upstream_headers.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using apicat::gateway::erase_hop_by_hop;
using apicat::http::Header;

namespace {

std::vector<std::string> names(const std::vector<Header>& headers)
{
    std::vector<std::string> listed;
    for (const Header& header : headers) {
        listed.push_back(header.name);
    }
    return listed;
}

} // namespace

TEST_CASE("a relayed response keeps its fields in order, less hop-by-hop ones and its length")
{
    std::vector<Header> headers{{"Content-Type", "application/json"},
                                {"connection", "keep-alive"},
                                {"Keep-Alive", "timeout=5"},
                                {"Transfer-Encoding", "chunked"},
                                {"X-Upstream", "1"},
                                {"Content-Length", "77"},
                                {"Upgrade", "h2c"},
                                {"Set-Cookie", "a=1"},
                                {"Trailer", "Expires"},
                                {"Set-Cookie", "b=2"}};
    erase_hop_by_hop(headers);
    CHECK(names(headers) ==
          std::vector<std::string>{"Content-Type", "X-Upstream", "Set-Cookie", "Set-Cookie"});
    CHECK(headers[2].value == "a=1");
    CHECK(headers[3].value == "b=2");
}

TEST_CASE("a relayed response loses the fields its Connection fields name, in any case")
{
    std::vector<Header> headers{{"Connection", "X-Hop, close"},
                                {"x-hop", "dropped"},
                                {"Date", "Sun, 06 Dec 2026 19:53:02 GMT"},
                                {"CONNECTION", " x-second "},
                                {"X-Second", "dropped too"},
                                {"X-Third", "kept"}};
    erase_hop_by_hop(headers);
    CHECK(names(headers) == std::vector<std::string>{"Date", "X-Third"});
}

TEST_CASE("a response without hop-by-hop fields is left as it is")
{
    const std::vector<Header> original{{"Content-Type", "text/plain"}, {"ETag", "\"v1\""}};
    std::vector<Header> headers = original;
    erase_hop_by_hop(headers);
    REQUIRE(headers.size() == original.size());
    CHECK(headers[0].value == "text/plain");
    CHECK(headers[1].value == "\"v1\"");
}

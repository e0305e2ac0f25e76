#include "http/upstream_pool.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

namespace apicat::http {

namespace {

// Upstreams commonly close idle connections after 5 to 75 seconds; one kept longer than this
// is likelier dead than useful.
constexpr std::chrono::seconds max_idle{30};
// Idle connections kept per origin: enough for bursts, few enough not to hoard descriptors.
constexpr std::size_t max_idle_per_origin = 64;
// Origins whose parts are kept: a gateway's upstreams are few; more only cost a parse.
constexpr std::size_t max_known_origins = 32;

std::optional<boost::asio::ip::address> address_of(const std::string& host)
{
    boost::system::error_code not_an_address;
    const boost::asio::ip::address address = boost::asio::ip::make_address(host, not_an_address);
    return not_an_address ? std::nullopt : std::optional(address);
}

} // namespace

UpstreamConnection::UpstreamConnection(boost::asio::io_context& io, boost::asio::ssl::context* tls)
{
    if (tls != nullptr) {
        tls_ = std::make_unique<TlsStream>(io.get_executor(), *tls);
    } else {
        plain_ = std::make_unique<LoopSocket>(io.get_executor());
    }
}

bool UpstreamConnection::still_open(OpenCheck check)
{
    auto& socket = tcp();
    if (!socket.is_open() || buffer_.size() > 0) {
        return false;
    }
    if (check == OpenCheck::unread_bytes) {
        return true;
    }
    char byte = 0;
    const auto peeked = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

boost::asio::ssl::context& UpstreamTls::context()
{
    std::call_once(once_, [this] {
        context_.emplace(boost::asio::ssl::context::tls_client);
        context_->set_default_verify_paths();
        context_->set_verify_mode(boost::asio::ssl::verify_peer);
    });
    return *context_;
}

UpstreamPool::UpstreamPool(boost::asio::io_context& io, UpstreamTls& tls)
    : io_(io)
    , tls_(tls)
{
}

std::unique_ptr<UpstreamConnection> UpstreamPool::take(const std::string& origin, OpenCheck check)
{
    const auto found = idle_.find(origin);
    if (found == idle_.end()) {
        return nullptr;
    }
    std::vector<Idle>& connections = found->second;
    const auto now = std::chrono::steady_clock::now();
    // The most recently used first: the likeliest to be open still.
    while (!connections.empty()) {
        Idle idle = std::move(connections.back());
        connections.pop_back();
        if (now - idle.since < max_idle && idle.connection->still_open(check)) {
            return std::move(idle.connection);
        }
    }
    return nullptr;
}

std::optional<std::pair<std::shared_ptr<const UpstreamOrigin>, std::string>>
UpstreamPool::parse(const std::string& url)
{
    const std::string_view prefix = scheme_and_authority(url);
    const auto known =
        std::find_if(origins_.rbegin(), origins_.rend(), [prefix](const auto& origin) {
            return origin->scheme_and_authority == prefix;
        });
    if (known != origins_.rend()) {
        return std::pair(*known, upstream_target(url, prefix.size()));
    }
    std::optional<UpstreamUrl> parsed = parse_upstream_url(url);
    if (!parsed) {
        return std::nullopt;
    }
    std::string target = std::move(parsed->target);
    parsed->target.clear();
    auto origin = std::make_shared<UpstreamOrigin>();
    origin->scheme_and_authority = prefix;
    origin->key = parsed->origin();
    origin->address = address_of(parsed->host);
    origin->url = std::move(*parsed);
    if (origins_.size() >= max_known_origins) {
        origins_.erase(origins_.begin());
    }
    origins_.push_back(origin);
    return std::pair(std::move(origin), std::move(target));
}

void UpstreamPool::give_back(const std::string& origin,
                             std::unique_ptr<UpstreamConnection> connection)
{
    std::vector<Idle>& connections = idle_[origin];
    const auto now = std::chrono::steady_clock::now();
    // Oldest first: drop those kept too long, and one more when the pool is full.
    const auto expired =
        std::find_if(connections.begin(), connections.end(),
                     [&](const Idle& idle) { return now - idle.since < max_idle; });
    connections.erase(connections.begin(), expired);
    if (connections.size() >= max_idle_per_origin) {
        connections.erase(connections.begin());
    }
    connections.push_back({std::move(connection), now});
}

} // namespace apicat::http

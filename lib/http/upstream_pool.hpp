#pragma once

// Keep-alive connections to upstreams, for one of the server's threads. Reusing a connection
// saves a TCP (and TLS) handshake per request; keeping one pool per thread keeps it free of
// locks, as every connection in it belongs to that thread's event loop.

#include "http/event_loop.hpp"
#include "http/upstream_url.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace apicat::http {

// How sure UpstreamPool::take makes that an idle connection is open. Asking the kernel costs a
// system call per request. A request that may be sent twice does without: when it meets a
// connection the upstream has closed, it is sent again on a new one (upstream_call.cpp).
enum class OpenCheck { unread_bytes, ask_kernel };

// One connection to an upstream, plain or TLS, with the buffer its reads leave bytes in.
class UpstreamConnection {
public:
    using TlsStream = boost::asio::ssl::stream<LoopSocket>;

    UpstreamConnection(boost::asio::io_context& io, boost::asio::ssl::context* tls);

    bool tls() const { return tls_ != nullptr; }
    LoopSocket& tcp() { return tls_ ? tls_->next_layer() : *plain_; }
    TlsStream& tls_stream() { return *tls_; }
    boost::beast::flat_buffer& buffer() { return buffer_; }

    // Calls `f` with the stream to read and write HTTP on: the TLS stream or the TCP one.
    template <typename F> void with_stream(F&& f)
    {
        if (tls_) {
            f(*tls_);
        } else {
            f(*plain_);
        }
    }

    // Whether an idle connection can carry another request: the upstream has sent nothing
    // since the last response (on an idle connection that can only be a goodbye), and, when
    // asked with OpenCheck::ask_kernel, has not closed it.
    bool still_open(OpenCheck check);

private:
    std::unique_ptr<LoopSocket> plain_;
    std::unique_ptr<TlsStream> tls_;
    boost::beast::flat_buffer buffer_;
};

// The TLS settings of upstream connections, shared by the server's threads (OpenSSL lets
// threads make connections from one context) and made on first use: loading the system's
// trusted authorities takes some 20 ms that a gateway without https upstreams need not spend.
class UpstreamTls {
public:
    // Verifies upstream certificates against the system's trusted authorities. Thread-safe.
    boost::asio::ssl::context& context();

private:
    std::once_flag once_;
    std::optional<boost::asio::ssl::context> context_;
};

// An upstream as its calls reach it: what the scheme and authority of its URLs say, worked out
// once. Parsing them again for every call, with the pool's key and the address, took some 3%
// of the gateway's CPU per request.
struct UpstreamOrigin {
    std::string scheme_and_authority; // as the URLs spell it: what a URL is compared with
    UpstreamUrl url;                  // without a target
    std::string key;                  // url.origin(): which idle connections serve it
    std::optional<boost::asio::ip::address> address; // when the host is an address
};

class UpstreamPool {
public:
    UpstreamPool(boost::asio::io_context& io, UpstreamTls& tls);

    boost::asio::io_context& io() { return io_; }
    boost::asio::ssl::context& tls_context() { return tls_.context(); }

    // An idle connection to `origin` that is still open, as far as `check` tells, or null.
    std::unique_ptr<UpstreamConnection> take(const std::string& origin, OpenCheck check);
    // Keeps a connection that has just finished an exchange cleanly, for the next one.
    void give_back(const std::string& origin, std::unique_ptr<UpstreamConnection> connection);
    // Closes every idle connection (on shutdown).
    void clear() { idle_.clear(); }

    // The origin of `url`, and `url`'s target; nothing when parse_upstream_url refuses `url`.
    // The last origins met are kept, and a URL that begins with one of them is not parsed.
    std::optional<std::pair<std::shared_ptr<const UpstreamOrigin>, std::string>>
    parse(const std::string& url);

private:
    struct Idle {
        std::unique_ptr<UpstreamConnection> connection;
        std::chrono::steady_clock::time_point since;
    };

    boost::asio::io_context& io_;
    UpstreamTls& tls_;
    std::unordered_map<std::string, std::vector<Idle>> idle_;
    std::vector<std::shared_ptr<const UpstreamOrigin>> origins_; // the most recent last
};

} // namespace apicat::http

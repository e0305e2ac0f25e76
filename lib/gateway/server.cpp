#include "gateway/server.hpp"

#include "gateway/server_session.hpp"
#include "http/upstream_pool.hpp"

#include "errors.hpp"
#include "util/text.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <fmt/format.h>

#include <sys/socket.h>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

namespace apicat::gateway {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

// After a failed accept (out of file descriptors, most likely), wait before the next one
// rather than spin.
constexpr std::chrono::milliseconds accept_pause{50};

[[noreturn]] void fail_to_listen(const std::string& where, const boost::system::error_code& error)
{
    std::string hint;
    if (error == asio::error::address_in_use) {
        hint = "another program is listening there; stop it or choose another port";
    } else if (error == asio::error::access_denied) {
        hint = "ports below 1024 need privileges; choose a higher port";
    } else if (error == boost::system::errc::address_not_available) {
        hint = "listen on an address of this machine, such as 127.0.0.1";
    }
    throw Error(
        fmt::format("cannot listen on {}: {}", where, util::lowercase_first(error.message())),
        hint);
}

tcp::endpoint listen_endpoint(const ServerOptions& options, const std::string& where)
{
    boost::system::error_code error;
    const asio::ip::address address = asio::ip::make_address(options.host, error);
    if (!error) {
        return {address, options.port};
    }
    asio::io_context io;
    tcp::resolver resolver(io);
    const auto found = resolver.resolve(options.host, std::to_string(options.port), error);
    if (error || found.empty()) {
        throw Error(fmt::format("cannot listen on {}: cannot resolve '{}'", where, options.host),
                    "give an IP address, such as 127.0.0.1");
    }
    return found.begin()->endpoint();
}

// With SO_REUSEPORT, binding succeeds on a port that another such socket of the same user
// holds, so a second gateway would quietly share the first one's port. A plain socket binds
// only where nobody listens: that tells whether the port is free. (It is released at once;
// the window in which another program could take the port is a few microseconds.)
void check_port_free(const tcp::endpoint& endpoint, const std::string& where)
{
    asio::io_context io;
    tcp::acceptor probe(io);
    boost::system::error_code error;
    probe.open(endpoint.protocol(), error);
    if (!error) {
        probe.set_option(tcp::acceptor::reuse_address(true), error);
    }
    if (!error) {
        probe.bind(endpoint, error);
    }
    if (error) {
        fail_to_listen(where, error);
    }
}

void listen(http::LoopAcceptor& acceptor, const tcp::endpoint& endpoint, const std::string& where)
{
    boost::system::error_code error;
    acceptor.open(endpoint.protocol(), error);
    if (!error) {
        acceptor.set_option(tcp::acceptor::reuse_address(true), error);
    }
    if (!error) {
        acceptor.set_option(ReusePort(true), error);
    }
    if (!error) {
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        fail_to_listen(where, error);
    }
}

} // namespace

struct Server::Impl {
    // One thread of the server. Members are destroyed in reverse order: the pool's and the
    // acceptor's sockets before their io_context, and the registry after it, as sessions that
    // the io_context still holds unregister themselves when it destroys them.
    struct Worker {
        explicit Worker(http::UpstreamTls& tls)
            : pool(io, tls)
        {
        }

        SessionRegistry sessions;
        // Every socket and timer of this io_context is used from its own thread only (others
        // only post to it), so the reactor needs no lock per operation.
        asio::io_context io{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
        http::LoopAcceptor acceptor{io.get_executor()};
        http::LoopTimer accept_pause_timer{io.get_executor()};
        http::UpstreamPool pool;
        std::thread thread;
    };

    ServerOptions options;
    SessionSettings settings;
    std::uint16_t port = 0;
    http::UpstreamTls tls;
    std::vector<std::unique_ptr<Worker>> workers;

    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = 0; // threads whose io_context still runs
    bool stopped = false;

    void accept(Worker& worker);
    void run(Worker& worker);
};

void Server::Impl::accept(Worker& worker)
{
    worker.acceptor.async_accept(
        [this, &worker](const boost::system::error_code& error, http::LoopSocket socket) {
            if (!worker.acceptor.is_open()) {
                return; // stopping
            }
            if (error) {
                worker.accept_pause_timer.expires_after(accept_pause);
                worker.accept_pause_timer.async_wait([this, &worker](const auto& cancelled) {
                    if (!cancelled) {
                        accept(worker);
                    }
                });
                return;
            }
            start_session(std::move(socket), settings, worker.pool, worker.sessions);
            accept(worker);
        });
}

void Server::Impl::run(Worker& worker)
{
    worker.io.run();
    std::lock_guard lock(mutex);
    --running;
    finished.notify_all();
}

Server::Server(ServerOptions options, Decider decide, RequestLogger log)
    : impl_(std::make_unique<Impl>())
{
    impl_->options = std::move(options);
    const ServerOptions& chosen = impl_->options;
    impl_->settings = {std::move(decide), std::move(log), chosen.request_timeout,
                       chosen.header_limit, chosen.body_limit};
    const std::string where = fmt::format("{}:{}", chosen.host, chosen.port);
    tcp::endpoint endpoint = listen_endpoint(chosen, where);
    if (endpoint.port() != 0) {
        check_port_free(endpoint, where);
    }
    const unsigned threads =
        chosen.threads > 0 ? chosen.threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < threads; ++i) {
        auto worker = std::make_unique<Impl::Worker>(impl_->tls);
        listen(worker->acceptor, endpoint, where);
        // The first socket got the OS's choice of port, when asked for 0; the others join it.
        endpoint.port(worker->acceptor.local_endpoint().port());
        impl_->workers.push_back(std::move(worker));
    }
    impl_->port = endpoint.port();
    impl_->running = impl_->workers.size();
    for (auto& worker : impl_->workers) {
        impl_->accept(*worker);
        worker->thread = std::thread([impl = impl_.get(), &own = *worker] { impl->run(own); });
    }
}

Server::~Server()
{
    stop();
}

std::uint16_t Server::port() const
{
    return impl_->port;
}

void Server::stop()
{
    {
        std::lock_guard lock(impl_->mutex);
        if (impl_->stopped) {
            return;
        }
        impl_->stopped = true;
    }
    for (auto& worker : impl_->workers) {
        asio::post(worker->io, [&own = *worker] {
            boost::system::error_code ignored; // closing is all that is wanted
            own.acceptor.close(ignored);
            own.accept_pause_timer.cancel();
            own.sessions.stop_all();
            own.pool.clear();
        });
    }
    {
        std::unique_lock lock(impl_->mutex);
        impl_->finished.wait_for(lock, impl_->options.shutdown_grace,
                                 [this] { return impl_->running == 0; });
    }
    for (auto& worker : impl_->workers) {
        worker->io.stop();
    }
    for (auto& worker : impl_->workers) {
        worker->thread.join();
    }
}

void Server::serve_until_signal()
{
    asio::io_context io;
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([](const boost::system::error_code&, int) {});
    io.run();
    stop();
}

} // namespace apicat::gateway

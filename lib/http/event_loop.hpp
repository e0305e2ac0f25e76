#pragma once

// The I/O types of the gateway's event loops. Each server thread runs one io_context, and
// every socket and timer of that thread names the io_context's own executor rather
// than asio's default any_io_executor: the type-erased executor is copied, queried and
// destroyed at every step of every composed operation, which cost some 5% of the gateway's
// CPU per request (see docs/gateway.md, "Speed").

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>

namespace apicat::http {

using LoopExecutor = boost::asio::io_context::executor_type;
using LoopSocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, LoopExecutor>;
using LoopAcceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, LoopExecutor>;
using LoopTimer = boost::asio::basic_waitable_timer<
    std::chrono::steady_clock, boost::asio::wait_traits<std::chrono::steady_clock>, LoopExecutor>;

} // namespace apicat::http

#include "support/raw_server.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>

namespace apicat::test {

namespace {

sockaddr_in loopback(int port)
{
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    return address;
}

} // namespace

RawServer::RawServer(Behaviour behaviour)
    : behaviour_(std::move(behaviour))
{
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener_ >= 0);
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) == 0);
    REQUIRE(::listen(listener_, 64) == 0);
    REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

RawServer::~RawServer()
{
    stopping_ = true;
    acceptor_.join();
    {
        std::lock_guard lock(mutex_);
        for (int socket : open_) {
            ::shutdown(socket, SHUT_RDWR);
        }
    }
    for (std::thread& handler : handlers_) {
        handler.join();
    }
    ::close(listener_);
}

std::string RawServer::url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

// Polls with a short timeout so that the destructor's flag is seen without a wake-up pipe.
void RawServer::accept_loop()
{
    while (!stopping_) {
        pollfd ready{listener_, POLLIN, 0};
        if (::poll(&ready, 1, 20) <= 0) {
            continue;
        }
        const int socket = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
        if (socket < 0) {
            continue;
        }
        ++accepted_;
        std::lock_guard lock(mutex_);
        open_.insert(socket);
        handlers_.emplace_back([this, socket] {
            behaviour_(socket);
            {
                std::lock_guard closing(mutex_);
                open_.erase(socket);
            }
            ::close(socket);
        });
    }
}

std::string read_request_head(int socket)
{
    std::string head;
    char chunk[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
        const ssize_t got = ::recv(socket, chunk, sizeof chunk, 0);
        if (got <= 0) {
            break;
        }
        head.append(chunk, static_cast<std::size_t>(got));
    }
    return head;
}

void reset_on_close(int socket)
{
    const linger abort{1, 0};
    ::setsockopt(socket, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
}

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms)
{
    const int socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(socket >= 0);
    timeval timeout{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    const sockaddr_in address = loopback(port);
    REQUIRE(::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t count =
            ::send(socket, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (count <= 0) {
            break; // the server may refuse and close before reading everything
        }
        sent += static_cast<std::size_t>(count);
    }
    std::string received;
    char chunk[4096];
    ssize_t got = 0;
    while ((got = ::recv(socket, chunk, sizeof chunk, 0)) > 0) {
        received.append(chunk, static_cast<std::size_t>(got));
    }
    ::close(socket);
    return received;
}

} // namespace apicat::test

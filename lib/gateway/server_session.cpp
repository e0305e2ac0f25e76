#include "gateway/server_session.hpp"

#include "gateway/upstream_headers.hpp"
#include "http/message_head.hpp"
#include "http/upstream_call.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <utility>

namespace apicat::gateway {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using ClientRequest = bhttp::request<bhttp::string_body>;
using ClientResponse = bhttp::response<bhttp::string_body>;

// How long a closing connection reads (and drops) what the client still sends. Closing a
// socket with unread data makes the kernel reset the connection, and the client may then
// lose the response it was about to read.
constexpr std::chrono::seconds linger{2};
constexpr std::size_t drain_chunk = 4096;

std::string to_string(beast::string_view text)
{
    return {text.data(), text.size()};
}

std::string uppercase(beast::string_view text)
{
    std::string upper = to_string(text);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return upper;
}

// The query string may carry credentials, so logs get the path alone.
std::string path_of(beast::string_view target)
{
    return to_string(target.substr(0, target.find('?')));
}

Request to_gateway_request(ClientRequest& message)
{
    Request request;
    request.method = uppercase(message.method_string());
    request.target = to_string(message.target());
    for (const auto& field : message) {
        request.headers.push_back({to_string(field.name_string()), to_string(field.value())});
    }
    request.body = std::move(message.body());
    return request;
}

ClientResponse response_from(const Answer& answer)
{
    ClientResponse response;
    response.result(static_cast<unsigned>(answer.status));
    if (!answer.reason.empty()) {
        response.reason(answer.reason);
    }
    for (const http::Header& header : answer.headers) {
        response.insert(header.name, header.value);
    }
    erase_hop_by_hop(response);
    response.body() = answer.body;
    return response;
}

std::optional<std::uint64_t> content_length(const ClientResponse& response)
{
    const auto value = response[bhttp::field::content_length];
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return length;
}

// Sets Content-Length for the body actually sent, where HTTP wants one. A response to HEAD
// and a 304 carry no body, but may say how long it would have been: `length_without_body`.
void frame_body(ClientResponse& response, bool head_request,
                std::optional<std::uint64_t> length_without_body)
{
    const unsigned status = response.result_int();
    response.erase(bhttp::field::content_length);
    if (status < 200 || status == 204) {
        response.body().clear();
    } else if (head_request || status == 304) {
        response.body().clear();
        if (length_without_body) {
            response.content_length(*length_without_body);
        }
    } else {
        response.content_length(response.body().size());
    }
}

bool is_parse_error(const beast::error_code& error)
{
    return error.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

} // namespace

class ServerSession : public std::enable_shared_from_this<ServerSession> {
public:
    ServerSession(http::LoopSocket socket, const SessionSettings& settings,
                  http::UpstreamPool& pool, SessionRegistry& registry)
        : stream_(std::move(socket))
        , settings_(settings)
        , pool_(pool)
        , registry_(registry)
    {
    }
    ~ServerSession() { registry_.remove(this); }
    ServerSession(const ServerSession&) = delete;
    ServerSession& operator=(const ServerSession&) = delete;

    void start()
    {
        registry_.add(this);
        read_request();
    }
    void stop();

private:
    // reading: waiting for a request; busy: deciding, forwarding or writing its response;
    // closing: draining what the client still sends before the socket closes.
    enum class State { reading, busy, closing };

    void read_request();
    void on_header(const beast::error_code& error);
    void read_body();
    void on_read_error(const beast::error_code& error);
    void refuse(int status, const std::string& why);
    void handle();
    void decide(const Request& request);
    void forward(const Forward& forward);
    void on_upstream(http::UpstreamOutcome outcome);
    void answer(const Answer& given);
    void respond(ClientResponse response, std::optional<std::uint64_t> length_without_body);
    void log() const;
    void close();
    void drain();

    http::LoopStream stream_;
    const SessionSettings& settings_;
    http::UpstreamPool& pool_;
    SessionRegistry& registry_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    State state_ = State::reading;

    // About the request being answered.
    RequestLog log_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool head_request_ = false;
    std::string upstream_host_;
    std::vector<http::Header>
        gateway_headers_; // Forward::response_headers, for the relayed response
    std::chrono::steady_clock::time_point forwarded_at_;
    ClientResponse response_;   // kept here while it is written
    std::string response_head_; // response_'s head, as written
};

void ServerSession::stop()
{
    // A request that has started to arrive is served, without keep-alive.
    const bool idle = state_ == State::closing ||
                      (state_ == State::reading && (!parser_ || !parser_->got_some()));
    if (idle) {
        stream_.cancel();
    }
}

void ServerSession::read_request()
{
    state_ = State::reading;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(settings_.header_limit));
    parser_->body_limit(settings_.body_limit);
    stream_.expires_after(settings_.request_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](const beast::error_code& error,
                                                         std::size_t) { self->on_header(error); });
}

void ServerSession::on_header(const beast::error_code& error)
{
    if (error) {
        on_read_error(error);
        return;
    }
    if (parser_->is_done()) {
        handle(); // no body: another read would only post its completion back to this thread
        return;
    }
    if (!beast::iequals(parser_->get()[bhttp::field::expect], "100-continue")) {
        read_body();
        return;
    }
    // The client waits for this before it sends the body.
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_,
                                                                        parser_->get().version());
    bhttp::async_write(
        stream_, *interim,
        [self = shared_from_this(), interim](const beast::error_code& failure, std::size_t) {
            if (!failure) {
                self->read_body();
            }
        });
}

void ServerSession::read_body()
{
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                          if (error) {
                              self->on_read_error(error);
                          } else {
                              self->handle();
                          }
                      });
}

// The connection ends here: quietly when the client left or went quiet (on a timeout the
// stream has closed the socket already), with a 4xx when it sent something the gateway will
// not read.
void ServerSession::on_read_error(const beast::error_code& error)
{
    if (error == bhttp::error::header_limit) {
        refuse(431, "Request header fields larger than the gateway accepts");
    } else if (error == bhttp::error::body_limit) {
        refuse(413, "Request body larger than the gateway accepts");
    } else if (is_parse_error(error) && error != bhttp::error::end_of_stream &&
               error != bhttp::error::partial_message) {
        refuse(400, "Malformed HTTP request");
    }
}

void ServerSession::refuse(int status, const std::string& why)
{
    state_ = State::busy;
    log_ = RequestLog{};
    if (parser_->is_header_done()) {
        log_.method = uppercase(parser_->get().method_string());
        log_.path = path_of(parser_->get().target());
    }
    log_.error = why;
    version_ = 11;
    keep_alive_ = false;
    head_request_ = false;
    answer(error_answer(status, why));
}

void ServerSession::handle()
{
    state_ = State::busy;
    ClientRequest message = parser_->release();
    version_ = message.version();
    keep_alive_ = message.keep_alive();
    head_request_ = message.method() == bhttp::verb::head;
    log_ = RequestLog{};
    log_.method = uppercase(message.method_string());
    log_.path = path_of(message.target());
    decide(to_gateway_request(message));
}

void ServerSession::decide(const Request& request)
{
    Decision decision;
    try {
        decision = settings_.decide(request);
        log_.app = decision.app;
        if (const auto* now = std::get_if<Answer>(&decision.action)) {
            answer(*now);
            return;
        }
    } catch (const std::exception& error) {
        // The engine failing one request must not take the gateway down.
        log_.error = error.what();
        answer(error_answer(500, "The gateway failed to handle the request"));
        return;
    }
    forward(std::get<Forward>(decision.action));
}

void ServerSession::forward(const Forward& forward)
{
    upstream_host_ = forward.upstream_host;
    gateway_headers_ = forward.response_headers;
    forwarded_at_ = std::chrono::steady_clock::now();
    http::call_upstream(pool_, forward.request,
                        [self = shared_from_this()](http::UpstreamOutcome outcome) {
                            self->on_upstream(std::move(outcome));
                        });
}

void ServerSession::on_upstream(http::UpstreamOutcome outcome)
{
    log_.upstream_time = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - forwarded_at_);
    if (!outcome.response) {
        log_.error = outcome.failure;
        answer(upstream_failure_answer(outcome.failure_kind, upstream_host_, outcome.failure));
        return;
    }
    ClientResponse& relayed = *outcome.response;
    // The upstream's own length, as it answered HEAD or 304.
    const std::optional<std::uint64_t> declared_length = content_length(relayed);
    erase_hop_by_hop(relayed);
    for (const http::Header& header : gateway_headers_) {
        relayed.insert(header.name, header.value);
    }
    respond(std::move(relayed), declared_length);
}

void ServerSession::answer(const Answer& given)
{
    const std::optional<std::uint64_t> length_without_body =
        head_request_ ? std::optional<std::uint64_t>(given.body.size()) : std::nullopt;
    respond(response_from(given), length_without_body);
}

void ServerSession::respond(ClientResponse response,
                            std::optional<std::uint64_t> length_without_body)
{
    frame_body(response, head_request_, length_without_body);
    response.version(version_);
    const bool keep_alive = keep_alive_ && !registry_.stopping();
    response.keep_alive(keep_alive);
    log_.status = static_cast<int>(response.result_int());
    log();
    response_ = std::move(response);
    response_head_ = http::head_bytes(response_.base());
    stream_.expires_after(settings_.request_timeout);
    const std::array<asio::const_buffer, 2> bytes{asio::buffer(response_head_),
                                                  asio::buffer(response_.body())};
    asio::async_write(
        stream_, bytes,
        [self = shared_from_this(), keep_alive](const beast::error_code& error, std::size_t) {
            if (error) {
                return; // the client is gone: the session ends with it
            }
            self->response_ = {};
            self->response_head_.clear();
            if (keep_alive && !self->registry_.stopping()) {
                self->read_request();
            } else {
                self->close();
            }
        });
}

void ServerSession::log() const
{
    if (!settings_.log) {
        return;
    }
    try {
        settings_.log(log_);
    } catch (const std::exception&) {
        // The log is the operator's view, not part of the exchange: a full disk or a closed
        // stdout must not fail requests, so the response is written all the same.
    }
}

void ServerSession::close()
{
    state_ = State::closing;
    beast::error_code ignored; // the client may have gone already: nothing left to do then
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(linger);
    drain();
}

void ServerSession::drain()
{
    buffer_.clear();
    stream_.async_read_some(
        buffer_.prepare(drain_chunk),
        [self = shared_from_this()](const beast::error_code& error, std::size_t) {
            if (!error) {
                self->drain();
            }
        });
}

void SessionRegistry::stop_all()
{
    stopping_ = true;
    for (ServerSession* session : sessions_) {
        session->stop();
    }
}

void start_session(http::LoopSocket socket, const SessionSettings& settings,
                   http::UpstreamPool& pool, SessionRegistry& registry)
{
    beast::error_code ignored; // without it the session still works, only slower
    socket.set_option(tcp::no_delay(true), ignored);
    std::make_shared<ServerSession>(std::move(socket), settings, pool, registry)->start();
}

} // namespace apicat::gateway

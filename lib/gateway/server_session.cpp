#include "gateway/server_session.hpp"

#include "gateway/relayed_response.hpp"
#include "gateway/upstream_headers.hpp"
#include "http/message_head.hpp"
#include "http/message_parser.hpp"
#include "http/upstream_call.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>

#include <algorithm>
#include <array>
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
using Clock = std::chrono::steady_clock;

// How long a closing connection reads (and drops) what the client still sends. Closing a
// socket with unread data makes the kernel reset the connection, and the client may then
// lose the response it was about to read.
constexpr std::chrono::seconds linger{2};
constexpr std::size_t drain_chunk = 4096;
// A read asks for what the buffer has room for, within these bounds.
constexpr std::size_t smallest_read = 4096;
constexpr std::size_t largest_read = 64 * 1024;
// A request body's memory is kept for the connection's next request up to this size; a larger
// one (up to the body limit) is given back rather than held while the connection idles.
constexpr std::size_t body_kept = 64 * 1024;

constexpr std::string_view continue_1_1 = "HTTP/1.1 100 Continue\r\n\r\n";
constexpr std::string_view continue_1_0 = "HTTP/1.0 100 Continue\r\n\r\n";

// The query string may carry credentials, so logs get the path alone.
std::string path_of(std::string_view target)
{
    return std::string(target.substr(0, target.find('?')));
}

const http::Header* first_header(const std::vector<http::Header>& headers, std::string_view name)
{
    const auto found = std::find_if(headers.begin(), headers.end(), [name](const auto& header) {
        return util::equal_ignoring_case(header.name, name);
    });
    return found == headers.end() ? nullptr : &*found;
}

std::optional<std::uint64_t> content_length(const std::vector<http::Header>& headers)
{
    const http::Header* header = first_header(headers, "content-length");
    if (!header) {
        return std::nullopt;
    }
    const std::string& value = header->value;
    std::uint64_t length = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return length;
}

bool is_parse_error(const beast::error_code& error)
{
    return error.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

} // namespace

// The session reads and writes its socket itself, with Beast's parser (http/message_parser.hpp)
// reading the request into a Request it keeps from one request to the next, and one timer for
// the deadline of whatever the session is waiting for. Beast's own stream armed and cancelled a
// timer for every read and every write, and its message allocated every field, which together
// were some 15% of the gateway's CPU per request (docs/gateway.md, "Speed").
class ServerSession : public std::enable_shared_from_this<ServerSession> {
public:
    ServerSession(http::LoopSocket socket, const SessionSettings& settings,
                  http::UpstreamPool& pool, SessionRegistry& registry)
        : socket_(std::move(socket))
        , timer_(socket_.get_executor())
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
    void parse_buffered();
    void read_more();
    void on_read(const beast::error_code& error, std::size_t received);
    void send_continue();
    void on_read_error(const beast::error_code& error);
    void refuse(int status, const std::string& why);
    void handle();
    void decide();
    void forward(Forward forward);
    void on_upstream(http::UpstreamOutcome outcome);
    void answer(const Answer& given);
    void respond(int status, std::string_view reason, const std::vector<http::Header>& headers,
                 std::string body, std::optional<std::uint64_t> length_without_body);
    void log();
    void close();
    void drain();
    void finish();

    // The deadline: when it passes, the socket closes and the pending read or write fails, or
    // the upstream call under way times out. Moving it later only records the time; the timer,
    // when it fires, waits again for the time recorded then. Only an earlier deadline re-arms
    // the timer at once.
    void set_deadline(Clock::duration from_now);
    void clear_deadline() { deadline_ = Clock::time_point::max(); }
    void arm_timer();
    void on_timer(const beast::error_code& error);

    http::LoopSocket socket_;
    http::LoopTimer timer_;
    Clock::time_point deadline_ = Clock::time_point::max();
    Clock::time_point timer_expiry_; // while timer_armed_
    bool timer_armed_ = false;
    const SessionSettings& settings_;
    http::UpstreamPool& pool_;
    SessionRegistry& registry_;
    beast::flat_buffer buffer_;
    Request request_; // the one being read or answered; its strings' memory serves the next
    std::optional<http::RequestParser> parser_;
    bool continue_checked_ = false;
    State state_ = State::reading;

    // About the request being answered.
    RequestLog log_;
    unsigned version_ = 11;
    bool keep_alive_ = false;
    bool head_request_ = false;
    Forward forward_; // while the upstream answers: what it was sent, and its URL for a failure
    std::weak_ptr<http::UpstreamExchange> upstream_; // while it answers
    Clock::time_point received_at_;                  // when the request was read (or refused)
    Clock::time_point forwarded_at_;
    std::string response_head_; // the response being written: its head and its body
    std::string response_body_;
};

void ServerSession::stop()
{
    // A request that has started to arrive is served, without keep-alive.
    const bool idle = state_ == State::closing ||
                      (state_ == State::reading && (!parser_ || !parser_->got_some()));
    if (idle) {
        beast::error_code ignored; // a socket already closed has nothing to cancel
        socket_.cancel(ignored);
    }
}

void ServerSession::read_request()
{
    state_ = State::reading;
    if (request_.body.capacity() > body_kept) {
        request_.body = std::string();
    }
    parser_.emplace(request_.method, request_.target, request_.headers, request_.body);
    parser_->header_limit(static_cast<std::uint32_t>(settings_.header_limit));
    parser_->body_limit(settings_.body_limit);
    parser_->eager(true);
    continue_checked_ = false;
    set_deadline(settings_.request_timeout);
    parse_buffered();
}

// Parses what the buffer holds (a pipelined request, or the body that came with the head),
// then handles the request or reads more of it.
void ServerSession::parse_buffered()
{
    beast::error_code error;
    while (buffer_.size() > 0 && !parser_->is_done()) {
        const std::size_t used = parser_->put(buffer_.data(), error);
        buffer_.consume(used);
        if (error == bhttp::error::need_more) {
            break;
        }
        if (error) {
            on_read_error(error);
            return;
        }
    }
    if (parser_->is_done()) {
        handle();
        return;
    }
    if (parser_->is_header_done() && !continue_checked_) {
        continue_checked_ = true;
        const http::Header* expect = first_header(request_.headers, "expect");
        if (expect && util::equal_ignoring_case(expect->value, "100-continue")) {
            send_continue(); // the client waits for it before it sends the body
            return;
        }
    }
    read_more();
}

void ServerSession::read_more()
{
    const std::size_t room = buffer_.capacity() - buffer_.size();
    socket_.async_read_some(
        buffer_.prepare(std::clamp(room, smallest_read, largest_read)),
        [self = shared_from_this()](const beast::error_code& error, std::size_t received) {
            self->on_read(error, received);
        });
}

void ServerSession::on_read(const beast::error_code& error, std::size_t received)
{
    buffer_.commit(received);
    if (!error) {
        parse_buffered();
        return;
    }
    // The client left, reset the connection or went quiet past the deadline (which closed the
    // socket), or the gateway is stopping: the connection ends quietly, as it does when the
    // request stops halfway.
    finish();
}

void ServerSession::send_continue()
{
    const std::string_view interim = parser_->version() >= 11 ? continue_1_1 : continue_1_0;
    asio::async_write(socket_, asio::buffer(interim.data(), interim.size()),
                      [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                          if (error) {
                              self->finish();
                          } else {
                              self->read_more();
                          }
                      });
}

// The request cannot be read: with a 4xx when the client sent something the gateway will not
// read, and the connection ends.
void ServerSession::on_read_error(const beast::error_code& error)
{
    if (error == bhttp::error::header_limit) {
        refuse(431, "Request header fields larger than the gateway accepts");
    } else if (error == bhttp::error::body_limit) {
        refuse(413, "Request body larger than the gateway accepts");
    } else if (is_parse_error(error)) {
        refuse(400, "Malformed HTTP request");
    } else {
        finish();
    }
}

void ServerSession::refuse(int status, const std::string& why)
{
    state_ = State::busy;
    log_ = RequestLog{};
    if (parser_->is_header_done()) {
        request_.method = util::to_upper(std::move(request_.method));
        log_.method = request_.method;
        log_.path = path_of(request_.target);
    }
    log_.error = why;
    received_at_ = Clock::now();
    version_ = 11;
    keep_alive_ = false;
    head_request_ = false;
    answer(error_answer(status, why));
}

void ServerSession::handle()
{
    state_ = State::busy;
    clear_deadline();
    received_at_ = Clock::now();
    version_ = parser_->version();
    keep_alive_ = parser_->keep_alive();
    head_request_ = parser_->verb() == bhttp::verb::head;
    request_.method = util::to_upper(std::move(request_.method));
    log_ = RequestLog{};
    if (settings_.log) {
        log_.method = request_.method;
        log_.path = path_of(request_.target);
    }
    decide();
}

void ServerSession::decide()
{
    Decision decision;
    try {
        decision = settings_.decide(request_);
        log_.app = std::move(decision.app);
        log_.facts = std::move(decision.facts);
        if (const auto* now = std::get_if<Answer>(&decision.action)) {
            answer(*now);
            return;
        }
    } catch (const std::exception& error) {
        // The engine failing one request must not take the gateway down. An app it does not
        // hold while its store is away cannot be checked: that is the store's outage, not a
        // fault of the gateway.
        log_.error = error.what();
        answer(dynamic_cast<const store::Unreachable*>(&error) != nullptr
                   ? error_answer(503, "The gateway cannot reach its store")
                   : error_answer(500, "The gateway failed to handle the request"));
        return;
    }
    forward(std::move(std::get<Forward>(decision.action)));
}

void ServerSession::forward(Forward forward)
{
    forward_ = std::move(forward);
    forwarded_at_ = Clock::now();
    // The session's timer bounds the call too: one timer per connection, not one per call.
    if (forward_.request.timeout.count() > 0) {
        set_deadline(forward_.request.timeout);
    }
    upstream_ = http::call_upstream(
        pool_, forward_.request,
        [self = shared_from_this()](http::UpstreamOutcome outcome) {
            self->on_upstream(std::move(outcome));
        },
        http::Deadline::caller);
}

void ServerSession::on_upstream(http::UpstreamOutcome outcome)
{
    upstream_.reset();
    clear_deadline();
    // Taken out, so that the request's body and headers are not held past the call.
    const Forward forward = std::move(forward_);
    forward_ = Forward{};
    log_.upstream_time =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - forwarded_at_);
    if (!outcome.response) {
        log_.error = outcome.failure;
        answer(failed_forward_answer(forward, outcome.failure_kind, outcome.failure));
        return;
    }
    http::Response& relayed = *outcome.response;
    // The upstream's own length, as it answered HEAD or 304.
    const std::optional<std::uint64_t> declared_length = content_length(relayed.headers);
    erase_hop_by_hop(relayed.headers);
    add_gateway_fields(forward, relayed.headers);
    respond(relayed.status, relayed.reason, relayed.headers, std::move(relayed.body),
            declared_length);
}

void ServerSession::answer(const Answer& given)
{
    const std::optional<std::uint64_t> length_without_body =
        head_request_ ? std::optional<std::uint64_t>(given.body.size()) : std::nullopt;
    std::vector<http::Header> headers = given.headers;
    erase_hop_by_hop(headers);
    respond(given.status, given.reason, headers, given.body, length_without_body);
}

// Writes the response with Content-Length for the body actually sent, where HTTP wants one. A
// response to HEAD and a 304 carry no body, but may say how long it would have been:
// `length_without_body`.
void ServerSession::respond(int status, std::string_view reason,
                            const std::vector<http::Header>& headers, std::string body,
                            std::optional<std::uint64_t> length_without_body)
{
    http::ResponseHead head{version_, status, reason, std::nullopt,
                            keep_alive_ && !registry_.stopping()};
    if (status < 200 || status == 204) {
        body.clear();
    } else if (head_request_ || status == 304) {
        body.clear();
        head.content_length = length_without_body;
    } else {
        head.content_length = body.size();
    }
    log_.status = status;
    if (settings_.log) {
        log_.latency =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - received_at_);
    }
    log();
    http::write_response_head(head, headers, response_head_);
    response_body_ = std::move(body);
    set_deadline(settings_.request_timeout);
    const std::array<asio::const_buffer, 2> bytes{asio::buffer(response_head_),
                                                  asio::buffer(response_body_)};
    asio::async_write(socket_, bytes,
                      [self = shared_from_this(),
                       keep_alive = head.keep_alive](const beast::error_code& error, std::size_t) {
                          if (error) {
                              self->finish(); // the client is gone: the session ends with it
                              return;
                          }
                          // Given back: the next body is the next response's own string.
                          self->response_body_ = std::string();
                          if (keep_alive && !self->registry_.stopping()) {
                              self->read_request();
                          } else {
                              self->close();
                          }
                      });
}

void ServerSession::log()
{
    if (!settings_.log) {
        return;
    }
    try {
        settings_.log(std::move(log_)); // reset for the next request before it is read
    } catch (const std::exception&) {
        // The log is the operator's view, not part of the exchange: a full disk or a closed
        // stdout must not fail requests, so the response is written all the same.
    }
}

void ServerSession::close()
{
    state_ = State::closing;
    beast::error_code ignored; // the client may have gone already: nothing left to do then
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    set_deadline(linger);
    drain();
}

void ServerSession::drain()
{
    buffer_.clear();
    socket_.async_read_some(
        buffer_.prepare(drain_chunk),
        [self = shared_from_this()](const beast::error_code& error, std::size_t) {
            if (error) {
                self->finish();
            } else {
                self->drain();
            }
        });
}

// Nothing is pending on the socket any more: cancelling the timer lets the session go now
// rather than when the deadline would have passed.
void ServerSession::finish()
{
    clear_deadline();
    timer_.cancel();
}

void ServerSession::set_deadline(Clock::duration from_now)
{
    deadline_ = Clock::now() + from_now;
    if (!timer_armed_ || deadline_ < timer_expiry_) {
        arm_timer();
    }
}

void ServerSession::arm_timer()
{
    timer_armed_ = true;
    timer_expiry_ = deadline_;
    timer_.expires_at(deadline_); // a wait pending ends with operation_aborted
    timer_.async_wait(
        [self = shared_from_this()](const beast::error_code& error) { self->on_timer(error); });
}

void ServerSession::on_timer(const beast::error_code& error)
{
    if (error) {
        return; // re-armed (the new wait is pending) or cancelled by finish()
    }
    timer_armed_ = false;
    if (deadline_ == Clock::time_point::max()) {
        return; // nothing waits: the next set_deadline() arms the timer again
    }
    if (Clock::now() < deadline_) {
        arm_timer();
        return;
    }
    if (const auto call = upstream_.lock()) {
        call->time_out(); // the upstream took too long: the caller gets a 504
        return;
    }
    beast::error_code ignored; // closed already, when the client left at the same time
    socket_.close(ignored);
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

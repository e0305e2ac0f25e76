#include "http/upstream_call.hpp"

#include "http/message_head.hpp"
#include "http/message_parser.hpp"
#include "http/upstream_url.hpp"
#include "util/text.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <fmt/format.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace apicat::http {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// Upstreams send larger headers than clients do (many cookies, long policies).
constexpr std::size_t response_header_limit = 64 * 1024;
// A read asks for what the buffer has room for, within these bounds.
constexpr std::size_t smallest_read = 4096;
constexpr std::size_t largest_read = 64 * 1024;
// The limit when a request leaves its connect timeout at zero, as http::Request says.
constexpr std::chrono::milliseconds default_connect_timeout{300000};

bool idempotent(bhttp::verb method)
{
    using bhttp::verb;
    return method == verb::get || method == verb::head || method == verb::put ||
           method == verb::delete_ || method == verb::options || method == verb::trace;
}

// A body is framed with Content-Length when there is one, and for the methods that expect one.
std::string upstream_head(const http::Request& from, const UpstreamUrl& url,
                          const std::string& target, bhttp::verb method)
{
    const bool framed = !from.body.empty() || method == bhttp::verb::post ||
                        method == bhttp::verb::put || method == bhttp::verb::patch;
    return request_head(from.method, target, from.headers, url.host_header,
                        framed ? std::optional<std::uint64_t>(from.body.size()) : std::nullopt);
}

// One exchange. It keeps itself alive through the handlers it has pending; every step runs on
// the pool's thread, so nothing here needs a lock.
class UpstreamCall final : public UpstreamExchange,
                           public std::enable_shared_from_this<UpstreamCall> {
public:
    UpstreamCall(UpstreamPool& pool, std::shared_ptr<const UpstreamOrigin> origin,
                 const std::string& target, const http::Request& request,
                 std::function<void(UpstreamOutcome)> done, Deadline deadline)
        : pool_(pool)
        , origin_(std::move(origin))
        , url_(origin_->url)
        , method_(bhttp::string_to_verb(request.method))
        , request_head_(upstream_head(request, url_, target, method_))
        , body_(request.body)
        , timeout_(request.timeout)
        , connect_timeout_(request.connect_timeout.count() > 0 ? request.connect_timeout
                                                               : default_connect_timeout)
        , max_body_(request.max_response_body)
        , done_(std::move(done))
        , deadline_(pool.io().get_executor())
        , own_timer_(deadline == Deadline::own_timer && request.timeout.count() > 0)
    {
    }

    void start();
    void time_out() override { on_deadline({}); }

private:
    void resolve();
    void connect();
    void handshake();
    void send();
    void receive();
    void parse_buffered();
    void read_more();
    void on_read(const beast::error_code& error, std::size_t received);
    void on_received(const beast::error_code& error);
    void on_deadline(const beast::error_code& error);
    bool failed(const beast::error_code& error, const char* step);
    bool retry_on_fresh_connection(const beast::error_code& error);
    std::string describe(const beast::error_code& error, const char* step) const;
    http::TransportFailure kind_of(const beast::error_code& error, const char* step) const;

    UpstreamPool& pool_;
    std::shared_ptr<const UpstreamOrigin> origin_;
    const UpstreamUrl& url_; // origin_'s
    bhttp::verb method_;     // unknown for a method Beast has no name for
    std::string request_head_;
    std::string body_;
    std::chrono::milliseconds timeout_;
    std::chrono::milliseconds connect_timeout_;
    std::size_t max_body_;
    std::function<void(UpstreamOutcome)> done_;
    // Made when needed: each takes a lock of the io_context's to make, and a request on a kept
    // connection to an address needs neither.
    std::optional<tcp::resolver> resolver_;
    std::vector<tcp::endpoint> endpoints_; // where resolve() found the upstream
    LoopTimer deadline_;                   // when own_timer_
    bool own_timer_;
    std::optional<LoopTimer> connect_timer_; // for a new connection only, as the resolver
    std::unique_ptr<UpstreamConnection> connection_;
    Response response_;                    // as parser_ reads it
    std::optional<ResponseParser> parser_; // a new one for each response read
    bool connecting_ = false;
    bool connect_timed_out_ = false;
    bool reused_ = false;
    bool retried_ = false;
    bool timed_out_ = false;
    bool finished_ = false;
};

void UpstreamCall::start()
{
    // Zero means no limit (http/message.hpp).
    if (own_timer_) {
        deadline_.expires_after(timeout_);
        deadline_.async_wait([self = shared_from_this()](const beast::error_code& error) {
            self->on_deadline(error);
        });
    }
    connection_ = pool_.take(origin_->key,
                             idempotent(method_) ? OpenCheck::unread_bytes : OpenCheck::ask_kernel);
    reused_ = connection_ != nullptr;
    if (reused_) {
        send();
    } else {
        resolve();
    }
}

void UpstreamCall::resolve()
{
    // An address needs no lookup, and asio looks names up on a thread of its own, which a
    // process making one call (`apicat invoke`) would start for nothing.
    if (origin_->address) {
        endpoints_.assign(1, tcp::endpoint(*origin_->address,
                                           static_cast<unsigned short>(std::stoul(url_.port))));
        connect();
        return;
    }
    resolver_.emplace(pool_.io());
    resolver_->async_resolve(url_.host, url_.port,
                             [self = shared_from_this()](const beast::error_code& error,
                                                         const tcp::resolver::results_type& found) {
                                 if (!self->failed(error, "resolve")) {
                                     self->endpoints_.assign(found.begin(), found.end());
                                     self->connect();
                                 }
                             });
}

void UpstreamCall::connect()
{
    connection_ =
        std::make_unique<UpstreamConnection>(pool_.io(), url_.tls ? &pool_.tls_context() : nullptr);
    connect_timer_.emplace(pool_.io().get_executor(), connect_timeout_);
    connect_timer_->async_wait([self = shared_from_this()](const beast::error_code& error) {
        if (!error && !self->finished_ && self->connecting_) {
            self->connect_timed_out_ = true;
            self->connection_->tcp().close(); // the connect below fails with operation_aborted
        }
    });
    connecting_ = true;
    asio::async_connect(
        connection_->tcp(), endpoints_,
        [self = shared_from_this()](const beast::error_code& error, const tcp::endpoint&) {
            self->connecting_ = false;
            self->connect_timer_->cancel();
            if (self->failed(error, "connect")) {
                return;
            }
            beast::error_code ignored; // a socket that refuses it is still usable
            self->connection_->tcp().set_option(tcp::no_delay(true), ignored);
            if (self->url_.tls) {
                self->handshake();
            } else {
                self->send();
            }
        });
}

void UpstreamCall::handshake()
{
    auto& stream = connection_->tls_stream();
    // SNI carries host names only; virtual hosts behind one address need it to pick a
    // certificate.
    if (!origin_->address) {
        SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                 const_cast<char*>(url_.host.c_str()));
    }
    stream.set_verify_callback(asio::ssl::host_name_verification(url_.host));
    stream.async_handshake(asio::ssl::stream_base::client,
                           [self = shared_from_this()](const beast::error_code& error) {
                               if (!self->failed(error, "handshake")) {
                                   self->send();
                               }
                           });
}

void UpstreamCall::send()
{
    const std::array<asio::const_buffer, 2> bytes{asio::buffer(request_head_), asio::buffer(body_)};
    connection_->with_stream([this, &bytes](auto& stream) {
        asio::async_write(stream, bytes,
                          [self = shared_from_this()](const beast::error_code& error, std::size_t) {
                              if (!self->failed(error, "send")) {
                                  self->receive();
                              }
                          });
    });
}

void UpstreamCall::receive()
{
    parser_.emplace(response_);
    parser_->header_limit(response_header_limit);
    parser_->body_limit(max_body_);
    // The response to HEAD has a Content-Length but no body.
    parser_->skip(method_ == bhttp::verb::head);
    parse_buffered();
}

// Parses what the connection's buffer holds, then reads more or ends. A small response's body
// mostly comes in the read that brought its head, and is parsed at once.
void UpstreamCall::parse_buffered()
{
    beast::flat_buffer& buffer = connection_->buffer();
    beast::error_code error;
    while (!parser_->is_done() && buffer.size() > 0) {
        const std::size_t used = parser_->put(buffer.data(), error);
        buffer.consume(used);
        if (error == bhttp::error::need_more) {
            error = {};
            break;
        }
        if (error || used == 0) {
            break;
        }
        // The head alone first, so that a Content-Length over the body limit is refused
        // before any of the body is taken; then as much of the body as each read brings.
        parser_->eager(parser_->is_header_done());
    }
    if (error || parser_->is_done()) {
        on_received(error);
    } else {
        read_more();
    }
}

void UpstreamCall::read_more()
{
    beast::flat_buffer& buffer = connection_->buffer();
    const std::size_t room = buffer.capacity() - buffer.size();
    const auto space = buffer.prepare(std::clamp(room, smallest_read, largest_read));
    connection_->with_stream([this, space](auto& stream) {
        stream.async_read_some(space, [self = shared_from_this()](const beast::error_code& error,
                                                                  std::size_t received) {
            self->on_read(error, received);
        });
    });
}

void UpstreamCall::on_read(const beast::error_code& error, std::size_t received)
{
    connection_->buffer().commit(received);
    if (error == asio::error::eof) {
        // The upstream closed the connection: the end of a body that runs until then, or of
        // a response cut short (partial_message), or of none at all (end_of_stream).
        beast::error_code end = bhttp::error::end_of_stream;
        if (parser_->got_some()) {
            parser_->put_eof(end);
        }
        on_received(end);
        return;
    }
    if (error) {
        failed(error, "receive");
        return;
    }
    parse_buffered();
}

void UpstreamCall::on_received(const beast::error_code& error)
{
    if (error ? failed(error, "receive") : finished_) {
        return;
    }
    // An interim response (102 Processing, an unasked-for 100 Continue): the real one follows.
    if (parser_->status() / 100 == 1) {
        receive();
        return;
    }
    finished_ = true;
    if (own_timer_) {
        deadline_.cancel();
    }
    const bool reusable = parser_->keep_alive();
    UpstreamOutcome outcome;
    outcome.response = std::move(response_);
    if (reusable) {
        pool_.give_back(origin_->key, std::move(connection_));
    }
    done_(std::move(outcome));
}

void UpstreamCall::on_deadline(const beast::error_code& error)
{
    if (error || finished_) {
        return;
    }
    // Cancelling makes the pending step fail with operation_aborted, and failed() reports
    // the timeout.
    timed_out_ = true;
    if (resolver_) {
        resolver_->cancel();
    }
    if (connection_) {
        beast::error_code ignored; // a socket closed already has nothing pending
        connection_->tcp().cancel(ignored);
    }
}

// Reports the failure and returns true when `error` (or the deadline) ends the exchange.
bool UpstreamCall::failed(const beast::error_code& given, const char* step)
{
    // The connect timer closed the socket: the connect failed by taking too long.
    const beast::error_code error = connect_timed_out_ ? beast::error::timeout : given;
    if (finished_) {
        return true;
    }
    if (!error && !timed_out_) {
        return false;
    }
    if (retry_on_fresh_connection(error)) {
        return true;
    }
    finished_ = true;
    if (own_timer_) {
        deadline_.cancel();
    }
    connection_.reset();
    UpstreamOutcome outcome;
    outcome.failure_kind = kind_of(error, step);
    outcome.failure = describe(error, step);
    done_(std::move(outcome));
    return true;
}

// An upstream may close an idle connection just as the gateway reuses it. A request that got
// no answer at all on a reused connection is sent again on a new one, when sending it twice
// would do no harm.
bool UpstreamCall::retry_on_fresh_connection(const beast::error_code& error)
{
    if (!reused_ || retried_ || timed_out_ || error == beast::error::timeout ||
        (parser_ && parser_->got_some()) || !idempotent(method_)) {
        return false;
    }
    retried_ = true;
    reused_ = false;
    connection_.reset();
    parser_.reset();
    resolve();
    return true;
}

std::string UpstreamCall::describe(const beast::error_code& error, const char* step) const
{
    if (timed_out_) {
        return fmt::format("no response within {} ms", timeout_.count());
    }
    if (error == beast::error::timeout) {
        return fmt::format("cannot connect within {} ms", connect_timeout_.count());
    }
    if (error == bhttp::error::body_limit) {
        return fmt::format("response body larger than {} bytes", max_body_);
    }
    if (error == asio::error::connection_refused) {
        return "connection refused";
    }
    if (error == bhttp::error::end_of_stream) {
        return "the connection closed before a response came";
    }
    if (error == bhttp::error::partial_message) {
        return "the connection closed in the middle of the response";
    }
    if (error.category() == bhttp::make_error_code(bhttp::error::bad_version).category()) {
        return fmt::format("the response is not valid HTTP ({})", error.message());
    }
    const std::string_view at = step;
    const std::string what = at == "resolve"     ? fmt::format("cannot resolve '{}'", url_.host)
                             : at == "connect"   ? std::string("cannot connect")
                             : at == "handshake" ? std::string("TLS handshake failed")
                                                 : std::string("connection lost");
    return fmt::format("{}: {}", what, util::lowercase_first(error.message()));
}

// describe()'s cases, in the words both HTTP clients share.
http::TransportFailure UpstreamCall::kind_of(const beast::error_code& error, const char* step) const
{
    using enum http::TransportFailure;
    if (timed_out_ || error == beast::error::timeout) {
        return timeout;
    }
    if (error == bhttp::error::body_limit || error == bhttp::error::header_limit) {
        return too_large;
    }
    if (error == bhttp::error::end_of_stream || error == bhttp::error::partial_message) {
        return closed;
    }
    if (error.category() == bhttp::make_error_code(bhttp::error::bad_version).category()) {
        return bad_response;
    }
    const std::string_view at = step;
    return at == "resolve" ? resolve : at == "connect" ? connect : at == "handshake" ? tls : closed;
}

} // namespace

std::shared_ptr<UpstreamExchange> call_upstream(UpstreamPool& pool, const Request& request,
                                                std::function<void(UpstreamOutcome)> done,
                                                Deadline deadline)
{
    auto parsed = pool.parse(request.url);
    if (!parsed) {
        // The URL itself stays out of the message: it may carry the upstream's own key.
        asio::post(pool.io(), [done = std::move(done)] {
            UpstreamOutcome outcome;
            outcome.failure_kind = http::TransportFailure::invalid_url;
            outcome.failure = "invalid upstream URL";
            done(std::move(outcome));
        });
        return nullptr;
    }
    auto call = std::make_shared<UpstreamCall>(pool, std::move(parsed->first), parsed->second,
                                               request, std::move(done), deadline);
    call->start();
    return call;
}

} // namespace apicat::http

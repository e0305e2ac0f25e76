#include "http/client.hpp"

#include "http/upstream_call.hpp"
#include "http/upstream_pool.hpp"
#include "http/upstream_url.hpp"
#include "util/text.hpp"

#include <boost/asio/io_context.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>
#include <utility>

namespace apicat::http {

namespace {

constexpr int max_redirects = 5;

bool has_header(const std::vector<Header>& headers, std::string_view name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const Header& header) {
        return util::equal_ignoring_case(header.name, name);
    });
}

// A method goes onto the request line verbatim, so it must be an RFC 9110 token.
void check_method(const std::string& method)
{
    const auto is_token_char = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view{"!#$%&'*+-.^_`|~"}.find(c) != std::string_view::npos;
    };
    if (method.empty() || !std::all_of(method.begin(), method.end(), is_token_char)) {
        throw Error(fmt::format("invalid http method \"{}\"", method));
    }
}

// Header lines go out as given, so a line break would smuggle in another header.
void check_header(const Header& header)
{
    const auto breaks = [](const std::string& text) {
        return text.find_first_of("\r\n") != std::string::npos;
    };
    if (header.name.empty() || breaks(header.name) || breaks(header.value) ||
        header.name.find(':') != std::string::npos) {
        throw Error(fmt::format("invalid http header \"{}\"", header.name));
    }
}

std::optional<std::string> location_of(const Response& response)
{
    if (response.status != 301 && response.status != 302 && response.status != 303 &&
        response.status != 307 && response.status != 308) {
        return std::nullopt;
    }
    for (const Header& header : response.headers) {
        if (util::equal_ignoring_case(header.name, "Location") && !header.value.empty()) {
            return header.value;
        }
    }
    return std::nullopt;
}

// A Location made absolute against the URL that sent it (RFC 3986 section 5.2, without
// removing dot segments, which servers resolve themselves).
std::string resolve_location(const std::string& base, const std::string& location)
{
    const std::size_t scheme_end = location.find("://");
    if (scheme_end != std::string::npos && location.find_first_of("/?#") > scheme_end) {
        return location;
    }
    const std::size_t authority = base.find("://") + 3;
    if (location.starts_with("//")) {
        return base.substr(0, authority - 2) + location;
    }
    const std::size_t path = std::min(base.find_first_of("/?#", authority), base.size());
    if (location.starts_with('/')) {
        return base.substr(0, path) + location;
    }
    const std::size_t path_end = std::min(base.find_first_of("?#", path), base.size());
    const std::size_t last_slash = base.rfind('/', path_end);
    const std::string directory = last_slash == std::string::npos || last_slash < path
                                      ? base.substr(0, path) + "/"
                                      : base.substr(0, last_slash + 1);
    return directory + location;
}

// What a followed redirect asks for next: as browsers and curl do, a 303 (and a 301 or 302
// to a POST) becomes a GET without the body.
Request redirected(const Request& request, const std::string& url, int status)
{
    Request next = request;
    next.url = url;
    if (status == 303 ? request.method != "HEAD" : status <= 302 && request.method == "POST") {
        next.method = "GET";
        next.body.clear();
        std::erase_if(next.headers, [](const Header& header) {
            return util::equal_ignoring_case(header.name, "Content-Type") ||
                   util::equal_ignoring_case(header.name, "Content-Length");
        });
    }
    return next;
}

} // namespace

TransportError::TransportError(TransportFailure kind, std::string host, std::string authority,
                               std::string detail)
    : Error(authority.empty() ? detail : fmt::format("{}: {}", authority, detail))
    , kind_(kind)
    , host_(std::move(host))
    , detail_(std::move(detail))
{
}

struct Client::Impl {
    boost::asio::io_context io{1};
    UpstreamTls tls;
    UpstreamPool pool{io, tls};

    Response send(const Request& request);
    Response exchange(const Request& request, const UpstreamUrl& url);
};

Response Client::Impl::send(const Request& request)
{
    check_method(request.method);
    for (const Header& header : request.headers) {
        check_header(header);
    }
    Request outgoing = request;
    if (!has_header(outgoing.headers, "User-Agent")) {
        outgoing.headers.push_back({"User-Agent", "apicat/" APICAT_VERSION});
    }
    for (int hops = 0;; ++hops) {
        const std::optional<UpstreamUrl> url = parse_upstream_url(outgoing.url);
        if (!url) {
            throw TransportError(
                TransportFailure::invalid_url, "", "",
                fmt::format("unsupported url \"{}\": only http and https urls with a host are "
                            "allowed",
                            outgoing.url));
        }
        Response response = exchange(outgoing, *url);
        const std::optional<std::string> location =
            outgoing.follow_redirects ? location_of(response) : std::nullopt;
        if (!location) {
            return response;
        }
        const std::string next = resolve_location(outgoing.url, *location);
        if (hops == max_redirects) {
            throw TransportError(
                TransportFailure::other, url->host, url->host + ":" + url->port,
                fmt::format("more than {} redirects, the last to \"{}\"", max_redirects, next));
        }
        outgoing = redirected(outgoing, next, response.status);
    }
}

Response Client::Impl::exchange(const Request& request, const UpstreamUrl& url)
{
    std::optional<UpstreamOutcome> outcome;
    call_upstream(pool, request, [&outcome](UpstreamOutcome done) { outcome = std::move(done); });
    // Runs until the exchange is over: an idle kept connection has no pending operation.
    io.restart();
    io.run();
    if (!outcome || !outcome->response) {
        throw TransportError(outcome ? outcome->failure_kind : TransportFailure::other, url.host,
                             url.host + ":" + url.port,
                             outcome ? outcome->failure : "the exchange did not finish");
    }
    return std::move(*outcome->response);
}

Client::Client()
    : impl_(std::make_unique<Impl>())
{
}

Client::~Client() = default;
Client::Client(Client&& other) noexcept = default;
Client& Client::operator=(Client&& other) noexcept = default;

Response Client::send(const Request& request)
{
    // A moved-from client gets a fresh event loop rather than a null dereference.
    if (!impl_) {
        impl_ = std::make_unique<Impl>();
    }
    return impl_->send(request);
}

Response get(const std::string& url, std::chrono::milliseconds timeout)
{
    Request request;
    request.url = url;
    request.timeout = timeout;
    request.follow_redirects = true;
    return Client{}.send(request);
}

} // namespace apicat::http

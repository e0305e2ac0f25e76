#include "http/client.hpp"

#include "http/response_head.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>
#include <mutex>
#include <new>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace apicat::http {

namespace {

constexpr long max_redirects = 5;
// libcurl's own limit when CURLOPT_CONNECTTIMEOUT_MS is zero.
constexpr long long default_connect_timeout_ms = 300000;

std::string lowercase_first(std::string text)
{
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
        text.pop_back();
    }
    return text;
}

bool equals_ignoring_case(std::string_view a, std::string_view b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) ==
               std::tolower(static_cast<unsigned char>(y));
    });
}

bool has_header(const std::vector<Header>& headers, std::string_view name)
{
    return std::any_of(headers.begin(), headers.end(), [&](const Header& header) {
        return equals_ignoring_case(header.name, name);
    });
}

// curl_global_init is not thread-safe and must run before any handle exists. It is never
// undone: curl_global_cleanup at exit could race other threads, and exit frees it all anyway.
void init_curl_once()
{
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (result != CURLE_OK) {
        throw Error("cannot initialize libcurl: " + lowercase_first(curl_easy_strerror(result)));
    }
}

// Going through a template loses libcurl's compile-time type checks, so only the types its
// options take are let through; an `int` passed where libcurl reads a `long` would be undefined.
template <typename Value> void set_option(CURL* curl, CURLoption option, Value value)
{
    static_assert(std::is_same_v<Value, long> || std::is_same_v<Value, curl_off_t> ||
                  std::is_pointer_v<Value>);
    if (const CURLcode result = curl_easy_setopt(curl, option, value); result != CURLE_OK) {
        throw Error(fmt::format("cannot set libcurl option {}: {}", static_cast<int>(option),
                                lowercase_first(curl_easy_strerror(result))));
    }
}

struct HeaderListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

void append(HeaderList& list, const std::string& line)
{
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) {
        throw std::bad_alloc();
    }
    static_cast<void>(list.release());
    list.reset(grown);
}

// libcurl sends header lines as given, so a line break would smuggle in another header.
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

HeaderList header_list(const Request& request)
{
    HeaderList list;
    for (const auto& header : request.headers) {
        check_header(header);
        // "Name:" would tell libcurl to drop the header; "Name;" sends it with an empty value.
        append(list, header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
    }
    if (!has_header(request.headers, "User-Agent")) {
        append(list, "User-Agent: apicat/" APICAT_VERSION);
    }
    // An empty value keeps libcurl from adding its own: a form Content-Type for any body, and an
    // Expect that costs a round trip (or a one-second stall) for bodies over 1 KiB.
    for (const char* name : {"Content-Type", "Expect"}) {
        if (!has_header(request.headers, name)) {
            append(list, std::string(name) + ":");
        }
    }
    return list;
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

bool sends_body(const Request& request)
{
    // Servers may answer 411 Length Required to these without a Content-Length, even a zero one.
    return !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
           request.method == "PATCH";
}

void set_method(CURL* curl, const Request& request)
{
    if (request.method == "HEAD") {
        set_option(curl, CURLOPT_NOBODY, 1L);
        return;
    }
    const bool body = sends_body(request);
    // POST is left to libcurl so a followed 301/302/303 turns it into a GET, as browsers do; a
    // GET is libcurl's default unless a body would turn it into a POST.
    if (request.method != "POST" && (request.method != "GET" || body)) {
        set_option(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (!body) {
        return;
    }
    set_option(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set_option(curl, CURLOPT_POSTFIELDS, request.body.data());
}

// What the callbacks fill in while libcurl runs. Exceptions must not unwind through libcurl's C
// frames, so the callbacks park them here and fail the transfer.
struct Transfer {
    Response response;
    std::size_t max_body = 0;
    bool body_too_large = false;
    std::exception_ptr failure;
};

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& transfer = *static_cast<Transfer*>(user);
    try {
        read_head_line(transfer.response, std::string_view{data, size * count});
        return size * count;
    } catch (...) {
        transfer.failure = std::current_exception();
        return 0;
    }
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user)
{
    auto& transfer = *static_cast<Transfer*>(user);
    auto& body = transfer.response.body;
    if (size * count > transfer.max_body - body.size()) {
        transfer.body_too_large = true;
        return 0;
    }
    try {
        body.append(data, size * count);
        return size * count;
    } catch (...) {
        transfer.failure = std::current_exception();
        return 0;
    }
}

struct UrlDeleter {
    void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

std::string url_part(CURLU* url, CURLUPart part, unsigned int flags)
{
    char* value = nullptr;
    if (curl_url_get(url, part, &value, flags) != CURLUE_OK) {
        return {};
    }
    std::string text = value;
    curl_free(value);
    return text;
}

// Where a failed request was going: host and port of the URL last tried, after redirects.
struct Target {
    std::string url;
    std::string host;
    std::string port;
};

Target target_of(std::string url)
{
    const std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
    if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
        return {std::move(url), {}, {}};
    }
    auto host = url_part(parsed.get(), CURLUPART_HOST, 0);
    auto port = url_part(parsed.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
    return {std::move(url), std::move(host), std::move(port)};
}

TransportFailure kind_of(CURLcode code, bool body_too_large)
{
    using enum TransportFailure;
    if (body_too_large) {
        return too_large; // on_body failed the transfer: libcurl calls that a write error
    }
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return invalid_url;
    case CURLE_COULDNT_CONNECT:
        return connect;
    case CURLE_OPERATION_TIMEDOUT:
        return timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return resolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
        return tls;
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
        return closed;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_BAD_CONTENT_ENCODING:
        return bad_response;
    case CURLE_FILESIZE_EXCEEDED:
        return too_large;
    default:
        return other;
    }
}

// Everything known about a failed transfer, gathered from libcurl right after it failed.
struct Failure {
    CURLcode code = CURLE_OK;
    Target target;
    std::string detail;
    bool connected = false;
    bool body_too_large = false;
};

// The limit that ran out: connecting is bounded by both timeouts, the rest by the total one.
long long expired_limit_ms(const Request& request, bool connected)
{
    const long long total = request.timeout.count();
    if (connected) {
        return total;
    }
    const long long connect = request.connect_timeout.count() == 0
                                  ? default_connect_timeout_ms
                                  : request.connect_timeout.count();
    return total == 0 ? connect : std::min(total, connect);
}

std::string message_for(const Failure& failure, const Request& request)
{
    const auto& [url, host, port] = failure.target;
    if (failure.body_too_large) {
        return fmt::format("response body from {} exceeds the limit of {} bytes", host,
                           request.max_response_body);
    }
    switch (failure.code) {
    case CURLE_COULDNT_CONNECT:
        return fmt::format("cannot connect to {}:{}: {}", host, port, failure.detail);
    case CURLE_OPERATION_TIMEDOUT:
        if (!failure.connected) {
            return fmt::format("timed out after {} ms connecting to {}:{}",
                               expired_limit_ms(request, false), host, port);
        }
        return fmt::format("timed out after {} ms waiting for {}", request.timeout.count(), host);
    case CURLE_COULDNT_RESOLVE_HOST:
        return fmt::format("cannot resolve host {}", host);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return fmt::format("unsupported url scheme in \"{}\": only http and https are allowed",
                           url);
    case CURLE_URL_MALFORMAT:
        return fmt::format("malformed url \"{}\"", url);
    case CURLE_TOO_MANY_REDIRECTS:
        return fmt::format("more than {} redirects, the last to \"{}\"", max_redirects, url);
    default:
        if (kind_of(failure.code, false) == TransportFailure::tls) {
            return fmt::format("tls with {}:{} failed: {}", host, port, failure.detail);
        }
        return fmt::format("request to {} failed: {}", host, failure.detail);
    }
}

} // namespace

TransportError::TransportError(TransportFailure kind, std::string host, const std::string& message)
    : Error(message)
    , kind_(kind)
    , host_(std::move(host))
{
}

struct Client::Impl {
    CURL* curl = nullptr;
    std::array<char, CURL_ERROR_SIZE> error_buffer{};

    Impl()
    {
        init_curl_once();
        curl = curl_easy_init();
        if (curl == nullptr) {
            throw Error("cannot create a libcurl handle");
        }
    }
    ~Impl() { curl_easy_cleanup(curl); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    Response send(const Request& request);
    void configure(const Request& request, curl_slist* headers, Transfer& transfer);
    Failure describe(CURLcode code, const Request& request) const;
};

Response Client::Impl::send(const Request& request)
{
    check_method(request.method);
    const HeaderList headers = header_list(request);
    Transfer transfer;
    transfer.max_body = request.max_response_body;
    // Reset forgets the previous request's options but keeps live connections and caches.
    curl_easy_reset(curl);
    configure(request, headers.get(), transfer);
    error_buffer[0] = '\0';
    const CURLcode code = curl_easy_perform(curl);
    if (transfer.failure) {
        std::rethrow_exception(transfer.failure);
    }
    if (code == CURLE_OK) {
        return std::move(transfer.response);
    }
    auto failure = describe(code, request);
    failure.body_too_large = transfer.body_too_large;
    throw TransportError(kind_of(code, transfer.body_too_large), failure.target.host,
                         message_for(failure, request));
}

void Client::Impl::configure(const Request& request, curl_slist* headers, Transfer& transfer)
{
    set_option(curl, CURLOPT_URL, request.url.c_str());
    set_option(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    set_option(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    // Without it libcurl times out name lookups with SIGALRM, which is not thread-safe.
    set_option(curl, CURLOPT_NOSIGNAL, 1L);
    set_option(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    set_option(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    set_option(curl, CURLOPT_HTTPHEADER, headers);
    // A proxy's CONNECT reply is not the upstream's response.
    set_option(curl, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
    set_option(curl, CURLOPT_ERRORBUFFER, error_buffer.data());
    set_option(curl, CURLOPT_HEADERFUNCTION, &on_header);
    set_option(curl, CURLOPT_HEADERDATA, static_cast<void*>(&transfer));
    set_option(curl, CURLOPT_WRITEFUNCTION, &on_body);
    set_option(curl, CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
    if (request.follow_redirects) {
        set_option(curl, CURLOPT_FOLLOWLOCATION, 1L);
        set_option(curl, CURLOPT_MAXREDIRS, max_redirects);
    }
    set_method(curl, request);
}

Failure Client::Impl::describe(CURLcode code, const Request& request) const
{
    Failure failure;
    failure.code = code;
    char* effective_url = nullptr;
    curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective_url);
    failure.target = target_of(effective_url != nullptr ? effective_url : request.url);
    long os_error = 0;
    curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_error);
    // The system's words ("connection refused") say more than libcurl's summary of them.
    if (code == CURLE_COULDNT_CONNECT && os_error != 0) {
        failure.detail =
            lowercase_first(std::generic_category().message(static_cast<int>(os_error)));
    } else {
        failure.detail = lowercase_first(error_buffer[0] != '\0' ? error_buffer.data()
                                                                 : curl_easy_strerror(code));
    }
    // Not the connect time, which stays zero on a reused connection: a request was sent only
    // once a connection (and its TLS) was up.
    long request_size = 0;
    curl_easy_getinfo(curl, CURLINFO_REQUEST_SIZE, &request_size);
    failure.connected = request_size > 0;
    return failure;
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
    // A moved-from client gets a fresh handle rather than a null dereference.
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

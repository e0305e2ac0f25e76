#pragma once

// Beast's HTTP/1 parser, writing a message's fields and body straight into apicat's plain
// Header and string (http/message.hpp) rather than into a beast::http::message. Beast's parser
// checks the syntax, the framing (Content-Length, chunked) and the limits; the field container
// of its message allocated every field and linked it into two indexes, and the gateway then
// copied each field into a Header again (docs/gateway.md, "Speed").
//
// The vector and string written to are the caller's, and may be reused from one message to
// the next: the fields of a kept-alive connection's requests then reuse the memory of the
// previous request's.

#include "http/message.hpp"

#include <boost/beast/http/basic_parser.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace apicat::http {

template <bool isRequest> class MessageParser : public boost::beast::http::basic_parser<isRequest> {
public:
    MessageParser(const MessageParser&) = delete;
    MessageParser& operator=(const MessageParser&) = delete;

protected:
    using error_code = boost::beast::error_code;
    using string_view = boost::beast::string_view;

    // Clears both: what was there belongs to the previous message.
    MessageParser(std::vector<Header>& headers, std::string& body);
    ~MessageParser() override = default;

private:
    void on_field_impl(boost::beast::http::field, string_view name, string_view value,
                       error_code&) override;
    void on_header_impl(error_code&) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                           error_code&) override;
    std::size_t on_body_impl(string_view piece, error_code&) override;
    void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, string_view piece, error_code&) override;
    void on_finish_impl(error_code&) override {}

    std::vector<Header>& headers_;
    std::string& body_;
    std::size_t fields_ = 0; // how many of headers_ this message has filled
};

// A request's start line and fields, into the caller's parts.
class RequestParser final : public MessageParser<true> {
public:
    // `method` as sent: methods are case-sensitive, and the caller decides what to make of one.
    RequestParser(std::string& method, std::string& target, std::vector<Header>& headers,
                  std::string& body);

    boost::beast::http::verb verb() const { return verb_; }
    unsigned version() const { return version_; }

private:
    void on_request_impl(boost::beast::http::verb verb, string_view method, string_view target,
                         int version, error_code&) override;
    void on_response_impl(int, string_view, int, error_code&) override {}

    std::string& method_;
    std::string& target_;
    boost::beast::http::verb verb_ = boost::beast::http::verb::unknown;
    unsigned version_ = 11;
};

// A response, into `response`; `http_version` is "1.0" or "1.1".
class ResponseParser final : public MessageParser<false> {
public:
    explicit ResponseParser(Response& response);

    int status() const { return response_.status; }

private:
    void on_request_impl(boost::beast::http::verb, string_view, string_view, int,
                         error_code&) override
    {
    }
    void on_response_impl(int status, string_view reason, int version, error_code&) override;

    Response& response_;
};

} // namespace apicat::http

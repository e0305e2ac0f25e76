#include "http/message_parser.hpp"

#include <boost/beast/http/status.hpp>

#include <algorithm>

namespace apicat::http {

namespace {

void assign(std::string& to, boost::beast::string_view from)
{
    to.assign(from.data(), from.size());
}

// A body is held whole; a declared length larger than this is reserved as it arrives, so that
// a client announcing a large body and sending none takes no memory for it.
constexpr std::uint64_t reserve_at_most = 1024 * 1024;

} // namespace

template <bool isRequest>
MessageParser<isRequest>::MessageParser(std::vector<Header>& headers, std::string& body)
    : headers_(headers)
    , body_(body)
{
    body_.clear();
    // Room for the fields of most messages at once, rather than growing four times.
    headers_.reserve(16);
}

template <bool isRequest>
void MessageParser<isRequest>::on_field_impl(boost::beast::http::field, string_view name,
                                             string_view value, error_code&)
{
    if (fields_ < headers_.size()) {
        assign(headers_[fields_].name, name);
        assign(headers_[fields_].value, value);
    } else {
        headers_.push_back(
            {std::string(name.data(), name.size()), std::string(value.data(), value.size())});
    }
    ++fields_;
}

template <bool isRequest> void MessageParser<isRequest>::on_header_impl(error_code&)
{
    headers_.resize(fields_);
}

template <bool isRequest>
void MessageParser<isRequest>::on_body_init_impl(const boost::optional<std::uint64_t>& length,
                                                 error_code&)
{
    if (length) {
        body_.reserve(static_cast<std::size_t>(std::min(*length, reserve_at_most)));
    }
}

template <bool isRequest>
std::size_t MessageParser<isRequest>::on_body_impl(string_view piece, error_code&)
{
    body_.append(piece.data(), piece.size());
    return piece.size();
}

template <bool isRequest>
std::size_t MessageParser<isRequest>::on_chunk_body_impl(std::uint64_t, string_view piece,
                                                         error_code&)
{
    body_.append(piece.data(), piece.size());
    return piece.size();
}

template class MessageParser<true>;
template class MessageParser<false>;

RequestParser::RequestParser(std::string& method, std::string& target, std::vector<Header>& headers,
                             std::string& body)
    : MessageParser<true>(headers, body)
    , method_(method)
    , target_(target)
{
    method_.clear();
    target_.clear();
}

void RequestParser::on_request_impl(boost::beast::http::verb verb, string_view method,
                                    string_view target, int version, error_code&)
{
    verb_ = verb;
    assign(method_, method);
    assign(target_, target);
    version_ = static_cast<unsigned>(version);
}

ResponseParser::ResponseParser(Response& response)
    : MessageParser<false>(response.headers, response.body)
    , response_(response)
{
}

void ResponseParser::on_response_impl(int status, string_view reason, int version, error_code&)
{
    response_.status = status;
    // As Beast's message reads it: a status line without a reason gets the status's own.
    assign(response_.reason, reason.empty() ? boost::beast::http::obsolete_reason(
                                                  static_cast<boost::beast::http::status>(status))
                                            : reason);
    response_.http_version = version == 10 ? "1.0" : "1.1";
}

} // namespace apicat::http

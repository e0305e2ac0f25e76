#pragma once

// Base64 (RFC 4648): the standard alphabet with padding, as HTTP basic authentication carries
// a user name and password (RFC 7617), and the URL-safe one without padding, as apicat writes
// client secrets.

#include <optional>
#include <string>
#include <string_view>

namespace apicat::util {

// Section 4: "+/", padded with '=' to a multiple of four characters.
std::string base64_encode(std::string_view bytes);

// Section 5 without padding: "-_", fit for a header or a query string as it is.
std::string base64url_encode(std::string_view bytes);

// Section 4, padded or not; nothing when `text` holds a character outside the alphabet, data
// after the padding, or a length no encoding gives.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace apicat::util

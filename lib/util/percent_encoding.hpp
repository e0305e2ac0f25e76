#pragma once

// Percent-encoding (RFC 3986, 2.1) of a value that goes into a URL as one component, such as a
// query parameter's name or value.

#include <string>
#include <string_view>

namespace apicat::util {

// Every byte but the unreserved ones (letters, digits, "-._~") as "%XX": the value then reads
// back as it was, whatever '&', '=', '+', '/' or '%' it holds.
std::string percent_encode_component(std::string_view text);

} // namespace apicat::util

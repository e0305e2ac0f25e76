#pragma once

#include <string>

namespace apicat::util {

// strerror's text, lowercased like apicat's messages: "permission denied".
std::string describe_errno(int error);

} // namespace apicat::util

#include "util/system_error.hpp"

#include <cctype>
#include <system_error>

namespace apicat::util {

std::string describe_errno(int error)
{
    std::string text = std::generic_category().message(error);
    if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    }
    return text;
}

} // namespace apicat::util

#include "version.hpp"

#include <boost/version.hpp>
#include <openssl/crypto.h>
#include <sqlite3.h>

#include <fmt/format.h>

namespace apicat {

const char* apicat_version()
{
    return APICAT_VERSION;
}

std::vector<LibraryVersion> linked_library_versions()
{
    return {
        {"SQLite", sqlite3_libversion()},
        {"OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING)},
        {"Boost", fmt::format("{}.{}.{} (Asio and Beast, compiled in)", BOOST_VERSION / 100000,
                              BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
    };
}

} // namespace apicat

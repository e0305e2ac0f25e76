#include "version.hpp"

#include <boost/version.hpp>
#include <curl/curl.h>
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
    const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
    std::string curl_version = curl->version;
    if (curl->ssl_version != nullptr) {
        curl_version += fmt::format(" ({})", curl->ssl_version);
    }
    return {
        {"libcurl", curl_version},
        {"SQLite", sqlite3_libversion()},
        {"OpenSSL", OpenSSL_version(OPENSSL_VERSION_STRING)},
        {"Boost", fmt::format("{}.{}.{} (Asio and Beast, compiled in)", BOOST_VERSION / 100000,
                              BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100)},
    };
}

} // namespace apicat

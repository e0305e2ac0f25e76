#include "credentials/credentials.hpp"

#include "credentials/sha256.hpp"
#include "errors.hpp"
#include "util/base64.hpp"
#include "util/text.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>

namespace apicat::credentials {

namespace {

constexpr std::size_t client_id_bytes = 16;     // 128 bits
constexpr std::size_t client_secret_bytes = 32; // 256 bits

template <std::size_t N> std::array<unsigned char, N> random_bytes()
{
    std::array<unsigned char, N> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        // A credential from a weak source would look fine and be guessable: refuse instead.
        unsigned long code = ERR_get_error();
        std::string reason = code == 0 ? "unknown reason" : ERR_reason_error_string(code);
        throw Error("cannot generate random credentials (" + reason + ")",
                    "check that the system's random source (/dev/urandom) is available");
    }
    return bytes;
}

std::string hex(const unsigned char* data, std::size_t size)
{
    static constexpr char digits[] = "0123456789abcdef";
    // Written in place: the gateway makes one of these per call that carries a secret.
    std::string out(size * 2, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 0x0f];
    }
    return out;
}

} // namespace

std::string new_client_id()
{
    auto bytes = random_bytes<client_id_bytes>();
    return hex(bytes.data(), bytes.size());
}

std::string new_client_secret()
{
    auto bytes = random_bytes<client_secret_bytes>();
    // URL-safe, without padding: secrets travel in headers and query strings, where '+', '/'
    // and '=' would need escaping.
    return util::base64url_encode(
        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string secret_digest(std::string_view secret)
{
    const Sha256Digest digest = sha256(secret);
    return hex(digest.data(), digest.size());
}

bool secret_matches(std::string_view secret, std::string_view digest)
{
    return constant_time_equal(secret_digest(secret), digest);
}

std::optional<Sha256Digest> digest_from_hex(std::string_view hex)
{
    Sha256Digest digest{};
    if (hex.size() != 2 * std::tuple_size_v<Sha256Digest>) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < hex.size(); ++i) {
        const int value = util::hex_digit_value(hex[i]);
        if (value < 0) {
            return std::nullopt;
        }
        digest[i / 2] = static_cast<unsigned char>(digest[i / 2] << 4 | value);
    }
    return digest;
}

bool secret_matches(std::string_view secret, const Sha256Digest& digest)
{
    const Sha256Digest given = sha256(secret);
    return CRYPTO_memcmp(given.data(), digest.data(), digest.size()) == 0;
}

bool constant_time_equal(std::string_view a, std::string_view b)
{
    // The length is no secret (a digest's is fixed); only the content must not leak.
    if (a.size() != b.size()) {
        return false;
    }
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool looks_like_client_id(std::string_view text)
{
    if (text.size() != client_id_bytes * 2) {
        return false;
    }
    for (char c : text) {
        bool digit = c >= '0' && c <= '9';
        bool lower_hex = c >= 'a' && c <= 'f';
        if (!digit && !lower_hex) {
            return false;
        }
    }
    return true;
}

} // namespace apicat::credentials

#pragma once

// Consumer credentials. Client IDs are 128 random bits as 32 lowercase hex digits; client
// secrets 256 random bits as base64url (no padding). Randomness is OpenSSL's CSPRNG.
// Secrets are stored only as SHA-256 digests: they are high-entropy, so a slow KDF would buy
// nothing and cost every request. Comparison takes the same time wherever the first
// difference is.

#include "credentials/sha256.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace apicat::credentials {

std::string new_client_id();
std::string new_client_secret();

// SHA-256 of the secret, as 64 lowercase hex digits.
std::string secret_digest(std::string_view secret);

// Whether `secret` hashes to `digest`, compared with constant_time_equal.
bool secret_matches(std::string_view secret, std::string_view digest);

// The digest that secret_digest wrote as hex, or nullopt when `hex` is not 64 hex digits.
// The gateway holds an app's digest so, and compares the 32 bytes: no hex to write per call.
std::optional<Sha256Digest> digest_from_hex(std::string_view hex);
bool secret_matches(std::string_view secret, const Sha256Digest& digest);

// Whether `a` and `b` are equal, in a time that depends on their length only, never on where
// they first differ (OpenSSL's CRYPTO_memcmp): a caller timing the answers to its guesses
// learns nothing about how much of a guess was right.
bool constant_time_equal(std::string_view a, std::string_view b);

// Whether `text` has the form of a client ID (32 lowercase hex digits).
bool looks_like_client_id(std::string_view text);

} // namespace apicat::credentials

#pragma once

// SHA-256 of a secret, for the digests the store keeps instead of secrets.

#include <array>
#include <string_view>

namespace apicat::credentials {

using Sha256Digest = std::array<unsigned char, 32>;

Sha256Digest sha256(std::string_view data);

} // namespace apicat::credentials

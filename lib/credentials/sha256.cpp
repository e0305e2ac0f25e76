// OpenSSL's low-level SHA-256 calls are deprecated in 3.0 in favour of EVP, but EVP's first
// digest in a process loads OpenSSL's default provider and builds its algorithm tables: about
// 0.4 ms, which `apicat invoke` (one digest per process) paid on every call. The low-level
// calls run the same assembly without that set-up.
#define OPENSSL_SUPPRESS_DEPRECATED

#include "credentials/sha256.hpp"

#include <openssl/sha.h>

namespace apicat::credentials {

Sha256Digest sha256(std::string_view data)
{
    Sha256Digest digest{};
    SHA256_CTX context;
    SHA256_Init(&context);
    SHA256_Update(&context, data.data(), data.size());
    SHA256_Final(digest.data(), &context);
    return digest;
}

} // namespace apicat::credentials

#include "util/base64.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using apicat::util::base64_decode;
using apicat::util::base64_encode;
using apicat::util::base64url_encode;

namespace {

// RFC 4648, section 10.
const std::vector<std::pair<std::string, std::string>> rfc_vectors = {{"", ""},
                                                                      {"f", "Zg=="},
                                                                      {"fo", "Zm8="},
                                                                      {"foo", "Zm9v"},
                                                                      {"foob", "Zm9vYg=="},
                                                                      {"fooba", "Zm9vYmE="},
                                                                      {"foobar", "Zm9vYmFy"}};

} // namespace

TEST_CASE("base64 encodes RFC 4648's test vectors, padding included")
{
    // A named pair, not a structured binding: clang before 16 cannot capture a binding in
    // CAPTURE's lambda.
    for (const auto& vector : rfc_vectors) {
        const std::string& bytes = vector.first;
        CAPTURE(bytes);
        CHECK(base64_encode(bytes) == vector.second);
    }
}

TEST_CASE("base64 decodes RFC 4648's test vectors, padded or not")
{
    for (const auto& vector : rfc_vectors) {
        const std::string& encoded = vector.second;
        CAPTURE(encoded);
        CHECK(base64_decode(encoded) == vector.first);
        CHECK(base64_decode(encoded.substr(0, encoded.find('='))) == vector.first);
    }
}

TEST_CASE("base64 carries every byte value both ways, as basic authentication's user:password")
{
    std::string all;
    for (int byte = 0; byte < 256; ++byte) {
        all += static_cast<char>(byte);
    }
    CHECK(base64_decode(base64_encode(all)) == all);
    CHECK(base64_encode("Aladdin:open sesame") == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK(base64_encode("\xfb\xff") == "+/8=");
}

TEST_CASE("base64 decoding refuses what no encoder writes")
{
    CHECK_FALSE(base64_decode("Zm9v!"));    // outside the alphabet
    CHECK_FALSE(base64_decode("Zm9v-_"));   // the URL-safe alphabet
    CHECK_FALSE(base64_decode("Zg==Zg==")); // data after the padding
    CHECK_FALSE(base64_decode("Zg="));      // padding that does not complete a group
    CHECK_FALSE(base64_decode("Z==="));     // six bits cannot make a byte
    CHECK_FALSE(base64_decode("Zm9vY"));    // nor can 30
}

TEST_CASE("base64url uses '-' and '_' and no padding")
{
    CHECK(base64url_encode("\xfb\xff") == "-_8");
    CHECK(base64url_encode("f") == "Zg");
    CHECK(base64url_encode("foobar") == "Zm9vYmFy");
}

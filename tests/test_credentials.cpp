#include "credentials/credentials.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace apicat::credentials;

namespace {

bool all_of_alphabet(const std::string& text, const std::string& alphabet)
{
    return text.find_first_not_of(alphabet) == std::string::npos;
}

const std::string lower_hex = "0123456789abcdef";
const std::string base64url_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

} // namespace

TEST_CASE("a client id credential is 32 lowercase hex digits")
{
    std::string id = new_client_id();
    CHECK(id.size() == 32);
    CHECK(all_of_alphabet(id, lower_hex));
    CHECK(looks_like_client_id(id));
}

TEST_CASE("a client secret credential is 256 bits of base64url without padding")
{
    std::string secret = new_client_secret();
    CHECK(secret.size() == 43); // ceil(256 / 6)
    CHECK(all_of_alphabet(secret, base64url_alphabet));
}

TEST_CASE("credentials drawn a thousand times never repeat")
{
    std::set<std::string> ids;
    std::set<std::string> secrets;
    for (int i = 0; i < 1000; ++i) {
        ids.insert(new_client_id());
        secrets.insert(new_client_secret());
    }
    CHECK(ids.size() == 1000);
    CHECK(secrets.size() == 1000);
}

TEST_CASE("the credential digest is SHA-256 in lowercase hex")
{
    CHECK(secret_digest("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(secret_digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a credential secret matches its own digest and no other")
{
    std::string secret = new_client_secret();
    std::string digest = secret_digest(secret);
    CHECK(secret_matches(secret, digest));
    CHECK_FALSE(secret_matches(secret + "x", digest));
    CHECK_FALSE(secret_matches(secret, secret_digest("something else")));
}

TEST_CASE("a digest of the wrong length never matches a credential")
{
    std::string digest = secret_digest("abc");
    CHECK_FALSE(secret_matches("abc", digest.substr(0, 63)));
    CHECK_FALSE(secret_matches("abc", digest + "0"));
    CHECK_FALSE(secret_matches("abc", ""));
}

TEST_CASE("credential checks recognise client ids by their form")
{
    CHECK(looks_like_client_id("0123456789abcdef0123456789abcdef"));
    CHECK_FALSE(looks_like_client_id("0123456789ABCDEF0123456789abcdef")); // uppercase
    CHECK_FALSE(looks_like_client_id("0123456789abcdef0123456789abcde"));  // 31 digits
    CHECK_FALSE(looks_like_client_id("0123456789abcdef0123456789abcdef0"));
    CHECK_FALSE(looks_like_client_id("0123456789abcdef0123456789abcdeg"));
    CHECK_FALSE(looks_like_client_id(""));
}

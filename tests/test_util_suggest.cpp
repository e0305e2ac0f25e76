#include "util/suggest.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

using apicat::util::closest_match;
using apicat::util::did_you_mean;

TEST_CASE("a one-letter typo finds the intended name")
{
    const std::vector<std::string> names{"servers", "security", "paths"};
    CHECK(closest_match("securty", names) == std::optional<std::string>("security"));
    CHECK(closest_match("pathz", names) == std::optional<std::string>("paths"));
}

TEST_CASE("swapped neighbours count as one edit")
{
    // Plain Levenshtein would count two edits, too many for a two-letter word.
    CHECK(closest_match("ba", {"ab"}) == std::optional<std::string>("ab"));
    CHECK(closest_match("scuerity", {"security"}) == std::optional<std::string>("security"));
}

TEST_CASE("case is ignored but the candidate is returned as spelled")
{
    CHECK(closest_match("PetStore", {"petstore"}) == std::optional<std::string>("petstore"));
    CHECK(closest_match("get", {"POST", "GET"}) == std::optional<std::string>("GET"));
}

TEST_CASE("names too far apart are not suggested")
{
    CHECK_FALSE(closest_match("abc", {"xyz"}));
    CHECK_FALSE(closest_match("users", {"pets"}));
    CHECK_FALSE(closest_match("weather", {"security", "servers"}));
}

TEST_CASE("the allowed distance is two, or a third of a long word")
{
    CHECK(closest_match("abcd", {"abxy"}) == std::optional<std::string>("abxy"));
    CHECK_FALSE(closest_match("abcdef", {"abxyzf"}));
    // 21 characters allow 7 edits.
    CHECK(closest_match("authentication-scheme", {"authorization-schemes"}).has_value());
    CHECK_FALSE(closest_match("authentication-scheme", {"http-basic"}));
}

TEST_CASE("the distance must be below the word length")
{
    CHECK_FALSE(closest_match("a", {"b"}));
    CHECK_FALSE(closest_match("ab", {"xy"}));
    CHECK(closest_match("ab", {"xb"}) == std::optional<std::string>("xb"));
    CHECK_FALSE(closest_match("", {"a", "ab"}));
}

TEST_CASE("a prefix of three or more characters matches either way round")
{
    CHECK(closest_match("desc", {"name", "description"}) ==
          std::optional<std::string>("description"));
    CHECK(closest_match("petstore-api-version-two", {"pet", "store"}) ==
          std::optional<std::string>("pet"));
    CHECK(closest_match("DESC", {"description"}) == std::optional<std::string>("description"));
    CHECK_FALSE(closest_match("de", {"description"}));
}

TEST_CASE("the closest candidate wins, and the earlier one on a tie")
{
    CHECK(closest_match("secrets", {"secret-key", "secret"}) ==
          std::optional<std::string>("secret"));
    CHECK(closest_match("cat", {"bat", "hat"}) == std::optional<std::string>("bat"));
    CHECK(closest_match("get", {"get-all", "set"}) == std::optional<std::string>("set"));
}

TEST_CASE("no candidates means no match")
{
    CHECK_FALSE(closest_match("anything", {}));
}

TEST_CASE("did you mean quotes the match, or says nothing")
{
    CHECK(did_you_mean("securty", {"security"}) == "did you mean 'security'?");
    CHECK(did_you_mean("zzz", {"security"}) == "");
}

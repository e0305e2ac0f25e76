#include "product/rate_limit.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <string>

using apicat::product::parse_rate_limit;
using apicat::product::RateLimit;

namespace {

struct Failure {
    std::string message;
    std::string hint;
};

Failure failure_of(const std::string& text)
{
    try {
        parse_rate_limit(text);
    } catch (const apicat::Error& e) {
        return {e.what(), e.hint()};
    }
    return {"(no error)", ""};
}

} // namespace

TEST_CASE("a rate is calls per a number of time units")
{
    RateLimit limit = parse_rate_limit("100/1hour");
    CHECK_FALSE(limit.unlimited);
    CHECK(limit.text == "100/1hour");
    CHECK(limit.count == 100);
    CHECK(limit.window_seconds == 3600);
}

TEST_CASE("a rate's number of time units defaults to one")
{
    RateLimit limit = parse_rate_limit("10/second");
    CHECK(limit.count == 10);
    CHECK(limit.window_seconds == 1);
}

TEST_CASE("every rate unit from second to week is understood, plural or not")
{
    CHECK(parse_rate_limit("1/1second").window_seconds == 1);
    CHECK(parse_rate_limit("1/minute").window_seconds == 60);
    CHECK(parse_rate_limit("100/2hours").window_seconds == 7200);
    CHECK(parse_rate_limit("5000/1day").window_seconds == 86400);
    CHECK(parse_rate_limit("5000/3days").window_seconds == 3 * 86400);
    CHECK(parse_rate_limit("1/1week").window_seconds == 604800);
    CHECK(parse_rate_limit("30/90seconds").window_seconds == 90);
}

TEST_CASE("unlimited is a rate with no count")
{
    RateLimit limit = parse_rate_limit("unlimited");
    CHECK(limit.unlimited);
    CHECK(limit.text == "unlimited");
    CHECK(limit.count == 0);
}

TEST_CASE("the largest rate counts still parse")
{
    CHECK(parse_rate_limit("18446744073709551615/second").count == 18446744073709551615ULL);
}

TEST_CASE("malformed rates are refused with the text quoted and the form shown")
{
    for (const std::string text :
         {"", "100", "100/", "/1hour", "x/1hour", "-5/1hour", "+5/1hour", "1.5/1hour",
          "100/1fortnight", "100/1 hour", " 100/1hour", "100/0hours", "100/-1hour",
          "18446744073709551616/1hour", "1/99999999999999999999hours", "1/40000000000000week",
          "Unlimited"}) {
        CAPTURE(text);
        Failure failure = failure_of(text);
        CHECK(failure.message.find("invalid rate limit '" + text + "'") == 0);
        CHECK(failure.hint.find("N/[K]second|minute|hour|day|week") != std::string::npos);
        CHECK(failure.hint.find("100/1hour") != std::string::npos);
        CHECK(failure.hint.find("unlimited") != std::string::npos);
    }
}

TEST_CASE("a zero rate count is refused with a hint of its own")
{
    Failure failure = failure_of("0/1hour");
    CHECK(failure.message == "invalid rate limit '0/1hour': a limit of zero calls allows nothing");
    CHECK(failure.hint.find("leave the API out of the product") != std::string::npos);
    CHECK(failure.hint.find("N/[K]second|minute|hour|day|week") != std::string::npos);
}

TEST_CASE("a mistyped rate unit gets a suggestion")
{
    Failure failure = failure_of("100/2huors");
    CHECK(failure.message == "invalid rate limit '100/2huors': unknown time unit 'huors'");
    CHECK(failure.hint.find("did you mean 'hour'?") == 0);
    CHECK(failure.hint.find("N/[K]second|minute|hour|day|week") != std::string::npos);
    CHECK(failure_of("100/1minuts").hint.find("did you mean 'minute'?") == 0);
    CHECK(failure_of("100/1hr").hint.find("did you mean") == std::string::npos);
}

TEST_CASE("overflowing rate counts and windows are refused, not wrapped")
{
    CHECK(failure_of("18446744073709551616/1hour").message.find("more than apicat can count") !=
          std::string::npos);
    CHECK(failure_of("1/40000000000000week").message.find("more than apicat can count") !=
          std::string::npos);
}

#include "openapi/scalar_resolve.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>

using namespace apicat;
using namespace apicat::openapi;

TEST_CASE("plain scalars resolve by the YAML 1.2 core schema")
{
    CHECK(resolve_plain_scalar("").is_null());
    CHECK(resolve_plain_scalar("~").is_null());
    CHECK(resolve_plain_scalar("NULL").is_null());
    CHECK(resolve_plain_scalar("True") == true);
    CHECK(resolve_plain_scalar("false") == false);
    CHECK(resolve_plain_scalar("42") == 42);
    CHECK(resolve_plain_scalar("-7") == -7);
    CHECK(resolve_plain_scalar("0x1F") == 31);
    CHECK(resolve_plain_scalar("0o17") == 15);
    CHECK(resolve_plain_scalar("2.5e3") == 2500.0);
    CHECK(resolve_plain_scalar(".5") == 0.5);
    CHECK(resolve_plain_scalar("18446744073709551616").is_number_float());
    CHECK(resolve_plain_scalar("-.inf") == -std::numeric_limits<double>::infinity());
    // Strings that look close to something else.
    CHECK(resolve_plain_scalar("1.0.0") == "1.0.0");
    CHECK(resolve_plain_scalar("yes") == "yes");
    CHECK(resolve_plain_scalar("0x") == "0x");
    CHECK(resolve_plain_scalar("1e") == "1e");
    CHECK(resolve_plain_scalar("nullable") == "nullable");
}

// Found by fuzz/product_file.cpp: `product: 1.5E22222222022` and a hexadecimal number of 120
// digits made std::stod throw out_of_range, which no caller expected, from the YAML reader;
// hexadecimal past 64 bits was read as decimal.
TEST_CASE("numbers beyond 64 bits or a double's range resolve as YAML means them")
{
    CHECK(resolve_plain_scalar("1.5E22222222022") == std::numeric_limits<double>::infinity());
    CHECK(resolve_plain_scalar("-1e999") == -std::numeric_limits<double>::infinity());
    CHECK(resolve_plain_scalar("1e-999") == 0.0);
    CHECK(resolve_plain_scalar("0x10000000000000000") == 18446744073709551616.0);
    CHECK(resolve_plain_scalar("0o2000000000000000000000") == 18446744073709551616.0);
    CHECK(resolve_plain_scalar("-18446744073709551616") == -18446744073709551616.0);
    CHECK(resolve_plain_scalar("0x" + std::string(118, '3') + "1e").is_number_float());
}

TEST_CASE("words that YAML 1.1 readers misread are recognised")
{
    for (const char* word : {"yes", "Off", "y", "1_000", "12:30", "-1:20:30.5", "190:20:30"}) {
        CHECK_MESSAGE(is_yaml11_special(word), word);
    }
    for (const char* word : {"1.0.0", "12:61", "abc", "1a", "v1"}) {
        CHECK_FALSE_MESSAGE(is_yaml11_special(word), word);
    }
}

#include "store/call_batch.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <vector>

namespace store = apicat::store;

namespace {

store::CallRecord batched_call(std::int64_t at_ms, const std::string& app, int status,
                               std::int64_t upstream_us)
{
    return store::CallRecord{.at_ms = at_ms,
                             .catalog = "sandbox",
                             .app = app,
                             .product = "weather-product",
                             .plan = app.empty() ? "" : "default",
                             .api = "weather",
                             .operation = "GET /current",
                             .status = status,
                             .latency_us = 1234,
                             .upstream_us = upstream_us};
}

bool same(const store::CallRecord& a, const store::CallRecord& b)
{
    return a.at_ms == b.at_ms && a.catalog == b.catalog && a.app == b.app &&
           a.product == b.product && a.plan == b.plan && a.api == b.api &&
           a.operation == b.operation && a.status == b.status && a.latency_us == b.latency_us &&
           a.upstream_us == b.upstream_us;
}

} // namespace

TEST_CASE("a batch of calls gives back every call, numbered in the order recorded")
{
    const std::vector<store::CallRecord> calls{
        batched_call(5000, "a", 200, 900), batched_call(4990, "", 401, -1),
        batched_call(5000, "b", 429, -1), batched_call(6000, "a", 200, 0)};
    const std::string batch = store::encode_call_batch(calls, 41, 4990);
    const std::vector<store::NumberedCall> decoded = store::decode_call_batch(batch, 41, 4990);
    REQUIRE(decoded.size() == calls.size());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        CAPTURE(i);
        CHECK(decoded[i].number == 41 + static_cast<std::int64_t>(i));
        CHECK(same(decoded[i].call, calls[i]));
    }
}

TEST_CASE("a batch lists each distinct string once: a second's calls of one API take little room")
{
    const std::vector<store::CallRecord> one{batched_call(5000, "weather-app", 200, 900)};
    const std::vector<store::CallRecord> many(1000, batched_call(5000, "weather-app", 200, 900));
    const std::size_t one_size = store::encode_call_batch(one, 1, 5000).size();
    const std::size_t many_size = store::encode_call_batch(many, 1, 5000).size();
    CHECK(many_size - one_size < 999 * 16); // a call's numbers, not its strings again
}

TEST_CASE("numbered calls keep their numbers through a batch, as pruning rewrites it")
{
    const std::vector<store::NumberedCall> kept{{7, batched_call(5000, "a", 200, 1)},
                                                {9, batched_call(5001, "b", 500, 2)}};
    const std::vector<store::NumberedCall> decoded =
        store::decode_call_batch(store::encode_call_batch(kept, 7, 5000), 7, 5000);
    REQUIRE(decoded.size() == 2);
    CHECK(decoded[0].number == 7);
    CHECK(decoded[1].number == 9);
    CHECK(same(decoded[1].call, kept[1].call));
}

TEST_CASE("a malformed batch of calls is an error, not a crash")
{
    const std::string batch = store::encode_call_batch(
        std::vector<store::CallRecord>{batched_call(5000, "a", 200, 1)}, 1, 5000);
    CHECK_THROWS_AS(store::decode_call_batch(batch.substr(0, batch.size() - 1), 1, 5000),
                    apicat::Error);
    CHECK_THROWS_AS(store::decode_call_batch(batch + "x", 1, 5000), apicat::Error);
    CHECK_THROWS_AS(store::decode_call_batch("\x05", 1, 5000), apicat::Error);
}

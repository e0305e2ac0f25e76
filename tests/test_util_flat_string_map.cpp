#include "util/flat_string_map.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>

using apicat::util::FlatStringMap;

TEST_CASE("a flat string map finds what was put in it, and nothing else")
{
    FlatStringMap<int> map;
    CHECK(map.find("absent") == nullptr);
    CHECK_FALSE(map.erase("absent"));
    map["one"] = 1;
    map["two"] = 2;
    map[""] = 3; // the empty key is a key like any other
    REQUIRE(map.find("one") != nullptr);
    CHECK(*map.find("one") == 1);
    CHECK(*map.find("two") == 2);
    CHECK(*map.find("") == 3);
    CHECK(map.find("on") == nullptr);
    CHECK(map.find("one ") == nullptr);
    CHECK(map.size() == 3);
    map["one"] = 10; // operator[] of a held key gives its value, not a new one
    CHECK(*map.find("one") == 10);
    CHECK(map.size() == 3);
}

TEST_CASE("a flat string map agrees with std::map through inserts and erases")
{
    // Enough keys to grow the table many times, and erases that make the backward shift move
    // slots across the end of the array.
    std::mt19937 random(20261204);
    FlatStringMap<std::uint64_t> map;
    std::map<std::string, std::uint64_t> expected;
    for (int step = 0; step < 40000; ++step) {
        const std::string key = "sandbox/app-" + std::to_string(random() % 3000);
        switch (random() % 3) {
        case 0:
        case 1:
            map[key] = step;
            expected[key] = step;
            break;
        default:
            CHECK(map.erase(key) == (expected.erase(key) == 1));
            break;
        }
    }
    CHECK(map.size() == expected.size());
    for (int id = 0; id < 3000; ++id) {
        const std::string key = "sandbox/app-" + std::to_string(id);
        auto want = expected.find(key);
        const std::uint64_t* got = map.find(key);
        if (want == expected.end()) {
            CHECK(got == nullptr);
        } else {
            REQUIRE(got != nullptr);
            CHECK(*got == want->second);
        }
    }
}

TEST_CASE("a flat string map keeps a value where it is while other keys come and go")
{
    FlatStringMap<std::string> map;
    std::string& first = map["first"];
    first = "kept";
    for (int i = 0; i < 1000; ++i) {
        map["key-" + std::to_string(i)] = "filler";
    }
    for (int i = 0; i < 1000; i += 2) {
        map.erase("key-" + std::to_string(i));
    }
    CHECK(&first == map.find("first"));
    CHECK(first == "kept");
}

TEST_CASE("a flat string map erases one key at a time when asked to make room")
{
    FlatStringMap<std::shared_ptr<int>> map;
    auto shared = std::make_shared<int>(7);
    for (int i = 0; i < 100; ++i) {
        map["key-" + std::to_string(i)] = shared;
    }
    CHECK(shared.use_count() == 101);
    for (std::uint64_t pick = 0; pick < 40; ++pick) {
        map.erase_one(pick * 2654435761U);
    }
    CHECK(map.size() == 60);
    CHECK(shared.use_count() == 61); // erased values are destroyed
    int still_found = 0;
    for (int i = 0; i < 100; ++i) {
        still_found += map.find("key-" + std::to_string(i)) != nullptr ? 1 : 0;
    }
    CHECK(still_found == 60);
    map.clear();
    CHECK(map.size() == 0);
    CHECK(shared.use_count() == 1);
    map.erase_one(1); // nothing to erase: nothing happens
    CHECK(map.find("key-1") == nullptr);
}

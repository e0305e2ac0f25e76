// The store the end-to-end tests run apicat on (support/test_store.hpp): a home's own, the same
// at each run, SQLite where a test pins it; and the home a run uses, as apicat finds it.

#include "support/test_store.hpp"

#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>

#include <string>

using apicat::test::Environment;
using apicat::test::home_of_run;
using apicat::test::ScratchDir;
using apicat::test::store_environment_for;

namespace {

std::string store_variable(const Environment& environment)
{
    REQUIRE(environment.size() == 1);
    CHECK(environment[0].first == "APICAT_STORE");
    return environment[0].second;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("each scratch home has a store of its own under test, the same at each run")
    {
        ScratchDir one;
        ScratchDir other;
        const std::string first = store_variable(store_environment_for(one.path() / "home"));
        CHECK(store_variable(store_environment_for(one.path() / "sub" / ".." / "home")) == first);
        if (apicat::test::testing_postgres()) {
            CHECK(first.starts_with("postgresql://"));
            CHECK(store_variable(store_environment_for(other.path() / "home")) != first);
        } else {
            CHECK(first.empty()); // SQLite in the home, whatever the developer's APICAT_STORE
            CHECK(store_variable(store_environment_for(other.path() / "home")).empty());
        }
        const ScratchDir pinned;
        apicat::test::pin_to_sqlite(pinned.path() / "home");
        CHECK(store_variable(store_environment_for(pinned.path() / "home")).empty());
        CHECK(apicat::test::store_location_for(pinned.path() / "home").home ==
              pinned.path() / "home");
    }

    TEST_CASE("the home of an apicat run is its --home, else APICAT_HOME, else the folder's home")
    {
        const std::filesystem::path cwd = "/projects/demo";
        CHECK(home_of_run({"catalog", "list"}, cwd, {}) == "/projects/demo/home");
        CHECK(home_of_run({"--home", "h", "catalog", "list"}, cwd, {}) == "/projects/demo/h");
        CHECK(home_of_run({"--home=/abs", "catalog", "list"}, cwd, {}) == "/abs");
        CHECK(home_of_run({"catalog", "list", "--home", "late"}, cwd, {}) == "/projects/demo/late");
        CHECK(home_of_run({"catalog", "list"}, cwd, {{"APICAT_HOME", "/env"}}) == "/env");
        CHECK(home_of_run({"--home", "h"}, cwd, {{"APICAT_HOME", "/env"}}) == "/projects/demo/h");
        // After "--", words belong to the line __complete completes.
        CHECK(home_of_run({"__complete", "app", "--", "--home", "x"}, cwd, {}) ==
              "/projects/demo/home");
    }
}

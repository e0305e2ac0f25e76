#include "store/states.hpp"

#include "errors.hpp"

#include <doctest/doctest.h>

#include <string>

namespace store = apicat::store;

TEST_CASE("every app state is written as its text and read back from it")
{
    CHECK(store::to_text(store::AppState::active) == "active");
    CHECK(store::to_text(store::AppState::suspended) == "suspended");
    CHECK(store::app_states.size() == 2);
    for (const store::AppState state : store::app_states) {
        CHECK(store::app_state_from_text(store::to_text(state)) == state);
    }
}

TEST_CASE("every subscription state is written as its text and read back from it")
{
    CHECK(store::to_text(store::SubscriptionState::active) == "active");
    CHECK(store::to_text(store::SubscriptionState::pending) == "pending");
    CHECK(store::subscription_states.size() == 2);
    for (const store::SubscriptionState state : store::subscription_states) {
        CHECK(store::subscription_state_from_text(store::to_text(state)) == state);
    }
}

TEST_CASE("a state's text that apicat does not know is refused, naming it")
{
    CHECK_THROWS_WITH_AS(store::app_state_from_text("frozen"), "unknown app state 'frozen'",
                         apicat::Error);
    CHECK_THROWS_WITH_AS(store::app_state_from_text("pending"), "unknown app state 'pending'",
                         apicat::Error);
    CHECK_THROWS_WITH_AS(store::app_state_from_text("Active"), "unknown app state 'Active'",
                         apicat::Error);
    CHECK_THROWS_WITH_AS(store::app_state_from_text(""), "unknown app state ''", apicat::Error);
    CHECK_THROWS_WITH_AS(store::subscription_state_from_text("approved"),
                         "unknown subscription state 'approved'", apicat::Error);
    CHECK_THROWS_WITH_AS(store::subscription_state_from_text("suspended"),
                         "unknown subscription state 'suspended'", apicat::Error);
}

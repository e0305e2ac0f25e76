#pragma once

// The states of an app and of a subscription. In the program they are enums; as text only at
// the edges: the stores' `state` columns, JSON and what the command line prints. Each enum has
// one pair of functions between the two, and the text is the same everywhere.

#include <array>
#include <string_view>

namespace apicat::store {

enum class AppState {
    active,    // "active": its calls are let through
    suspended, // "suspended": its calls are refused (403) until it is resumed
};

enum class SubscriptionState {
    active,  // "active"
    pending, // "pending": the plan needs approval, and calls under it are refused (403)
};

// Every value, for reading a text and for the tests.
inline constexpr std::array app_states{AppState::active, AppState::suspended};
inline constexpr std::array subscription_states{SubscriptionState::active,
                                                SubscriptionState::pending};

std::string_view to_text(AppState state);
std::string_view to_text(SubscriptionState state);

// The state a text names; an Error naming the text when it names none (a damaged store, or
// one a newer apicat wrote).
AppState app_state_from_text(std::string_view text);
SubscriptionState subscription_state_from_text(std::string_view text);

} // namespace apicat::store

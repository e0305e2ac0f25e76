#include "store/states.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <optional>

namespace apicat::store {

namespace {

// The state among `states` whose text is `text`, if any.
template <typename State, std::size_t count>
std::optional<State> state_named(const std::array<State, count>& states, std::string_view text)
{
    for (const State state : states) {
        if (to_text(state) == text) {
            return state;
        }
    }
    return std::nullopt;
}

} // namespace

std::string_view to_text(AppState state)
{
    switch (state) {
    case AppState::active:
        return "active";
    case AppState::suspended:
        return "suspended";
    }
    throw Error(fmt::format("unknown app state {}", static_cast<int>(state)));
}

std::string_view to_text(SubscriptionState state)
{
    switch (state) {
    case SubscriptionState::active:
        return "active";
    case SubscriptionState::pending:
        return "pending";
    }
    throw Error(fmt::format("unknown subscription state {}", static_cast<int>(state)));
}

AppState app_state_from_text(std::string_view text)
{
    if (const std::optional<AppState> state = state_named(app_states, text)) {
        return *state;
    }
    throw Error(fmt::format("unknown app state '{}'", text),
                "an app is 'active' or 'suspended': the store is damaged, or a newer apicat "
                "wrote it");
}

SubscriptionState subscription_state_from_text(std::string_view text)
{
    if (const std::optional<SubscriptionState> state = state_named(subscription_states, text)) {
        return *state;
    }
    throw Error(fmt::format("unknown subscription state '{}'", text),
                "a subscription is 'active' or 'pending': the store is damaged, or a newer "
                "apicat wrote it");
}

} // namespace apicat::store

#include "store/states.hpp"

#include "errors.hpp"

#include <fmt/format.h>

namespace apicat::store {

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
    for (const AppState state : app_states) {
        if (to_text(state) == text) {
            return state;
        }
    }
    throw Error(fmt::format("unknown app state '{}'", text),
                "an app is 'active' or 'suspended': the store is damaged, or a newer apicat "
                "wrote it");
}

SubscriptionState subscription_state_from_text(std::string_view text)
{
    for (const SubscriptionState state : subscription_states) {
        if (to_text(state) == text) {
            return state;
        }
    }
    throw Error(fmt::format("unknown subscription state '{}'", text),
                "a subscription is 'active' or 'pending': the store is damaged, or a newer "
                "apicat wrote it");
}

} // namespace apicat::store

#pragma once

// Where an operation takes an app's credentials, and putting them there. `apicat invoke` is
// given a client ID and secret and must send them as the published operation asks: in its
// headers or query parameters, or as HTTP basic authentication, and nothing the operation
// does not ask for (a secret sent where no scheme reads it would reach the upstream).

#include "gateway/engine.hpp"
#include "gateway/routes.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace apicat::gateway {

// A scheme that a security option names, as the gateway reads it.
struct NamedScheme {
    std::string name;
    openapi::SecurityScheme scheme;
};

// How a caller meets an operation's security options, read as the engine reads them: an app's
// credentials go to the first option that the gateway can check and that asks for a client ID,
// since that option identifies the app, even behind an option that admits anyone (`{}`), so
// that the app is held to its plan. `apicat invoke`, `apicat explore`'s curl line and the
// Explore page all fill in this option.
struct CredentialChoice {
    CredentialSlots slots; // empty when no option the gateway can check asks for a client ID
    // The schemes the gateway cannot check (OAuth, OpenID Connect, an undefined name...) in the
    // options before the chosen one, or in all options when none is chosen: a caller is told
    // why those get no credentials.
    std::vector<NamedScheme> unchecked;
    bool refused = false; // every option names a scheme the gateway cannot check: it admits no one
};
CredentialChoice choose_credentials(const std::vector<openapi::SecurityOption>& options,
                                    const std::map<std::string, openapi::SecurityScheme>& schemes);

// Where operation `operation` of `api` takes credentials: choose_credentials' slots.
CredentialSlots credential_slots(const RoutedApi& api, std::size_t operation);

// X-IBM-Client-Id and X-IBM-Client-Secret headers: what API Connect's gateways read when an
// API says no more, for a gateway that cannot tell where an operation takes credentials.
CredentialSlots well_known_credential_slots();

// Adds `credentials` to `request` where `slots` say: a header, a query parameter (appended
// to the target, percent-encoded), or an Authorization header for basic. An empty value, or a
// value with no slot, is not sent.
void place_credentials(Request& request, const CredentialSlots& slots,
                       const ClientCredentials& credentials);

} // namespace apicat::gateway

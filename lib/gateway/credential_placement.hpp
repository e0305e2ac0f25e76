#pragma once

// Where an operation takes an app's credentials, and putting them there. `apicat invoke` is
// given a client ID and secret and must send them as the published operation asks: in its
// headers or query parameters, or as HTTP basic authentication, and nothing the operation
// does not ask for (a secret sent where no scheme reads it would reach the upstream).

#include "gateway/engine.hpp"
#include "gateway/routes.hpp"

#include <cstddef>

namespace apicat::gateway {

// Where operation `operation` of `api` takes credentials: its first security option that the
// gateway can check and that asks for a client ID (the others admit anyone or no one). Empty
// when no option asks for a client ID.
CredentialSlots credential_slots(const RoutedApi& api, std::size_t operation);
// The same for an operation's effective security options and its API's schemes.
CredentialSlots credential_slots(const std::vector<openapi::SecurityOption>& options,
                                 const std::map<std::string, openapi::SecurityScheme>& schemes);

// X-IBM-Client-Id and X-IBM-Client-Secret headers: what API Connect's gateways read when an
// API says no more, for a gateway that cannot tell where an operation takes credentials.
CredentialSlots well_known_credential_slots();

// Adds `credentials` to `request` where `slots` say: a header, a query parameter (appended
// to the target, percent-encoded), or an Authorization header for basic. An empty value, or a
// value with no slot, is not sent.
void place_credentials(Request& request, const CredentialSlots& slots,
                       const ClientCredentials& credentials);

} // namespace apicat::gateway

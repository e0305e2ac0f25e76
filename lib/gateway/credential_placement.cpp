#include "gateway/credential_placement.hpp"

#include "util/base64.hpp"
#include "util/percent_encoding.hpp"

#include <algorithm>

namespace apicat::gateway {

namespace {

void place(Request& request, const std::optional<CredentialSlot>& slot, const std::string& value)
{
    if (!slot || value.empty()) {
        return;
    }
    if (slot->in == "query") {
        request.target += request.target.find('?') == std::string::npos ? "?" : "&";
        request.target += util::percent_encode_component(slot->name) + "=" +
                          util::percent_encode_component(value);
    } else {
        request.headers.push_back({slot->name, value});
    }
}

bool already_named(const std::vector<NamedScheme>& schemes, const std::string& name)
{
    return std::any_of(schemes.begin(), schemes.end(),
                       [&](const NamedScheme& scheme) { return scheme.name == name; });
}

} // namespace

CredentialChoice choose_credentials(const std::vector<openapi::SecurityOption>& options,
                                    const std::map<std::string, openapi::SecurityScheme>& schemes)
{
    using Kind = openapi::SecurityScheme::Kind;
    CredentialChoice choice;
    bool some_option_checked = false;
    for (const openapi::SecurityOption& option : options) {
        CredentialSlots slots;
        bool checked = true;
        for (const std::string& name : option) {
            auto it = schemes.find(name);
            if (it == schemes.end() || it->second.kind == Kind::unchecked) {
                checked = false;
                if (already_named(choice.unchecked, name)) {
                    continue;
                }
                choice.unchecked.push_back(
                    {name, it == schemes.end()
                               ? openapi::SecurityScheme{Kind::unchecked,
                                                         openapi::SecurityScheme::In::none, "",
                                                         "an undefined scheme"}
                               : it->second});
                continue;
            }
            const openapi::SecurityScheme& scheme = it->second;
            if (scheme.kind == Kind::basic) {
                slots.client_id = slots.client_secret = CredentialSlot{"basic", "Authorization"};
            } else {
                (scheme.kind == Kind::client_id ? slots.client_id : slots.client_secret) =
                    CredentialSlot{openapi::in_text(scheme.in), scheme.name};
            }
        }
        some_option_checked = some_option_checked || checked;
        if (checked && slots.client_id) {
            choice.slots = std::move(slots);
            return choice;
        }
    }
    choice.refused = !options.empty() && !some_option_checked;
    return choice;
}

CredentialSlots credential_slots(const RoutedApi& api, std::size_t operation)
{
    return choose_credentials(api.security[operation], api.schemes).slots;
}

CredentialSlots well_known_credential_slots()
{
    return {CredentialSlot{"header", "X-IBM-Client-Id"},
            CredentialSlot{"header", "X-IBM-Client-Secret"}};
}

void place_credentials(Request& request, const CredentialSlots& slots,
                       const ClientCredentials& credentials)
{
    if (slots.client_id && slots.client_id->in == "basic") {
        if (!credentials.client_id.empty()) {
            request.headers.push_back(
                {"Authorization", "Basic " + util::base64_encode(credentials.client_id + ":" +
                                                                 credentials.client_secret)});
        }
        return;
    }
    place(request, slots.client_id, credentials.client_id);
    place(request, slots.client_secret, credentials.client_secret);
}

} // namespace apicat::gateway

#include "gateway/credential_placement.hpp"

#include "util/base64.hpp"
#include "util/percent_encoding.hpp"

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

} // namespace

CredentialSlots credential_slots(const RoutedApi& api, std::size_t operation)
{
    return credential_slots(api.security[operation], api.schemes);
}

CredentialSlots credential_slots(const std::vector<openapi::SecurityOption>& options,
                                 const std::map<std::string, openapi::SecurityScheme>& schemes)
{
    for (const openapi::SecurityOption& option : options) {
        CredentialSlots slots;
        bool checked = true;
        for (const std::string& name : option) {
            auto it = schemes.find(name);
            using Kind = openapi::SecurityScheme::Kind;
            if (it == schemes.end() || it->second.kind == Kind::unchecked) {
                checked = false;
                break;
            }
            const openapi::SecurityScheme& scheme = it->second;
            if (scheme.kind == Kind::basic) {
                slots.client_id = slots.client_secret = CredentialSlot{"basic", "Authorization"};
            } else {
                (scheme.kind == Kind::client_id ? slots.client_id : slots.client_secret) =
                    CredentialSlot{openapi::in_text(scheme.in), scheme.name};
            }
        }
        if (checked && slots.client_id) {
            return slots;
        }
    }
    return {};
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

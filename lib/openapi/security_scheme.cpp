#include "openapi/security_scheme.hpp"

#include "openapi/security_edits.hpp"

namespace apicat::openapi {

namespace {

std::string text_at(const Json& definition, const char* key)
{
    auto it = definition.find(key);
    return it != definition.end() && it->is_string() ? it->get<std::string>() : std::string();
}

SecurityScheme read_api_key(const Json& definition)
{
    std::string in = text_at(definition, "in");
    std::string name = text_at(definition, "name");
    if (in != "header" && in != "query") {
        return SecurityScheme{SecurityScheme::Kind::unchecked, SecurityScheme::In::none, name,
                              "apiKey in " + in};
    }
    const std::string key_type = text_at(definition, "x-key-type");
    const bool secret = key_type.empty()
                            ? infer_key_type(name) == SecurityDefinitionSpec::KeyType::client_secret
                            : key_type == "client_secret";
    return SecurityScheme{
        secret ? SecurityScheme::Kind::client_secret : SecurityScheme::Kind::client_id,
        in == "query" ? SecurityScheme::In::query : SecurityScheme::In::header, name, ""};
}

SecurityScheme read_basic(const Json& definition)
{
    SecurityScheme scheme{SecurityScheme::Kind::basic, SecurityScheme::In::header, "Authorization",
                          ""};
    if (definition.contains("x-ibm-authentication-registry")) {
        scheme.kind = SecurityScheme::Kind::unchecked;
        scheme.what = "basic against user registry '" +
                      text_at(definition, "x-ibm-authentication-registry") + "'";
    } else if (definition.contains("x-ibm-authentication-url")) {
        scheme.kind = SecurityScheme::Kind::unchecked;
        scheme.what = "basic against an authentication URL";
    }
    return scheme;
}

} // namespace

SecurityScheme read_security_scheme(const Json& definition)
{
    if (!definition.is_object()) {
        return SecurityScheme{SecurityScheme::Kind::unchecked, SecurityScheme::In::none, "",
                              "an unreadable scheme"};
    }
    std::string type = text_at(definition, "type");
    if (type == "apiKey") {
        return read_api_key(definition);
    }
    std::string http_scheme = text_at(definition, "scheme");
    if (type == "basic" || (type == "http" && http_scheme == "basic")) {
        return read_basic(definition);
    }
    // OAuth and bearer tokens travel in the Authorization header: it is still a credential
    // of the API, which the gateway removes before forwarding.
    bool in_authorization = type == "oauth2" || type == "openIdConnect" || type == "http";
    return SecurityScheme{SecurityScheme::Kind::unchecked,
                          in_authorization ? SecurityScheme::In::header : SecurityScheme::In::none,
                          in_authorization ? "Authorization" : "",
                          type == "http" ? "http " + http_scheme : type};
}

std::string in_text(SecurityScheme::In in)
{
    switch (in) {
    case SecurityScheme::In::header:
        return "header";
    case SecurityScheme::In::query:
        return "query";
    case SecurityScheme::In::none:
        break;
    }
    return "";
}

std::string kind_text(SecurityScheme::Kind kind)
{
    switch (kind) {
    case SecurityScheme::Kind::client_id:
        return "client_id";
    case SecurityScheme::Kind::client_secret:
        return "client_secret";
    case SecurityScheme::Kind::basic:
        return "basic";
    case SecurityScheme::Kind::unchecked:
        break;
    }
    return "unchecked";
}

} // namespace apicat::openapi

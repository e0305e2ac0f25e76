#pragma once

// A security definition as apicat reads it, in one place for the gateway and for publish's
// checks: which credential it carries and where, or, for a scheme apicat's gateway does not
// check (OAuth, OpenID Connect, basic against a user registry...), what it is.

#include "json.hpp"

#include <string>

namespace apicat::openapi {

struct SecurityScheme {
    enum class Kind {
        client_id,     // an apiKey carrying the client ID
        client_secret, // an apiKey carrying the client secret
        basic,         // HTTP basic: user name = client ID, password = client secret
        unchecked,     // a scheme apicat's gateway cannot check: never satisfied
    };
    // Where the credential travels: none for a scheme without a header or parameter (mutual
    // TLS, an apiKey in a cookie).
    enum class In { none, header, query };
    Kind kind = Kind::unchecked;
    In in = In::none; // basic and bearer-like schemes: header
    std::string name; // the header or query parameter; "Authorization" for basic
    std::string what; // unchecked: what it is, "oauth2", "basic against user registry 'ldap'"
};

// `definition` is one entry of securityDefinitions (2.0) or components.securitySchemes (3.x).
// An apiKey's x-key-type says which credential it carries; without one, a name ending in
// "secret" carries the secret. API Connect checks a basic definition with
// x-ibm-authentication-registry or x-ibm-authentication-url against a user registry: apicat
// cannot, so those are unchecked, while a plain basic definition carries the app's
// credentials.
SecurityScheme read_security_scheme(const Json& definition);

// "header", "query" or "" (none).
std::string in_text(SecurityScheme::In in);

// "client_id", "client_secret", "basic" or "unchecked", as JSON output shows a scheme's kind.
std::string kind_text(SecurityScheme::Kind kind);

} // namespace apicat::openapi

#pragma once

// x-ibm-configuration.cors: whether the gateway handles cross-origin requests (CORS) for an
// API, and from which origins, as API Connect writes it for the DataPower API Gateway:
//
//   cors:
//     enabled: true          # absent or false: the gateway does no CORS handling
//     policy:                # optional: without it, every origin is accepted
//       - allow-origin: [https://app.example.com]
//         allow-credentials: true          # Access-Control-Allow-Credentials: true
//         expose-headers:                  # what Access-Control-Expose-Headers lists
//           predefined: true               #   the gateway's own headers (the default)
//           backend: true                  #   the upstream's Access-Control-Expose-Headers
//           custom: X-Trace-Id             #   more names
//
// docs/gateway.md ("CORS") says what the gateway does with them.

#include "openapi/draft.hpp"
#include "openapi/validation.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace apicat::openapi {

// One rule of a CORS policy: the origins it accepts, and what the responses to them carry.
struct CorsRule {
    std::vector<std::string> allow_origin; // as written; "*" accepts any origin
    bool allow_credentials = false;
    bool expose_predefined = true;
    bool expose_backend = false;
    std::string expose_custom; // as written: names separated by commas

    bool accepts(std::string_view origin) const;
};

struct CorsSettings {
    bool enabled = false;
    // Whether a policy limits the origins: then only an origin one of `rules` accepts is, and
    // the first such rule says what its responses carry. Without one, every origin is.
    bool restricted = false;
    std::vector<CorsRule> rules;

    // The rule that accepts `origin`, or nullptr: when no policy restricts the origins, a
    // rule of the defaults (credentials allowed, the gateway's own headers exposed), as API
    // Connect's gateway answers an API without a policy.
    const CorsRule* rule_for(std::string_view origin) const;
};

// The draft's settings. What does not have API Connect's shape is an error in `findings`, and
// is read as accepting less, never more: a rule that does not read accepts no origin.
CorsSettings read_cors_settings(const Draft& draft, std::vector<Finding>& findings);

// The same, for a draft already checked (a published one): the findings are dropped.
CorsSettings read_cors_settings(const Draft& draft);

} // namespace apicat::openapi

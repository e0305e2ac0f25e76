#pragma once

// The request a call's flow sends to its upstream: the target-url filled in with the call's
// values, the verb and timeout of the invoke, the call's headers less its credentials and what
// the forwarding policy holds back (gateway/forwarding.hpp), changed by the flow's set-variable
// actions and passed through the invoke's header-control, and the query parameters its
// parameter-control lets through.

#include "assembly/flow.hpp"
#include "gateway/engine.hpp"
#include "gateway/request_parts.hpp"
#include "gateway/routes.hpp"

#include <string>
#include <vector>

namespace apicat::gateway {

struct CallInFlow {
    const Request& request;
    const RequestParts& parts;
    std::string path;           // after the catalog: /weather/items/7
    std::string operation_path; // the part under the base path: /items/7
    std::string path_template;  // the operation's: /items/{id}
    const CredentialNames& credentials;
};

Forward upstream_request(const assembly::Flow& flow, const CallInFlow& call);

} // namespace apicat::gateway

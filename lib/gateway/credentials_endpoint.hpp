#pragma once

// The gateway's own paths, under "/-/", outside every catalog: a catalog's name cannot start
// with '-', so they never shadow a catalog or an API's base path (docs/gateway.md).
//
// GET /-/credentials?method=M&target=T tells where the operation that "M T" reaches (T as a
// client sends it, catalog first) takes an app's credentials:
//   {"client_id": {"in": "header", "name": "X-IBM-Client-Id"},
//    "client_secret": {"in": "header", "name": "X-IBM-Client-Secret"}}
// with "in" one of header, query and basic (name "Authorization"), and `{}` when the operation
// asks for no client ID or the request reaches none. `apicat invoke --gateway` asks it before
// the call, so that it sends the credentials as the published operation asks.

#include "gateway/engine.hpp"
#include "json.hpp"

#include <optional>
#include <string>

namespace apicat::gateway {

// Whether `target` is one of the gateway's own paths, which Engine::decide answers itself.
bool is_gateway_path(const std::string& target);

// The answer to a request for one of the gateway's own paths: 200 with the JSON above, 400
// when method or target is missing, 405 for anything but GET and HEAD, 404 for an unknown path.
Answer answer_gateway_path(const Engine& engine, const Request& request);

// The target of the question for `method` and `target` ("/sandbox/weather/current?zip=1": the
// query is left out, as where credentials go does not depend on it).
std::string credentials_question(const std::string& method, const std::string& target);

// The JSON above for `slots`: the answer's body, and the Explore page's credentials of an
// operation.
Json credential_slots_json(const CredentialSlots& slots);

// The slots an answer's body gives; nothing when it is not such an answer (the server that
// answered is not an apicat gateway).
std::optional<CredentialSlots> read_credentials_answer(const std::string& body);

} // namespace apicat::gateway

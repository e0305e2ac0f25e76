#pragma once

// What an API's CORS settings (x-ibm-configuration.cors, read once into RoutedApi::cors) make
// of a request, as API Connect's DataPower API Gateway does (docs/gateway.md, "CORS"):
//
// - with CORS enabled, the gateway answers a preflight itself, without the security checks (a
//   browser sends no credentials with one), and puts the CORS fields on every response of
//   the API, refusals included: a page cannot read a 401's body otherwise;
// - with a policy, an Origin no rule accepts is refused (403), preflight or not;
// - with CORS off, the gateway adds nothing and an OPTIONS is routed as any method.

#include "gateway/answers.hpp"
#include "gateway/cors_response.hpp"
#include "gateway/engine.hpp"
#include "gateway/routes.hpp"

#include <optional>
#include <string>

namespace apicat::gateway {

// A CORS preflight: OPTIONS with Origin and Access-Control-Request-Method, which a browser
// sends before a cross-origin call that is not "simple", to ask whether it may.
bool is_preflight(const Request& request);

// The method a preflight asks about (Access-Control-Request-Method).
std::string preflight_method(const Request& request);

// What CORS makes of a call (not a preflight) that reached `api`: nothing when CORS is off; a
// refusal (403) when a policy accepts no rule for its Origin; otherwise the fields for its
// response, whatever that response is.
struct CorsVerdict {
    std::optional<CorsResponse> response;
    std::optional<Answer> refusal;
};
CorsVerdict cors_for_call(const RoutedApi& api, const Request& request);

// The gateway's answer to a preflight for `api` (CORS enabled) at `path` (after the catalog):
// 200 with the origin, the methods the path has and the headers asked for; 403 when a policy
// does not accept the origin.
Answer answer_preflight(const RoutedApi& api, const Request& request, const std::string& path);

} // namespace apicat::gateway

#pragma once

// What an API Connect assembly does with the calls of one operation, as apicat's gateway runs
// it: the headers set-variable sets on the way, then the upstream the first invoke or proxy
// calls, or the error a throw ends the call with. The branches of operation-switch and switch
// depend only on the operation, so each operation's flow is worked out once, when the route
// table is built, and a call only fills in its own values (docs/assembly.md).

#include "assembly/variables.hpp"
#include "openapi/draft.hpp"
#include "openapi/validation.hpp"

#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <vector>

namespace apicat::assembly {

// An invoke's header-control or parameter-control: the names it lets through, by regular
// expressions matched anywhere in the name, ignoring case.
struct NameFilter {
    bool allow = false; // allowlist (whitelist): only matches pass; blocklist: matches do not
    std::vector<std::regex> patterns;

    bool admits(const std::string& name) const;
};

struct HeaderAction {
    enum class Kind { set, add, clear };
    Kind kind = Kind::set;
    std::string header;
    CallTemplate value;
};

struct UpstreamCall {
    std::string policy; // invoke | proxy
    CallTemplate target;
    std::string verb; // empty: the call's own method
    std::chrono::milliseconds timeout{60000};
    std::optional<NameFilter> header_control;
    std::optional<NameFilter> parameter_control;
};

// A throw that ends the call: its status (500 unless the draft gives error-status-code).
struct Thrown {
    int status = 500;
    std::string name;
    std::string message;
};

struct Flow {
    std::vector<HeaderAction> request_headers; // in order, before the upstream is called
    std::optional<UpstreamCall> upstream;
    std::optional<Thrown> thrown;
};

// The flow of `operation`'s calls in `catalog`. What stops the flow from being run as written
// (a variable the draft does not define, a policy after the invoke) is added to `findings`,
// located in the document.
Flow compile_flow(const openapi::Draft& draft, const openapi::Operation& operation,
                  const std::string& catalog, std::vector<openapi::Finding>& findings);

// The policy of an assembly step, `{invoke: {...}}`: its one key, or empty.
std::string policy_name(const Json& step);

} // namespace apicat::assembly

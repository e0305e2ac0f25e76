#pragma once

// Requests the gateway refuses before routing, whatever is published: those whose target could
// mean one thing to the gateway, which checks credentials per operation, and another to the
// upstream, which decodes and normalizes paths its own way. Refusing them is what keeps
// `GET /files/..%2Fadmin` from reaching a secured `/admin` through a public `/files/{name}`.

#include "gateway/engine.hpp"

#include <optional>

namespace apicat::gateway {

// A 400 for a target that is not a path ("*", "http://host/x"); a raw space, '#' or control
// character anywhere in the target (the upstream's request line would carry it); a path with
// a dot segment ("/a/../b", also percent-encoded), an encoded slash or backslash ("%2F",
// "%5C"), a raw backslash, a control character or a byte that is not UTF-8 once decoded; or
// a query whose decoded names and values are not UTF-8 text (a NUL counts as not text).
// Nothing otherwise. The answer never quotes the request: it may carry credentials.
std::optional<Answer> refuse_unsafe_target(const std::string& target);

} // namespace apicat::gateway

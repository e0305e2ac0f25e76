#pragma once

// A sample value that fits a JSON schema (an OpenAPI 2.0 schema object or a 3.x one), for
// the `mock:` upstream to answer with when a response documents a schema but no example.
//
// An `example` or a `default`, at any depth, is the sample of its schema. Otherwise: a
// local `$ref` is followed (a reference back into a schema being sampled is a cycle, and so
// is one past the depth a document may nest or past a budget of references: an optional
// property that would close it is left out, an array that would is empty); `allOf`
// merges its samples; `oneOf` and `anyOf` take their first alternative; `enum` its first
// value; an array has one item, an object every property that is not `writeOnly`, required or
// not; a string fits its `format` (date, date-time, uuid, email, uri, ...) and its length
// bounds, a number its bounds.

#include "json.hpp"

namespace apicat::gateway {

// A sample of `schema`, whose `$ref`s point into `document`. null when nothing can be said
// (an empty schema, a reference that leads nowhere).
Json schema_sample(const Json& schema, const Json& document);

} // namespace apicat::gateway

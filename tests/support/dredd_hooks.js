// Dredd hooks for test_e2e_mock.cpp: they work around two bugs of Dredd 14 itself, and
// change nothing else Dredd checks (status, headers, the body against its JSON schema).
//
// - Dredd validates bodies with Ajv 6, which throws on a `format` it does not know, and
//   OpenAPI's own formats are among those: every schema with an int64 errors
//   (apiaryio/dredd#1879). They are removed from the expected body's schema; the formats
//   Ajv knows (date-time, uuid, email, uri, ...) stay and are checked.
// - Dredd expects the Content-Type of `produces` on a 204, which has no body and so no
//   Content-Type (apiaryio/dredd#1146). That expectation is removed for 204 alone.
const hooks = require('hooks');

// The formats of OpenAPI 2.0 and 3.0 (Data Types) that JSON Schema draft 7 does not define.
const openapiOnlyFormats = new Set(['int32', 'int64', 'float', 'double', 'byte', 'binary',
                                    'password']);

function withoutOpenapiFormats(schema) {
  if (Array.isArray(schema)) {
    return schema.map(withoutOpenapiFormats);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const kept = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!(key === 'format' && openapiOnlyFormats.has(value))) {
      kept[key] = withoutOpenapiFormats(value);
    }
  }
  return kept;
}

hooks.beforeEachValidation((transaction) => {
  const expected = transaction.expected;
  if (expected.bodySchema) {
    const schema = typeof expected.bodySchema === 'string' ? JSON.parse(expected.bodySchema)
                                                           : expected.bodySchema;
    expected.bodySchema = JSON.stringify(withoutOpenapiFormats(schema));
  }
  if (String(expected.statusCode) === '204' && expected.headers) {
    delete expected.headers['Content-Type'];
  }
});

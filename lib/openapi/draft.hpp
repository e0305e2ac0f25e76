#pragma once

// A draft API: an OpenAPI 2.0 or 3.x document, and what apicat reads out of it (base path,
// upstream, operations, security definitions and options) whichever version it is.

#include "json.hpp"
#include "openapi/document_editor.hpp"
#include "openapi/source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::openapi {

enum class OpenApiVersion { v2, v3 };

struct Draft {
    Source source;
    Json document;
    OpenApiVersion version = OpenApiVersion::v2;
};

// Reads and parses `file` and checks that it is OpenAPI 2.0, 3.0 or 3.1.
Draft load_draft(const std::string& file);
Draft draft_from_source(Source source);

// "2.0", "3.0.3", ...
std::string openapi_version_text(const Draft& draft);

// Where the named security schemes live: securityDefinitions or components.securitySchemes.
Path security_definitions_path(OpenApiVersion version);
// The schemes (an empty object when there are none).
Json security_definitions(const Draft& draft);
std::vector<std::string> security_definition_names(const Draft& draft);

std::string api_title(const Draft& draft);
std::string api_version(const Draft& draft);
// The path every operation is served under: basePath (2.0) or the first server's path (3.x).
std::string base_path(const Draft& draft);
// Where base_path() reads it from: {"basePath"} or {"servers", "0", "url"}.
Path base_path_path(OpenApiVersion version);

// The gateway keeps the paths under "/-/" for its own (/-/explore, /-/metrics,
// /-/credentials): no API is served at "/-" or below "/-/".
bool is_reserved_base_path(std::string_view base_path);

// Where the gateway forwards: the first invoke or proxy target-url anywhere in the assembly
// (docs/assembly.md says how each operation finds its own). upstream_path() is where a new
// draft gets its one.
Path upstream_path();
std::optional<std::string> upstream(const Draft& draft);

// "GET /current" as the user writes it.
struct OperationRef {
    std::string method; // upper case
    std::string path;

    std::string str() const { return method + " " + path; }
};

// Parses "GET /current" (method in any case). Throws UsageError with the expected form.
OperationRef parse_operation_ref(const std::string& text);

struct Operation {
    OperationRef ref;
    std::string operation_id;
    Path where; // {"paths", path, method}
};

// In document order.
std::vector<Operation> list_operations(const Draft& draft);
// Throws Error naming the operations there are when `ref` is not one of them.
Operation find_operation(const Draft& draft, const OperationRef& ref);

bool is_operation_method(OpenApiVersion version, const std::string& lower_case_method);

// A security requirement option: scheme names required together.
using SecurityOption = std::vector<std::string>;

struct EffectiveSecurity {
    std::vector<SecurityOption> options; // alternatives; empty means public
    bool from_operation = false;         // the operation overrides the API level
};

std::vector<SecurityOption> security_options(const Json& security_list);
EffectiveSecurity effective_security(const Draft& draft, const Operation& operation);

// "client-id+client-secret | basic", or "none (public)".
std::string describe_security(const std::vector<SecurityOption>& options);

} // namespace apicat::openapi

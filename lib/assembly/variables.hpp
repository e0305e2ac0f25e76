#pragma once

// Variable references in an assembly, as API Connect writes them in a target-url or a
// set-variable value: "$(weather-host)/current?zipcode=$(request.parameters.zipcode)".
//
// A template is resolved once, when the route table is built: what is known then (API
// properties for the catalog, the base path, the operation) becomes text, and only what each
// call brings is left for the call to fill in. The names apicat knows (docs/assembly.md):
//
//   $(request.path)             the path after the catalog, base path included: /weather/current
//   $(request.search)           the query with its '?', credentials removed, or nothing
//   $(request.parameters.NAME)  the parameter NAME of the call (query, path, then header)
//   $(api.root)                 the base path: /weather
//   $(api.operation.path)       the operation's path template: /items/{id}
//   $(api.operation.id)         its operationId
//   $(api.name), $(api.version), $(api.catalog.name)
//   $(NAME), $(api.properties.NAME)  an API property (x-ibm-configuration.properties), with
//                               the catalog's own value (catalogs.CATALOG.properties) first

#include "openapi/draft.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::assembly {

// One piece of a resolved template: text, or what a call fills in.
struct CallPiece {
    enum class Kind { text, request_path, request_search, parameter };
    Kind kind = Kind::text;
    std::string text; // the text, or the parameter's name
};

struct CallTemplate {
    std::vector<CallPiece> pieces;

    // The text before the first piece a call fills in: "mock:" or "https://host".
    std::string_view literal_prefix() const;
};

// What one call brings to its templates.
struct CallValues {
    std::string path;   // request.path, percent-encoded
    std::string search; // request.search: "?zipcode=90210" or ""
    // request.parameters.NAME, as the call sent it (decoded); nothing when absent.
    std::function<std::optional<std::string>(const std::string&)> parameter;
};

// Whether a value goes into a URL (parameters percent-encoded) or a header (as they are, less
// any line break).
enum class Placement { url, header };

std::string render(const CallTemplate& resolved, const CallValues& values, Placement placement);

// The API properties as one catalog sees them: x-ibm-configuration.properties NAME.value,
// overridden by x-ibm-configuration.catalogs.CATALOG.properties NAME.
std::map<std::string, std::string> api_properties(const Json& document, const std::string& catalog);

// Everything a template may name that is known before the call.
struct Scope {
    std::map<std::string, std::string> properties;
    std::map<std::string, std::string> known; // api.root, api.operation.path, ...
    std::vector<std::string> parameters;      // the operation's declared parameters
};

Scope operation_scope(const openapi::Draft& draft, const openapi::Operation& operation,
                      const std::string& catalog);

struct Resolution {
    CallTemplate resolved;
    std::vector<std::string> undefined; // names the scope does not define, in order
};

// Resolves `text` in `scope`. A "$(" with no closing ")" stays text, as API Connect passes it
// on unchanged; an undefined name becomes empty text and is listed.
Resolution resolve(const std::string& text, const Scope& scope);

} // namespace apicat::assembly

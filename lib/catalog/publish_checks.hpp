#pragma once

// What publish checks of a draft and of a product, in one place: `publish` refuses on the
// first error and reports the warnings, `api validate` and `product validate` report them
// all, so that a draft they pass is a draft publish takes.

#include "errors.hpp"
#include "openapi/draft.hpp"
#include "openapi/validation.hpp"
#include "product/product.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::catalog {

// validate_draft's findings, then the assembly's (docs/assembly.md: policies the gateway does
// not run are warnings, a variable the draft does not define and a draft with no upstream are
// errors), then a base path the gateway keeps for itself ("/-" and under "/-/": an error),
// then the security options': an option that asks for a secret but no client ID is
// an error; one that needs a scheme apicat's gateway does not check (OAuth, OpenID Connect,
// basic against a user registry) is a warning, since the gateway never admits a call through
// it. A CORS section (x-ibm-configuration.cors) not of API Connect's shape is an error.
// `catalog` is the catalog published to, whose API properties count; empty means the
// default catalog, where `apicat publish` puts a product.
std::vector<openapi::Finding> publish_findings(const openapi::Draft& draft,
                                               const std::string& catalog);

// One API of a product, read as publish reads it.
struct CheckedApi {
    product::ProductApi api;
    std::string file; // the draft's path, resolved against the product file
    std::optional<openapi::Draft> draft;
    std::optional<Error> load_error; // when the draft could not be read: no draft then
    std::vector<openapi::Finding> findings;
};

struct ProductChecks {
    std::vector<CheckedApi> apis; // in the product's order
    std::vector<Error> problems;  // the product's own, such as two APIs under one base path
};

// Reads every draft `product` references and checks each, and the product, as publish does.
// Throws nothing for a draft's problems: they are in the result.
ProductChecks check_product(const product::Product& product, const std::string& catalog);

// A finding with its place in its file.
struct LocatedFinding {
    openapi::Finding::Severity severity = openapi::Finding::Severity::error;
    SourceLocation at;
    std::string message;

    // "weather.yaml:12:5: the security option ..."
    std::string str() const { return at.str() + ": " + message; }
};

std::vector<LocatedFinding> locate_findings(const openapi::Draft& draft,
                                            const std::vector<openapi::Finding>& findings);
// The findings of one checked API, located (an unreadable draft has none).
std::vector<LocatedFinding> locate_findings(const CheckedApi& checked);

} // namespace apicat::catalog

#pragma once

// Completing a draft without an editor: adding and removing operations.

#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::openapi {

struct ParameterSpec {
    std::string name;
    std::string in;              // query | header | path | formData (2.0) | cookie (3.x)
    std::string type = "string"; // string | integer | number | boolean | array
    bool required = false;
};

// "zipcode:query:string:required", "id:path", "verbose:query:boolean". Throws UsageError.
ParameterSpec parse_parameter_spec(const std::string& text);

struct ResponseSpec {
    std::string code; // "200" ... or "default"
    std::string description;
};

// "200", "404:Not found", "default:Error". Throws UsageError.
ResponseSpec parse_response_spec(const std::string& text);

struct OperationSpec {
    OperationRef ref;
    std::vector<ParameterSpec> parameters;
    std::vector<ResponseSpec> responses; // none given: 200 OK
    std::optional<Json> example;         // the body of the first response
};

// The operation object the draft's version writes; path template parameters ("{id}") are
// added when not given. Throws UsageError.
Json operation_json(const OperationSpec& spec, OpenApiVersion version,
                    const std::vector<std::string>& taken_operation_ids);

std::string add_operation(DocumentEditor& editor, const Draft& draft, const OperationSpec& spec,
                          bool force);

// Removes the operation, and its path when no operation is left there.
std::string remove_operation(DocumentEditor& editor, const Draft& draft, const OperationRef& ref);

} // namespace apicat::openapi

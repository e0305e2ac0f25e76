#pragma once

// Securing a draft: named security schemes (definitions) and the options that require them.
// Each function edits through a DocumentEditor, so only the edited part of the file changes,
// and returns a sentence saying what it did, for the user.

#include "openapi/document_editor.hpp"
#include "openapi/draft.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::openapi {

// The security definitions apicat writes: an apiKey carrying the client ID or the client
// secret, or basic authentication carrying both.
struct SecurityDefinitionSpec {
    enum class Type { api_key, basic };
    enum class Place { header, query }; // where an apiKey travels
    // Which credential an apiKey carries; inferred: by the key's name (infer_key_type).
    enum class KeyType { inferred, client_id, client_secret };

    std::string name;
    Type type = Type::api_key;
    Place in = Place::header; // apiKey
    std::string key;          // apiKey: the header or query parameter that carries it
    KeyType key_type = KeyType::inferred;
    std::string description;
};

// A key named like "...secret" (any case) carries a client secret; any other a client ID.
// Never KeyType::inferred.
SecurityDefinitionSpec::KeyType infer_key_type(const std::string& key);

// The definition as the draft's version writes it. Throws UsageError for a bad spec.
Json security_definition_json(const SecurityDefinitionSpec& spec, OpenApiVersion version);

std::string add_security_definition(DocumentEditor& editor, const Draft& draft,
                                    const SecurityDefinitionSpec& spec, bool force);

// Refuses while an option refers to `name`, naming where; with `force`, removes those
// references too (an option left empty is dropped, since an empty option admits anyone).
std::string remove_security_definition(DocumentEditor& editor, const Draft& draft,
                                       const std::string& name, bool force);

// "API level" or "GET /current": each place whose options refer to `name`.
std::vector<std::string> security_references(const Draft& draft, const std::string& name);

// Adds one option requiring all `names` together, at API level or on one operation.
std::string add_security_option(DocumentEditor& editor, const Draft& draft,
                                const SecurityOption& names,
                                const std::optional<OperationRef>& operation);

// Removes the option that requires exactly `names`.
std::string remove_security_option(DocumentEditor& editor, const Draft& draft,
                                   const SecurityOption& names,
                                   const std::optional<OperationRef>& operation);

// API level: no options at all. An operation: `security: []`, a public operation.
std::string clear_security(DocumentEditor& editor, const Draft& draft,
                           const std::optional<OperationRef>& operation);

} // namespace apicat::openapi

#pragma once

// apicat app import: many apps with their subscriptions, from JSON lines, in one transaction.
// Each line is one app:
//
//   {"name": "a", "client_id": "…", "client_secret": "…",
//    "subscriptions": [{"product": "weather-product", "plan": "default"}]}
//
// An app given without credentials gets new ones (as `app register` makes them); a given
// client ID, and secret, are kept, so consumers migrating from another API manager keep theirs.
// A client ID without a secret makes an app without one (as `app register --no-secret`). All
// or nothing: any wrong line is an Error naming it, `SOURCE:LINE: …`, and nothing is imported.

#include "store/store.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apicat::catalog {

struct ImportedSubscription {
    std::string product;
    std::string plan;
};

// One line, read and checked on its own (not yet against the store or the other lines).
struct ImportLine {
    std::size_t line = 0; // 1-based
    std::string name;
    std::string client_id;     // empty: make one, and a secret
    std::string client_secret; // the plain secret given; empty with a client ID: no secret
    std::vector<ImportedSubscription> subscriptions;
};

// A client ID given to import: printable ASCII without spaces, 1 to 128 characters, so that
// IDs issued by another API manager fit (apicat's own are 32 hex digits).
constexpr std::size_t max_imported_client_id = 128;
bool is_importable_client_id(std::string_view client_id);

// Reads one line (without its newline). Throws Error("SOURCE:LINE: …", hint) when it is not a
// JSON object of that shape.
ImportLine parse_import_line(std::string_view text, const std::string& source, std::size_t line);

// Credentials made by the import: printed once, never stored in the clear.
struct MadeCredentials {
    std::string name;
    std::string client_id;
    std::string client_secret;
};

struct ImportResult {
    std::size_t apps = 0;
    std::size_t subscriptions = 0;
    std::size_t pending = 0;           // subscriptions waiting for approval
    std::vector<MadeCredentials> made; // in the order of the lines
};

// Imports every non-blank line of `text` (read from `source`, as messages name it) into
// `catalog` within `transaction`. Throws Error("SOURCE:LINE: …", hint) on the first wrong line:
// the caller's transaction then rolls back.
ImportResult import_apps(store::Transaction& transaction, const std::string& catalog,
                         std::string_view text, const std::string& source);

} // namespace apicat::catalog

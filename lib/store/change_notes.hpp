#pragma once

// What one write transaction changed that a running gateway holds, gathered until it commits
// and then appended to the change sequence (store.hpp, docs/store.md). Every store notes its
// changes here, so that both follow the same rules.

#include "store/store.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace apicat::store {

// How many entries of the change sequence a store keeps. A gateway that falls further behind
// (one that was stopped for a while) reads its catalog again as at start.
inline constexpr std::int64_t changes_kept = 10000;

class ChangeNotes {
public:
    // Many changes to one catalog's apps (a bulk import) become one ChangeKind::all_apps: a
    // gateway then drops its cached apps of that catalog at once rather than read thousands of
    // entries of the change sequence.
    static constexpr std::size_t apps_noted_one_by_one = 1000;

    // The app of `client_id` changed; an empty client ID (no such app) notes nothing.
    void app(const std::string& catalog, const std::string& client_id);
    void all_apps(const std::string& catalog);
    void products(const std::string& catalog);

    // True once all of the catalog's apps are noted: naming one more app adds nothing, so a
    // store may skip looking up its client ID.
    bool has_all_apps(const std::string& catalog) const;

    bool empty() const;
    // The changes to append, in the order they are applied (sequence numbers are the store's),
    // and forgets them.
    std::vector<Change> take();

private:
    std::set<std::pair<std::string, std::string>> apps_; // (catalog, client_id)
    std::set<std::string> all_apps_;                     // catalogs
    std::set<std::string> products_;                     // catalogs
};

// How a change's kind is written in the store, and read back.
const char* change_kind_name(ChangeKind kind);
ChangeKind change_kind_named(const std::string& name);

} // namespace apicat::store

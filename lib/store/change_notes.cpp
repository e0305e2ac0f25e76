#include "store/change_notes.hpp"

namespace apicat::store {

void ChangeNotes::app(const std::string& catalog, const std::string& client_id)
{
    if (client_id.empty() || all_apps_.contains(catalog)) {
        return;
    }
    apps_.emplace(catalog, client_id);
    const auto first = apps_.lower_bound({catalog, ""});
    auto last = first;
    std::size_t count = 0;
    while (last != apps_.end() && last->first == catalog) {
        ++last;
        ++count;
    }
    if (count > apps_noted_one_by_one) {
        apps_.erase(first, last);
        all_apps_.insert(catalog);
    }
}

void ChangeNotes::all_apps(const std::string& catalog)
{
    all_apps_.insert(catalog);
}

void ChangeNotes::products(const std::string& catalog)
{
    products_.insert(catalog);
}

bool ChangeNotes::has_all_apps(const std::string& catalog) const
{
    return all_apps_.contains(catalog);
}

bool ChangeNotes::empty() const
{
    return apps_.empty() && all_apps_.empty() && products_.empty();
}

std::vector<Change> ChangeNotes::take()
{
    std::vector<Change> changes;
    for (const auto& [catalog, client_id] : apps_) {
        if (!all_apps_.contains(catalog)) {
            changes.push_back(
                Change{.catalog = catalog, .kind = ChangeKind::app, .client_id = client_id});
        }
    }
    for (const std::string& catalog : all_apps_) {
        changes.push_back(
            Change{.catalog = catalog, .kind = ChangeKind::all_apps, .client_id = {}});
    }
    for (const std::string& catalog : products_) {
        changes.push_back(
            Change{.catalog = catalog, .kind = ChangeKind::products, .client_id = {}});
    }
    *this = {};
    return changes;
}

const char* change_kind_name(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::app:
        return "app";
    case ChangeKind::all_apps:
        return "all-apps";
    case ChangeKind::products:
        break;
    }
    return "products";
}

ChangeKind change_kind_named(const std::string& name)
{
    if (name == "app") {
        return ChangeKind::app;
    }
    // Anything else, even a kind a newer apicat wrote, makes the reader refresh more, not less.
    return name == "products" ? ChangeKind::products : ChangeKind::all_apps;
}

} // namespace apicat::store

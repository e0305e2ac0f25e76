#include "catalog/publish.hpp"

#include "catalog/catalogs.hpp"
#include "catalog/product_snapshot.hpp"
#include "errors.hpp"
#include "openapi/draft.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace apicat::catalog {

namespace fs = std::filesystem;

namespace {

// Refuses on the first error, located: a draft that cannot be read, a finding, then the
// product's own problems.
void refuse_on_errors(const ProductChecks& checks)
{
    for (const CheckedApi& checked : checks.apis) {
        if (checked.load_error) {
            throw *checked.load_error;
        }
        for (const LocatedFinding& finding : locate_findings(checked)) {
            if (finding.severity == openapi::Finding::Severity::error) {
                throw Error(
                    finding.str(),
                    fmt::format("'apicat api validate {}' lists every problem", checked.file));
            }
        }
    }
    if (!checks.problems.empty()) {
        throw checks.problems.front();
    }
}

// Each operation as published, with the security it needs, by "GET /current": two snapshots'
// operations are compared whole.
Json operations_by_name(const ApiSnapshot& api)
{
    Json operations = Json::object();
    for (std::size_t i = 0; i < api.operations.size(); ++i) {
        const openapi::Operation& operation = api.operations[i];
        const Json* body = &api.draft.document;
        for (const std::string& step : operation.where) {
            body = &body->at(step);
        }
        Json described = *body;
        described["x-effective-security"] = Json(api.security[i]);
        operations[operation.ref.str()] = std::move(described);
    }
    return operations;
}

Json apis_by_name(const ProductSnapshot& product)
{
    Json apis = Json::object();
    for (const ApiSnapshot& api : product.apis) {
        apis[api.name] = true;
    }
    return apis;
}

template <typename Compare>
void compare_members(const Json& before, const Json& after, const std::string& kind,
                     const std::string& suffix, std::vector<std::string>& changes, Compare&& same)
{
    for (const auto& [name, value] : after.items()) {
        if (!before.contains(name)) {
            changes.push_back(fmt::format("added {} {}{}", kind, name, suffix));
        } else if (!same(before[name], value)) {
            changes.push_back(fmt::format("changed {} {}{}", kind, name, suffix));
        }
    }
    for (const auto& [name, value] : before.items()) {
        if (!after.contains(name)) {
            changes.push_back(fmt::format("removed {} {}{}", kind, name, suffix));
        }
    }
}

// A plan that lists operations must list ones its api has: a misspelt operationId would
// otherwise shut its subscribers out of the operation without a word.
void check_plan_operations(const product::Product& product, const ProductChecks& checks)
{
    for (const product::Plan& plan : product.plans) {
        if (!plan.apis) {
            continue;
        }
        for (const product::PlanApi& included : *plan.apis) {
            auto checked =
                std::find_if(checks.apis.begin(), checks.apis.end(), [&](const CheckedApi& each) {
                    return each.api.name == included.name;
                });
            if (checked == checks.apis.end()) {
                continue; // reading the plans refused an api the product does not have
            }
            const std::vector<openapi::Operation> operations =
                openapi::list_operations(*checked->draft);
            for (const product::PlanOperation& listed : included.operations) {
                if (std::none_of(operations.begin(), operations.end(), [&](const auto& operation) {
                        return listed.matches(operation);
                    })) {
                    std::vector<std::string> known;
                    for (const openapi::Operation& operation : operations) {
                        known.push_back(operation.operation_id.empty()
                                            ? operation.ref.str()
                                            : operation.operation_id + " (" + operation.ref.str() +
                                                  ")");
                    }
                    throw Error(fmt::format("{}: plan '{}' lists operation {} of api '{}', "
                                            "which it does not have",
                                            product.file, plan.name, listed.describe(),
                                            included.name),
                                fmt::format("its operations: {}", fmt::join(known, ", ")));
                }
            }
        }
    }
}

} // namespace

BuiltSnapshot build_snapshot(const product::Product& product, const std::string& catalog)
{
    ProductChecks checks = check_product(product, catalog);
    refuse_on_errors(checks);
    BuiltSnapshot built{Json{{"product", product.document}, {"apis", Json::object()}}, {}};
    for (const CheckedApi& checked : checks.apis) {
        for (LocatedFinding& finding : locate_findings(checked)) {
            built.warnings.push_back(std::move(finding));
        }
        const openapi::Draft& draft = *checked.draft;
        // A name reference finds a draft beside the product file.
        built.snapshot["apis"][checked.api.name] =
            Json{{"file", checked.api.ref.empty() ? fs::path(checked.file).filename().string()
                                                  : checked.api.ref},
                 {"openapi", openapi::openapi_version_text(draft)},
                 {"base_path", openapi::base_path(draft)},
                 {"document", draft.document}};
    }
    check_plan_operations(product, checks);
    return built;
}

std::vector<std::string> snapshot_changes(const ProductSnapshot& before,
                                          const ProductSnapshot& after)
{
    std::vector<std::string> changes;
    compare_members(apis_by_name(before), apis_by_name(after), "API", "", changes,
                    [](const Json&, const Json&) { return true; });
    for (const ApiSnapshot& api : after.apis) {
        const ApiSnapshot* old_api = before.find_api(api.name);
        if (old_api == nullptr) {
            continue;
        }
        std::string suffix = " (" + api.name + ")";
        compare_members(operations_by_name(*old_api), operations_by_name(api), "operation", suffix,
                        changes, [](const Json& a, const Json& b) { return a == b; });
        if (openapi::security_definitions(old_api->draft) !=
            openapi::security_definitions(api.draft)) {
            changes.push_back("changed security definitions" + suffix);
        }
        if (openapi::upstream(old_api->draft) != openapi::upstream(api.draft)) {
            changes.push_back("changed upstream" + suffix);
        }
        if (old_api->base_path != api.base_path) {
            changes.push_back("changed base path" + suffix);
        }
    }
    // Plans are compared as written: a plan that no longer reads is still compared.
    compare_members(before.document.value("plans", Json::object()),
                    after.document.value("plans", Json::object()), "plan", "", changes,
                    [](const Json& a, const Json& b) { return a == b; });
    return changes;
}

namespace {

void check_base_paths_are_free(store::Transaction& transaction, const std::string& catalog,
                               const product::Product& product, const ProductSnapshot& snapshot)
{
    for (store::PublishedProduct& stored : transaction.products(catalog)) {
        if (stored.name == product.name && stored.version == product.version) {
            continue; // being replaced
        }
        const ProductSnapshot other = decode_product_snapshot(std::move(stored));
        for (const ApiSnapshot& other_api : other.apis) {
            for (const ApiSnapshot& api : snapshot.apis) {
                if (other_api.base_path == api.base_path) {
                    throw Error(
                        fmt::format("{}: api '{}' would be served under '{}', where catalog "
                                    "'{}' already serves '{}' of product {}",
                                    product.file, api.name,
                                    api.base_path.empty() ? "/" : api.base_path, catalog,
                                    other_api.name, other.id()),
                        "give the API another base path, or unpublish the other product "
                        "first ('apicat product unpublish')");
                }
            }
        }
    }
}

// What a republish changes. A snapshot stored by an apicat that wrote another shape cannot be
// compared: the republish replaces it, and says so.
std::vector<std::string> changes_from(store::PublishedProduct existing,
                                      const ProductSnapshot& snapshot)
{
    ProductSnapshot before;
    try {
        before = decode_product_snapshot(std::move(existing));
    } catch (const Error& e) {
        return {fmt::format("replaced a snapshot that did not read ({})", e.what())};
    }
    return snapshot_changes(before, snapshot);
}

} // namespace

PublishResult publish(store::Transaction& transaction, const std::string& catalog,
                      const product::Product& product, const Json& snapshot)
{
    require_catalog(transaction, catalog);
    const ProductSnapshot decoded = decode_product_snapshot(store::PublishedProduct{
        catalog, product.name, product.version, product.title, snapshot, ""});
    check_base_paths_are_free(transaction, catalog, product, decoded);
    PublishResult result;
    if (auto existing = transaction.find_product(catalog, product.name, product.version)) {
        result.republished = true;
        result.changes = changes_from(std::move(*existing), decoded);
    }
    transaction.put_product(store::PublishedProduct{catalog, product.name, product.version,
                                                    product.title, snapshot, now_rfc3339()});
    if (!product.plans.empty()) {
        if (auto test_app = transaction.find_app(catalog, test_app_name(catalog))) {
            transaction.put_subscription(store::Subscription{catalog, test_app->name, product.name,
                                                             product.plans.front().name,
                                                             store::SubscriptionState::active});
        }
    }
    return result;
}

} // namespace apicat::catalog

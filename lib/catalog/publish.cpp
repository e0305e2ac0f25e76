#include "catalog/publish.hpp"

#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "openapi/draft.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace apicat::catalog {

namespace fs = std::filesystem;

namespace {

openapi::Draft draft_of(const Json& api)
{
    openapi::Draft draft;
    draft.source.file = api.value("file", "");
    draft.document = api["document"];
    draft.version = api.value("openapi", "2.0") == "2.0" ? openapi::OpenApiVersion::v2
                                                         : openapi::OpenApiVersion::v3;
    return draft;
}

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

std::map<std::string, Json> operations_by_name(const Json& api)
{
    std::map<std::string, Json> operations;
    openapi::Draft draft = draft_of(api);
    for (const openapi::Operation& operation : openapi::list_operations(draft)) {
        const Json& body = draft.document["paths"][operation.ref.path];
        Json described = body[operation.where.back()];
        described["x-effective-security"] =
            Json(openapi::effective_security(draft, operation).options);
        operations[operation.ref.str()] = described;
    }
    return operations;
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

Json to_object(const std::map<std::string, Json>& members)
{
    Json object = Json::object();
    for (const auto& [name, value] : members) {
        object[name] = value;
    }
    return object;
}

// A plan that lists operations must list ones its api has: a misspelt operationId would
// otherwise shut its subscribers out of the operation without a word.
void check_plan_operations(const product::Product& product, const Json& apis)
{
    for (const product::Plan& plan : product.plans) {
        if (!plan.apis) {
            continue;
        }
        for (const product::PlanApi& included : *plan.apis) {
            const std::vector<openapi::Operation> operations =
                openapi::list_operations(draft_of(apis[included.name]));
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
    check_plan_operations(product, built.snapshot["apis"]);
    return built;
}

std::vector<std::string> snapshot_changes(const Json& before, const Json& after)
{
    std::vector<std::string> changes;
    const Json& old_apis = before["apis"];
    const Json& new_apis = after["apis"];
    compare_members(old_apis, new_apis, "API", "", changes,
                    [](const Json&, const Json&) { return true; });
    for (const auto& [name, api] : new_apis.items()) {
        if (!old_apis.contains(name)) {
            continue;
        }
        std::string suffix = " (" + name + ")";
        compare_members(to_object(operations_by_name(old_apis[name])),
                        to_object(operations_by_name(api)), "operation", suffix, changes,
                        [](const Json& a, const Json& b) { return a == b; });
        openapi::Draft old_draft = draft_of(old_apis[name]);
        openapi::Draft new_draft = draft_of(api);
        if (openapi::security_definitions(old_draft) != openapi::security_definitions(new_draft)) {
            changes.push_back("changed security definitions" + suffix);
        }
        if (openapi::upstream(old_draft) != openapi::upstream(new_draft)) {
            changes.push_back("changed upstream" + suffix);
        }
        if (openapi::base_path(old_draft) != openapi::base_path(new_draft)) {
            changes.push_back("changed base path" + suffix);
        }
    }
    compare_members(before["product"].value("plans", Json::object()),
                    after["product"].value("plans", Json::object()), "plan", "", changes,
                    [](const Json& a, const Json& b) { return a == b; });
    return changes;
}

namespace {

void check_base_paths_are_free(store::Transaction& transaction, const std::string& catalog,
                               const product::Product& product, const Json& snapshot)
{
    for (const store::PublishedProduct& other : transaction.products(catalog)) {
        if (other.name == product.name && other.version == product.version) {
            continue; // being replaced
        }
        for (const auto& [other_api, other_snapshot] : other.snapshot["apis"].items()) {
            for (const auto& [api, api_snapshot] : snapshot["apis"].items()) {
                if (other_snapshot["base_path"] == api_snapshot["base_path"]) {
                    std::string base = api_snapshot["base_path"];
                    throw Error(
                        fmt::format("{}: api '{}' would be served under '{}', where catalog "
                                    "'{}' already serves '{}' of product {}:{}",
                                    product.file, api, base.empty() ? "/" : base, catalog,
                                    other_api, other.name, other.version),
                        "give the API another base path, or unpublish the other product "
                        "first ('apicat product unpublish')");
                }
            }
        }
    }
}

} // namespace

PublishResult publish(store::Transaction& transaction, const std::string& catalog,
                      const product::Product& product, const Json& snapshot)
{
    require_catalog(transaction, catalog);
    check_base_paths_are_free(transaction, catalog, product, snapshot);
    PublishResult result;
    if (auto existing = transaction.find_product(catalog, product.name, product.version)) {
        result.republished = true;
        result.changes = snapshot_changes(existing->snapshot, snapshot);
    }
    transaction.put_product(store::PublishedProduct{catalog, product.name, product.version,
                                                    product.title, snapshot, now_rfc3339()});
    if (!product.plans.empty()) {
        if (auto test_app = transaction.find_app(catalog, test_app_name(catalog))) {
            transaction.put_subscription(store::Subscription{catalog, test_app->name, product.name,
                                                             product.plans.front().name, "active"});
        }
    }
    return result;
}

} // namespace apicat::catalog

#include "product/plan.hpp"

#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

namespace apicat::product {

using openapi::Path;

namespace {

const char* const limit_hint = "write e.g. rate-limits: {hourly: {value: 100/1hour}}, "
                               "with 'hard-limit: false' for a limit that only warns";

// Where a plan's limits are written: the plural maps of named limits, and v5's single
// `rate-limit`, which names no limit.
struct LimitSection {
    const char* key;
    LimitKind kind;
    bool single;
};
constexpr std::array<LimitSection, 4> limit_sections{{
    {"rate-limit", LimitKind::rate, true},
    {"rate-limits", LimitKind::rate, false},
    {"burst-limit", LimitKind::burst, true},
    {"burst-limits", LimitKind::burst, false},
}};

PlanLimit read_limit(DocumentReader& reader, const Json& value, const Path& at, std::string name,
                     LimitKind kind)
{
    reader.expect_mapping(value, at, limit_hint);
    const Path value_at = child(at, "value");
    std::string written = reader.text(reader.require(value, value_at, limit_hint), value_at,
                                      "write e.g. 'value: 100/1hour' or 'value: unlimited'");
    PlanLimit limit{std::move(name), kind, {}, true};
    try {
        limit.rate = parse_rate_limit(written);
    } catch (const Error& e) {
        reader.fail(value_at, e.what(), e.hint());
    }
    if (const Json* hard = find(value, "hard-limit")) {
        limit.hard = reader.boolean(*hard, child(at, "hard-limit"),
                                    "hard-limit: false lets calls past the limit, flagged");
    }
    return limit;
}

std::vector<PlanLimit> read_limits(DocumentReader& reader, const Json& plan, const Path& at)
{
    std::vector<PlanLimit> limits;
    for (const LimitSection& section : limit_sections) {
        const Json* found = find(plan, section.key);
        if (found == nullptr || found->is_null()) {
            continue;
        }
        const Path section_at = child(at, section.key);
        if (section.single) {
            limits.push_back(read_limit(reader, *found, section_at, section.key, section.kind));
            continue;
        }
        reader.expect_mapping(*found, section_at, limit_hint);
        for (const auto& [name, value] : found->items()) {
            limits.push_back(
                read_limit(reader, value, child(section_at, name), name, section.kind));
        }
    }
    return limits;
}

PlanOperation read_operation(DocumentReader& reader, const Json& value, const Path& at)
{
    const char* hint = "list an operation as {operationId: getCurrent} or "
                       "{verb: GET, path: /current}";
    reader.expect_mapping(value, at, hint);
    PlanOperation operation;
    operation.limits = read_limits(reader, value, at);
    if (const Json* id = find(value, "operationId")) {
        operation.operation_id = reader.text(*id, child(at, "operationId"), hint);
        return operation;
    }
    // API Connect's toolkit writes `operation: get`; its UI exports `verb: GET`.
    const char* verb_key = find(value, "verb") != nullptr ? "verb" : "operation";
    operation.verb = util::to_upper(
        reader.text(reader.require(value, child(at, verb_key), hint), child(at, verb_key), hint));
    operation.path =
        reader.text(reader.require(value, child(at, "path"), hint), child(at, "path"), hint);
    return operation;
}

PlanApi read_plan_api(DocumentReader& reader, const std::string& name, const Json& value,
                      const Path& at)
{
    const char* hint = "a plan's api is {} (all its operations) or "
                       "{operations: [{operationId: getCurrent}]}";
    PlanApi api{name, {}};
    if (value.is_null()) {
        return api;
    }
    reader.expect_mapping(value, at, hint);
    const Json* operations = find(value, "operations");
    if (operations == nullptr || operations->is_null()) {
        return api;
    }
    const Path operations_at = child(at, "operations");
    if (!operations->is_array()) {
        reader.fail(operations_at,
                    fmt::format("expected '{}' to be a list, found {}", dotted(operations_at),
                                kind_of(*operations)),
                    hint);
    }
    for (std::size_t index = 0; index < operations->size(); ++index) {
        api.operations.push_back(read_operation(reader, (*operations)[index],
                                                child(operations_at, std::to_string(index))));
    }
    return api;
}

std::vector<PlanApi> read_plan_apis(DocumentReader& reader, const Json& apis, const Path& at,
                                    const std::set<std::string>& product_apis)
{
    const char* hint = "name the product's apis the plan includes, e.g. "
                       "apis: {weather-provider-api1.0.0: {}}";
    reader.expect_mapping(apis, at, hint);
    std::vector<PlanApi> result;
    for (const auto& [name, value] : apis.items()) {
        if (product_apis.count(name) == 0) {
            reader.fail(
                child(at, name),
                fmt::format("the plan includes api '{}', which the product does not list", name),
                fmt::format("the product's apis: {}", fmt::join(product_apis, ", ")));
        }
        result.push_back(read_plan_api(reader, name, value, child(at, name)));
    }
    return result;
}

Plan read_plan(DocumentReader& reader, const std::string& name, const Json& value,
               const std::set<std::string>& product_apis)
{
    const Path at{"plans", name};
    reader.check_name(name, at, "plan name", true);
    Plan plan{name, name, {}, false, std::nullopt};
    if (value.is_null()) {
        return plan; // `free:` alone: an unlimited plan of every api, without approval
    }
    const char* hint = "a plan has an optional title, rate-limits, burst-limits, apis and "
                       "approval, e.g. {title: Default Plan, rate-limits: {default: {value: "
                       "100/1hour}}}";
    reader.expect_mapping(value, at, hint);
    if (const Json* title = find(value, "title")) {
        plan.title = reader.text(*title, child(at, "title"), hint);
    }
    plan.limits = read_limits(reader, value, at);
    if (const Json* approval = find(value, "approval")) {
        plan.approval = reader.boolean(*approval, child(at, "approval"),
                                       "approval: true makes each subscription wait for approval");
    }
    if (const Json* apis = find(value, "apis"); apis != nullptr && !apis->is_null()) {
        plan.apis = read_plan_apis(reader, *apis, child(at, "apis"), product_apis);
    }
    return plan;
}

} // namespace

std::string PlanLimit::describe() const
{
    return fmt::format("{} limit '{}' ({})", kind == LimitKind::burst ? "burst" : "rate", name,
                       rate.text);
}

bool PlanOperation::matches(const openapi::Operation& operation) const
{
    if (!operation_id.empty()) {
        return operation.operation_id == operation_id;
    }
    return operation.ref.method == verb && operation.ref.path == path;
}

std::string PlanOperation::describe() const
{
    return operation_id.empty() ? verb + " " + path : operation_id;
}

namespace {

const PlanApi* find_api(const std::optional<std::vector<PlanApi>>& apis, const std::string& api)
{
    if (!apis) {
        return nullptr;
    }
    auto included = std::find_if(apis->begin(), apis->end(),
                                 [&](const PlanApi& entry) { return entry.name == api; });
    return included == apis->end() ? nullptr : &*included;
}

} // namespace

bool Plan::admits(const std::string& api, const openapi::Operation& operation) const
{
    if (!apis) {
        return true;
    }
    const PlanApi* included = find_api(apis, api);
    return included != nullptr &&
           (included->operations.empty() || listed(api, operation) != nullptr);
}

const PlanOperation* Plan::listed(const std::string& api, const openapi::Operation& operation) const
{
    const PlanApi* included = find_api(apis, api);
    if (included == nullptr) {
        return nullptr;
    }
    auto found = std::find_if(included->operations.begin(), included->operations.end(),
                              [&](const PlanOperation& each) { return each.matches(operation); });
    return found == included->operations.end() ? nullptr : &*found;
}

std::string limits_text(const std::vector<PlanLimit>& limits)
{
    if (limits.empty()) {
        return "unlimited";
    }
    std::vector<std::string> parts;
    for (const PlanLimit& limit : limits) {
        std::string part = limit.rate.text + (limit.hard ? "" : " (soft)");
        if (limits.size() > 1) {
            part = (limit.kind == LimitKind::burst ? "burst " : "") + limit.name + " " + part;
        }
        parts.push_back(std::move(part));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
}

std::vector<Plan> read_plans(DocumentReader& reader, const Json& document)
{
    const char* hint = "give the product at least one plan, e.g. "
                       "plans: {default: {rate-limits: {default: {value: 100/1hour}}}}";
    const Json& plans = reader.require(document, {"plans"}, hint);
    reader.expect_mapping(plans, {"plans"}, hint);
    if (plans.empty()) {
        reader.fail({"plans"}, "the product has no plans", hint);
    }
    std::set<std::string> product_apis;
    if (const Json* apis = find(document, "apis")) {
        for (const auto& [name, value] : apis->items()) {
            product_apis.insert(name);
        }
    }
    std::vector<Plan> result;
    for (const auto& [name, value] : plans.items()) {
        result.push_back(read_plan(reader, name, value, product_apis));
    }
    return result;
}

std::vector<Plan> published_plans(const Json& document, const std::string& where)
{
    DocumentReader reader(where);
    return read_plans(reader, document);
}

} // namespace apicat::product

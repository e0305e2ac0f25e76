#pragma once

// A product's plans, as API Connect writes them in v5 and v10 product files:
//
//   plans:
//     default:
//       title: Default Plan
//       approval: false
//       rate-limit: {value: 10/1hour, hard-limit: true}        # v5: one limit
//       rate-limits: {hourly: {value: 100/1hour}, daily: {value: 1000/1day}}
//       burst-limits: {second: {value: 5/1second}}
//       apis:                                                 # none: all the product's apis
//         weather-provider-api1.0.0:
//           operations:
//             - {operationId: getCurrent, rate-limit: {value: 5/1minute}}  # replaces the plan's
//             - {verb: GET, path: /today}
//
// One reader serves the product file (with file:line in messages) and the gateway (which
// reads the product document a published snapshot holds).

#include "json.hpp"
#include "openapi/draft.hpp"
#include "product/document_reader.hpp"
#include "product/rate_limit.hpp"

#include <optional>
#include <string>
#include <vector>

namespace apicat::product {

enum class LimitKind { rate, burst };

struct PlanLimit {
    std::string name; // its key under rate-limits / burst-limits; "rate-limit" for v5's form
    LimitKind kind = LimitKind::rate;
    RateLimit rate;
    bool hard = true; // false: calls past the limit are let through, counted and flagged

    // "rate limit 'hourly' (100/1hour)"
    std::string describe() const;
};

// One operation a plan admits: by operationId, or by verb and path template.
struct PlanOperation {
    std::string operation_id;
    std::string verb; // upper case
    std::string path;
    std::vector<PlanLimit> limits; // empty: the plan's limits apply; else these, instead

    bool matches(const openapi::Operation& operation) const;
    std::string describe() const; // "getCurrent" or "GET /current"
};

struct PlanApi {
    std::string name;                      // a key of the product's apis
    std::vector<PlanOperation> operations; // empty: every operation of the api
};

struct Plan {
    std::string name;
    std::string title;
    std::vector<PlanLimit> limits; // empty: unlimited
    bool approval = false;
    std::optional<std::vector<PlanApi>> apis; // none: every api of the product

    // Whether a subscriber of the plan may call `operation` of the product's api `api`.
    bool admits(const std::string& api, const openapi::Operation& operation) const;

    // The operation as the plan lists it, when it lists it.
    const PlanOperation* listed(const std::string& api, const openapi::Operation& operation) const;
};

// Limits in a few words: "unlimited", "100/1hour", or for several
// "hourly 100/1hour, daily 1000/1day (soft), burst second 5/1second".
std::string limits_text(const std::vector<PlanLimit>& limits);

// The plans of a product document, each checked: limits, approval, and that a plan's apis
// are the product's. Throws apicat::Error naming the place through `reader`.
std::vector<Plan> read_plans(DocumentReader& reader, const Json& document);

// The plans of the product document a published snapshot holds (snapshot["product"]);
// `where` names it in messages ("published product weather-product:1.0.0").
std::vector<Plan> published_plans(const Json& document, const std::string& where);

} // namespace apicat::product

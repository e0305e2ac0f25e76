// Fuzz target: any bytes as a product file, as a plan rate limit ("100/1hour") and as a
// `product create --plan` value ("gold:1000/1hour:approval").
//
// Property: nothing crashes, and nothing throws but apicat::Error. A product that loads has
// a name, APIs and plans, and every rate limit it holds allows at least one call per window
// of at least a second. A rate limit that parses means the same as its canonical form
// ("N/Ssecond"). A --plan value that parses makes a product that `product create` writes and
// the product loader reads back with the same plan.

#include "errors.hpp"
#include "fuzz_property.hpp"
#include "fuzz_targets.hpp"
#include "openapi/render.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>

using namespace apicat;
using namespace apicat::product;
using apicat::fuzz::expect;

namespace {

void check_limit(const RateLimit& limit, const std::string& input)
{
    if (limit.unlimited) {
        return;
    }
    expect(limit.count > 0 && limit.window_seconds > 0, "a rate limit allows nothing", input);
    RateLimit canonical =
        parse_rate_limit(fmt::format("{}/{}second", limit.count, limit.window_seconds));
    expect(canonical.count == limit.count && canonical.window_seconds == limit.window_seconds,
           "a rate limit differs from its canonical form", input);
}

void check_product_file(const std::string& text)
{
    Product product;
    try {
        product = product_from_source(openapi::source_from_text("product.yaml", text));
    } catch (const Error&) {
        return;
    }
    expect(!product.name.empty() && !product.apis.empty() && !product.plans.empty(),
           "a product loaded without a name, APIs or plans", text);
    for (const Plan& plan : product.plans) {
        for (const PlanLimit& limit : plan.limits) {
            check_limit(limit.rate, text);
        }
    }
}

void check_rate_limit(const std::string& text)
{
    try {
        check_limit(parse_rate_limit(text), text);
    } catch (const Error&) {
    }
}

// What `apicat product create --plan TEXT` writes must load again, with that plan.
void check_plan_round_trip(const std::string& text)
{
    NewProductSpec spec;
    try {
        spec.plans.push_back(parse_plan_spec(text));
    } catch (const Error&) {
        return;
    }
    spec.title = "Fuzz Product";
    spec.apis.push_back({"fuzz-api", "fuzz-api.yaml", ""});
    std::string written = openapi::render_document(
        new_product_document(spec), openapi::default_text_style(openapi::Syntax::yaml));
    Product product;
    try {
        product = product_from_source(openapi::source_from_text("product.yaml", written));
    } catch (const Error& error) {
        fuzz::property_failed("a created product does not load",
                              std::string(error.what()) + "\n--- written:\n" + written);
    }
    const PlanSpec& wanted = spec.plans.front();
    expect(product.plans.size() == 1 && product.plans.front().name == wanted.name,
           "a created product lost its plan", written);
    const Plan& plan = product.plans.front();
    expect(plan.approval == wanted.approval, "a created plan lost its approval", written);
    std::string rate = plan.limits.empty() ? "unlimited" : plan.limits.front().rate.text;
    expect(rate == wanted.rate, "a created plan lost its rate limit", written);
}

} // namespace

void apicat::fuzz::product_file(std::string_view input)
{
    std::string text(input);
    check_product_file(text);
    check_rate_limit(text);
    check_plan_round_trip(text);
}

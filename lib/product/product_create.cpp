// The parts of product.hpp that make new products from the command line's words: plan specs,
// names, and the document `apicat product create` writes. Reading product files is in
// product.cpp.

#include "product/product.hpp"

#include "errors.hpp"
#include "openapi/draft_template.hpp"
#include "util/text.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <set>
#include <utility>
#include <vector>

namespace apicat::product {

namespace {

constexpr std::size_t max_name_size = 64;

const char* const plan_spec_hint =
    "write NAME[:RATE][:approval], e.g. default:100/1hour, free or gold:1000/1hour:approval";

// The name as it can be shown in a message: control characters escaped, and every byte past
// ASCII too when the name is not UTF-8 text.
std::string printable(const std::string& name)
{
    const bool utf8 = !util::find_binary_content(name);
    std::string out;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        bool escape = u < 0x20 || u == 0x7f || (!utf8 && u >= 0x80);
        out += escape ? fmt::format("\\x{:02x}", u) : std::string(1, c);
    }
    return out;
}

// Why `name` cannot name an object, or "" when it can.
std::string name_problem(const std::string& name)
{
    if (name.empty()) {
        return "it is empty";
    }
    if (name.size() > max_name_size) {
        return fmt::format("it is longer than {} characters", max_name_size);
    }
    if (name.front() == '.' || name.front() == '-') {
        return fmt::format("it starts with '{}'", name.front());
    }
    // Names go into product files and JSON output, which hold UTF-8 text only.
    if (util::find_binary_content(name)) {
        return "it is not UTF-8 text";
    }
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            return "it contains a control character";
        }
        if (c == ' ') {
            return "it contains a space";
        }
        // Names become parts of paths and of PRODUCT:PLAN and NAME:VERSION arguments.
        if (c == '/' || c == '\\' || c == ':') {
            return fmt::format("it contains '{}'", c);
        }
    }
    return {};
}

std::vector<std::string> split_colons(const std::string& text)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    std::size_t colon = text.find(':');
    while (colon != std::string::npos) {
        parts.push_back(text.substr(start, colon - start));
        start = colon + 1;
        colon = text.find(':', start);
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string plan_title(const std::string& name)
{
    return util::capitalized(name) + " Plan";
}

void check_rate(const std::string& rate)
{
    try {
        parse_rate_limit(rate);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        throw UsageError(e.what(), e.hint(), Input::plan);
    }
}

void check_new_apis(const std::vector<ProductApi>& apis)
{
    if (apis.empty()) {
        throw UsageError("a product needs at least one api", "name the draft of each API it offers",
                         Input::api);
    }
    std::set<std::string> seen;
    for (const auto& api : apis) {
        check_object_name(api.name, "api name");
        if (api.ref.empty()) {
            throw UsageError(fmt::format("api '{}' has no file", api.name), "name its draft",
                             Input::api);
        }
        if (!seen.insert(api.name).second) {
            throw UsageError(fmt::format("api '{}' is given twice", api.name),
                             "two drafts with the same title need different names");
        }
    }
}

Json plans_document(std::vector<PlanSpec> plans)
{
    if (plans.empty()) {
        PlanSpec fallback;
        fallback.name = "default";
        plans.push_back(std::move(fallback));
    }
    Json document = Json::object();
    for (const auto& plan : plans) {
        check_object_name(plan.name, "plan name");
        check_rate(plan.rate);
        if (document.contains(plan.name)) {
            throw UsageError(fmt::format("plan '{}' is given twice", plan.name),
                             "give each plan a different name", Input::plan);
        }
        Json limits = Json::object();
        limits["default"]["value"] = plan.rate;
        Json& entry = document[plan.name];
        entry["title"] = plan_title(plan.name);
        entry["rate-limits"] = std::move(limits);
        entry["approval"] = plan.approval;
    }
    return document;
}

} // namespace

void check_object_name(const std::string& name, const std::string& what)
{
    std::string problem = name_problem(name);
    if (!problem.empty()) {
        throw UsageError(fmt::format("invalid {} '{}': {}", what, printable(name), problem),
                         fmt::format("use letters, digits and punctuation such as '-', '_' and "
                                     "'.', at most {} characters, without spaces, '/', '\\' or "
                                     "':', and not starting with '.' or '-'",
                                     max_name_size));
    }
}

std::string product_name_for(const std::string& title)
{
    return openapi::slug(title);
}

PlanSpec parse_plan_spec(const std::string& text)
{
    std::vector<std::string> parts = split_colons(text);
    PlanSpec spec;
    spec.name = parts[0];
    // "gold:approval" reads as an unlimited plan that needs approval.
    bool approval_second = parts.size() == 2 && parts[1] == "approval";
    bool approval_third = parts.size() == 3 && parts[2] == "approval";
    if (parts.size() > 3 || (parts.size() == 3 && !approval_third)) {
        throw UsageError(fmt::format("invalid plan '{}'", printable(text)), plan_spec_hint,
                         Input::plan);
    }
    check_object_name(spec.name, "plan name");
    spec.approval = approval_second || approval_third;
    if (parts.size() >= 2 && !approval_second) {
        spec.rate = parts[1];
        check_rate(spec.rate);
    }
    return spec;
}

Json new_product_document(const NewProductSpec& spec)
{
    std::string name = spec.name.empty() ? product_name_for(spec.title) : spec.name;
    if (spec.title.empty() || name.empty()) {
        throw UsageError(fmt::format("invalid title '{}'", printable(spec.title)),
                         "the title needs at least one letter or digit", Input::title);
    }
    check_object_name(name, "product name");
    if (spec.version.empty()) {
        throw UsageError("the product version is empty", "give a version such as 1.0.0");
    }
    check_new_apis(spec.apis);

    Json document = Json::object();
    document["product"] = "1.0.0";
    document["info"]["name"] = name;
    document["info"]["title"] = spec.title;
    document["info"]["version"] = spec.version;
    document["apis"] = Json::object();
    for (const auto& api : spec.apis) {
        document["apis"][api.name]["$ref"] = api.ref;
    }
    document["plans"] = plans_document(spec.plans);
    document["visibility"]["view"]["type"] = "public";
    document["visibility"]["subscribe"]["type"] = "authenticated";
    return document;
}

} // namespace apicat::product

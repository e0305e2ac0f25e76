#include "catalog/publish_checks.hpp"

#include "assembly/assembly_checks.hpp"
#include "catalog/catalogs.hpp"
#include "openapi/cors_settings.hpp"
#include "openapi/security_scheme.hpp"
#include "product/api_reference.hpp"

#include <fmt/format.h>

#include <map>

namespace apicat::catalog {

namespace {

using openapi::child;
using openapi::Finding;

std::string option_text(const openapi::SecurityOption& option)
{
    return fmt::format("'{}'", fmt::join(option, "+"));
}

// One security option, at `where` in the document, used by `whose` ("the API", "GET /x").
void check_option(const Json& definitions, const openapi::SecurityOption& option,
                  const openapi::Path& where, const std::string& whose,
                  std::vector<Finding>& findings)
{
    bool id = false;
    bool secret = false;
    std::vector<std::string> unchecked;
    for (const std::string& name : option) {
        if (!definitions.contains(name)) {
            continue; // validate_draft reports it
        }
        openapi::SecurityScheme scheme = openapi::read_security_scheme(definitions[name]);
        using Kind = openapi::SecurityScheme::Kind;
        id = id || scheme.kind == Kind::client_id || scheme.kind == Kind::basic;
        secret = secret || scheme.kind == Kind::client_secret;
        if (scheme.kind == Kind::unchecked) {
            unchecked.push_back(option.size() == 1 ? scheme.what
                                                   : fmt::format("'{}' ({})", name, scheme.what));
        }
    }
    if (!unchecked.empty()) {
        findings.push_back(Finding{
            Finding::Severity::warning,
            fmt::format("the security option {} of {} needs {}, which apicat's gateway does not "
                        "check: it admits no call through this option",
                        option_text(option), whose, fmt::join(unchecked, ", ")),
            where});
    } else if (secret && !id) {
        // The gateway identifies an app by its client ID: this option could never be met.
        findings.push_back(Finding{
            Finding::Severity::error,
            fmt::format("the security option {} of {} asks for a client secret but no client "
                        "ID; add the client ID definition to that option",
                        option_text(option), whose),
            where});
    }
}

void check_options(const Json& definitions, const Json& security, const openapi::Path& at,
                   const std::string& whose, std::vector<Finding>& findings)
{
    std::vector<openapi::SecurityOption> options = openapi::security_options(security);
    for (std::size_t i = 0; i < options.size(); ++i) {
        check_option(definitions, options[i], child(at, std::to_string(i)), whose, findings);
    }
}

// Only options something uses: the API's when an operation inherits them, and each
// operation's own. A definition nothing uses never blocks a publish.
std::vector<Finding> security_findings(const openapi::Draft& draft)
{
    std::vector<Finding> findings;
    const Json definitions = openapi::security_definitions(draft);
    bool inherited = false;
    for (const openapi::Operation& operation : openapi::list_operations(draft)) {
        if (!openapi::effective_security(draft, operation).from_operation) {
            inherited = true;
            continue;
        }
        const Json& body = draft.document["paths"][operation.ref.path][operation.where.back()];
        check_options(definitions, body["security"], child(operation.where, "security"),
                      operation.ref.str(), findings);
    }
    if (inherited) {
        check_options(definitions, draft.document.value("security", Json::array()), {"security"},
                      "the API", findings);
    }
    return findings;
}

// "/-/" is the gateway's, for the pages it answers itself (docs/gateway.md, "The gateway's own
// paths"): no API's endpoint is to read as one of them.
std::vector<Finding> base_path_findings(const openapi::Draft& draft)
{
    const std::string base = openapi::base_path(draft);
    if (!openapi::is_reserved_base_path(base)) {
        return {};
    }
    const std::string api = openapi::api_title(draft);
    return {Finding{Finding::Severity::error,
                    fmt::format("the base path '{}' of API '{}' is reserved: the gateway keeps "
                                "'/-' and the paths under '/-/' for its own pages (/-/explore, "
                                "/-/metrics, /-/credentials); give the API another base path",
                                base, api),
                    openapi::base_path_path(draft.version)}};
}

void append(std::vector<Finding>& to, std::vector<Finding> from)
{
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

CheckedApi check_api(const product::Product& product, const product::ProductApi& api,
                     const std::string& catalog)
{
    CheckedApi checked{api, {}, {}, {}, {}};
    try {
        checked.file = product::resolve_api_file(product, api).string();
    } catch (const Error& e) {
        checked.load_error = e; // it names the product file and the api already
        return checked;
    }
    try {
        checked.draft = openapi::load_draft(checked.file);
    } catch (const Error& e) {
        checked.load_error =
            Error(fmt::format("{}: api '{}': {}", product.file, api.name, e.what()), e.hint());
        return checked;
    }
    checked.findings = publish_findings(*checked.draft, catalog);
    return checked;
}

} // namespace

std::vector<Finding> publish_findings(const openapi::Draft& draft, const std::string& catalog)
{
    std::vector<Finding> findings = openapi::validate_draft(draft);
    append(findings,
           assembly::assembly_findings(draft, catalog.empty() ? default_catalog : catalog));
    append(findings, base_path_findings(draft));
    append(findings, security_findings(draft));
    // The gateway reads the CORS settings when it routes: a section it would misread is
    // refused here, since misreading it could accept origins the draft meant to refuse.
    std::vector<Finding> cors;
    openapi::read_cors_settings(draft, cors);
    append(findings, std::move(cors));
    return findings;
}

ProductChecks check_product(const product::Product& product, const std::string& catalog)
{
    ProductChecks checks;
    std::map<std::string, std::string> base_paths;
    for (const product::ProductApi& api : product.apis) {
        CheckedApi checked = check_api(product, api, catalog);
        if (checked.draft) {
            std::string base = openapi::base_path(*checked.draft);
            auto [it, fresh] = base_paths.emplace(base, api.name);
            if (!fresh) {
                checks.problems.emplace_back(
                    fmt::format("{}: apis '{}' and '{}' are both served under '{}'", product.file,
                                it->second, api.name, base.empty() ? "/" : base),
                    "give one of them another base path");
            }
        }
        checks.apis.push_back(std::move(checked));
    }
    return checks;
}

std::vector<LocatedFinding> locate_findings(const openapi::Draft& draft,
                                            const std::vector<Finding>& findings)
{
    std::vector<LocatedFinding> located;
    openapi::Locator locator(draft.source);
    for (const Finding& finding : findings) {
        located.push_back(
            LocatedFinding{finding.severity, locator.locate(finding.where), finding.message});
    }
    return located;
}

std::vector<LocatedFinding> locate_findings(const CheckedApi& checked)
{
    if (!checked.draft) {
        return {};
    }
    return locate_findings(*checked.draft, checked.findings);
}

} // namespace apicat::catalog

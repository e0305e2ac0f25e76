// apicat explore: what a catalog publishes — APIs, operations, endpoint URLs, the
// credentials each needs — and, for one operation, its parameters and a curl line to paste.

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "assembly/assembly_checks.hpp"
#include "catalog/catalogs.hpp"
#include "catalog/published_operations.hpp"
#include "errors.hpp"
#include "gateway/credential_placement.hpp"
#include "openapi/draft.hpp"
#include "util/suggest.hpp"
#include "util/text.hpp"

#include <fmt/format.h>

#include <set>

namespace apicat::cli {

namespace {

struct ExploreOptions {
    std::string operation;
    std::string catalog = catalog::default_catalog;
    bool test_app = false;
};

using catalog::PublishedOperation;

using gateway::CredentialChoice;

// Each place the curl line fills in, as JSON output lists them.
Json credentials_json(const CredentialChoice& choice)
{
    Json needed = Json::array();
    const auto& [id, secret] = choice.slots;
    if (id && id->in == "basic") {
        needed.push_back({{"in", "basic"}, {"name", id->name}, {"key_type", "basic"}});
        return needed;
    }
    for (const auto& [slot, key_type] : {std::pair{id, "client_id"}, {secret, "client_secret"}}) {
        if (slot) {
            needed.push_back({{"in", slot->in}, {"name", slot->name}, {"key_type", key_type}});
        }
    }
    return needed;
}

Json unchecked_json(const CredentialChoice& choice)
{
    Json unchecked = Json::array();
    for (const auto& [name, scheme] : choice.unchecked) {
        unchecked.push_back({{"scheme", name}, {"what", scheme.what}});
    }
    return unchecked;
}

// Says, beside the curl line, why it carries no credential for a scheme: "'OAuth' (oauth2)".
std::string unchecked_note(const CredentialChoice& choice)
{
    if (choice.unchecked.empty()) {
        return "";
    }
    std::vector<std::string> names;
    for (const auto& [name, scheme] : choice.unchecked) {
        names.push_back(fmt::format("'{}' ({})", name, scheme.what));
    }
    std::string schemes = fmt::format("{}", fmt::join(names, ", "));
    if (choice.refused) {
        return fmt::format("no credentials: apicat's gateway cannot check {}, so it refuses "
                           "this call (401)",
                           schemes);
    }
    return fmt::format("apicat's gateway cannot check {}: the line uses the next option instead",
                       schemes);
}

std::string endpoint(const std::string& catalog, const PublishedOperation& published)
{
    return catalog::endpoint_url(catalog) + published.base_path + published.operation.ref.path;
}

// The line fills in the option that gateway::choose_credentials chooses, as `apicat invoke`
// and the Explore page do; a scheme the gateway cannot check gets no invented credentials.
std::string curl_line(const std::string& catalog, const PublishedOperation& published,
                      const gateway::CredentialSlots& slots, const std::string& id,
                      const std::string& secret)
{
    std::string url = endpoint(catalog, published);
    std::vector<std::string> query;
    const Json operation =
        published.draft->document["paths"][published.operation.ref.path]
                                 [util::to_lower(published.operation.ref.method)];
    for (const Json& parameter : operation.value("parameters", Json::array())) {
        if (parameter.is_object() && parameter.value("in", "") == "query") {
            std::string name = parameter.value("name", "");
            query.push_back(name + "=<" + name + ">");
        }
    }
    std::string line = "curl";
    if (published.operation.ref.method != "GET") {
        line += " -X " + published.operation.ref.method;
    }
    if (slots.client_id && slots.client_id->in == "basic") {
        line += " -u '" + id + ":" + secret + "'";
    } else {
        for (const auto& [slot, value] :
             {std::pair{slots.client_id, id}, {slots.client_secret, secret}}) {
            if (!slot) {
                continue;
            }
            if (slot->in == "query") {
                query.push_back(slot->name + "=" + value);
            } else {
                line += " -H '" + slot->name + ": " + value + "'";
            }
        }
    }
    if (!query.empty()) {
        url += "?" + fmt::format("{}", fmt::join(query, "&"));
    }
    return line + " '" + url + "'";
}

// What publishing warned of, again, for each API shown: the policies of its assembly that the
// gateway does not run, so that no one reads a call's answer without knowing.
void warn_of_what_is_not_run(const std::vector<const PublishedOperation*>& shown,
                             const std::string& catalog, const GlobalOptions& global)
{
    std::set<std::pair<std::string, std::string>> warned;
    for (const PublishedOperation* published : shown) {
        if (!warned.emplace(published->product, published->api).second) {
            continue;
        }
        for (const openapi::Finding& finding :
             assembly::assembly_findings(*published->draft, catalog)) {
            if (finding.severity == openapi::Finding::Severity::warning) {
                print_warning(global, fmt::format("api '{}' of product {}: {}: {}", published->api,
                                                  published->product, fmt::join(finding.where, "."),
                                                  finding.message));
            }
        }
    }
}

int run_explore(const ExploreOptions& options, const GlobalOptions& global)
{
    catalog::PublishedProducts products;
    std::optional<store::App> test_app;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        products = catalog::decode_products(transaction.products(options.catalog));
        test_app = transaction.find_app(options.catalog, catalog::test_app_name(options.catalog));
    });
    std::vector<PublishedOperation> operations = catalog::published_operations(products);
    std::string id = options.test_app && test_app ? test_app->client_id : "<client-id>";
    std::string secret = options.test_app && test_app ? test_app->test_secret : "<client-secret>";
    Json list = Json::array();
    std::vector<const PublishedOperation*> shown;
    std::vector<std::string> names;
    for (const PublishedOperation& published : operations) {
        std::string name = published.operation.ref.str();
        std::string full = published.full_name();
        names.push_back(full);
        if (!options.operation.empty() && options.operation != name && options.operation != full) {
            continue;
        }
        shown.push_back(&published);
        const CredentialChoice choice =
            gateway::choose_credentials(published.security, *published.schemes);
        list.push_back({{"product", published.product},
                        {"api", published.api},
                        {"method", published.operation.ref.method},
                        {"path", published.base_path + published.operation.ref.path},
                        {"endpoint", endpoint(options.catalog, published)},
                        {"security", openapi::describe_security(published.security)},
                        {"credentials", credentials_json(choice)},
                        {"unchecked", unchecked_json(choice)},
                        {"curl", curl_line(options.catalog, published, choice.slots, id, secret)},
                        {"note", unchecked_note(choice)}});
    }
    if (!options.operation.empty() && list.empty()) {
        std::string hint = util::did_you_mean(options.operation, names);
        throw Error(fmt::format("catalog '{}' publishes no operation '{}'", options.catalog,
                                options.operation),
                    hint.empty() ? "list them with 'apicat explore'" : hint);
    }
    warn_of_what_is_not_run(shown, options.catalog, global);
    if (global.format() == OutputFormat::json) {
        print_json(list);
        return 0;
    }
    if (list.empty()) {
        print_line(global,
                   fmt::format("catalog '{}' publishes nothing yet; 'apicat publish PRODUCT_FILE'",
                               options.catalog));
    }
    for (const Json& entry : list) {
        print_line(global,
                   fmt::format("{} {}  ({} in {})", entry["method"].get<std::string>(),
                               entry["path"].get<std::string>(), entry["api"].get<std::string>(),
                               entry["product"].get<std::string>()));
        print_line(global, fmt::format("  endpoint:  {}", entry["endpoint"].get<std::string>()));
        print_line(global, fmt::format("  security:  {}", entry["security"].get<std::string>()));
        if (!options.operation.empty()) {
            print_line(global, fmt::format("  try:       {}", entry["curl"].get<std::string>()));
            if (const auto note = entry["note"].get<std::string>(); !note.empty()) {
                print_line(global, fmt::format("  note:      {}", note));
            }
        }
    }
    return 0;
}

} // namespace

void setup_explore_command(CLI::App& app, CommandContext context)
{
    auto options = std::make_shared<ExploreOptions>();
    auto* explore = app.add_subcommand(
        "explore", "Published APIs and operations, their endpoints and credentials");
    takes(explore->add_option("OPERATION", options->operation,
                              "One operation, with a curl line: 'GET /weather/current'"),
          ValueKind::published_operation);
    takes(explore->add_option("--catalog", options->catalog, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
    explore->add_flag("--test-app", options->test_app,
                      "Fill the curl line with the test app's credentials");
    explore->footer(
        "Examples:\n  apicat explore\n  apicat explore 'GET /weather/current' --test-app");
    explore->callback(
        [options, context] { context.exit_status = run_explore(*options, context.global); });
}

} // namespace apicat::cli

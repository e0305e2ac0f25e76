// apicat catalog list | create | show | remove: the publishing targets.

#include "commands.hpp"

#include "catalog_json.hpp"
#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "catalog/catalogs.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

struct CatalogCreateOptions {
    std::string name;
};

struct CatalogShowOptions {
    std::string name = catalog::default_catalog;
};

struct CatalogRemoveOptions {
    std::string name;
};

int run_catalog_list(const GlobalOptions& global)
{
    std::vector<store::Catalog> catalogs;
    std::vector<std::size_t> product_counts;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalogs = transaction.catalogs();
        for (const store::Catalog& catalog : catalogs) {
            product_counts.push_back(transaction.products(catalog.name).size());
        }
    });
    Json list = Json::array();
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < catalogs.size(); ++i) {
        const std::string& name = catalogs[i].name;
        list.push_back({{"name", name},
                        {"endpoint", catalog::endpoint_url(name)},
                        {"products", product_counts[i]}});
        rows.push_back({name, catalog::endpoint_url(name), std::to_string(product_counts[i])});
    }
    if (global.format() == OutputFormat::json) {
        print_json(list);
    } else {
        print_table(global, {"NAME", "ENDPOINT", "PRODUCTS"}, rows);
    }
    return 0;
}

int run_catalog_create(const CatalogCreateOptions& options, const GlobalOptions& global)
{
    const std::string& name = options.name;
    open_store(global)->write(
        [&](store::Transaction& transaction) { catalog::create_catalog(transaction, name); });
    if (global.format() == OutputFormat::json) {
        print_json({{"name", name}, {"endpoint", catalog::endpoint_url(name)}});
    } else {
        print_line(global, fmt::format("created catalog '{}' ({}) with its test app '{}'", name,
                                       catalog::endpoint_url(name), catalog::test_app_name(name)));
    }
    return 0;
}

int run_catalog_show(const CatalogShowOptions& options, const GlobalOptions& global)
{
    const std::string& name = options.name;
    std::vector<store::PublishedProduct> products;
    std::optional<store::App> test_app;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, name);
        products = transaction.products(name);
        test_app = transaction.find_app(name, catalog::test_app_name(name));
    });
    Json product_list = Json::array();
    for (const store::PublishedProduct& product : products) {
        product_list.push_back(
            {{"name", product.name}, {"version", product.version}, {"title", product.title}});
    }
    Json shown = {
        {"name", name}, {"endpoint", catalog::endpoint_url(name)}, {"products", product_list}};
    if (test_app) {
        // The test app's secret is shown again by design: it exists for trying the APIs.
        shown["test_app"] = {{"name", test_app->name},
                             {"client_id", test_app->client_id},
                             {"client_secret", test_app->test_secret}};
    }
    if (global.format() == OutputFormat::json) {
        print_json(shown);
        return 0;
    }
    print_line(global, fmt::format("catalog {}", name));
    print_line(global, fmt::format("  endpoint:  {}", catalog::endpoint_url(name)));
    print_line(global, fmt::format("  products:  {}", products.empty() ? "(none)" : ""));
    for (const store::PublishedProduct& product : products) {
        print_line(global,
                   fmt::format("    {}:{}  {}", product.name, product.version, product.title));
    }
    if (test_app) {
        print_line(global, fmt::format("  test app:  {}", test_app->name));
        print_line(global, fmt::format("    client ID:      {}", test_app->client_id));
        print_line(global, fmt::format("    client secret:  {}", test_app->test_secret));
    }
    return 0;
}

int run_catalog_remove(const CatalogRemoveOptions& options, const GlobalOptions& global)
{
    const std::string& name = options.name;
    open_store(global)->write([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, name);
        transaction.delete_catalog(name);
    });
    if (global.format() == OutputFormat::json) {
        print_json({{"name", name}, {"removed", true}});
    } else {
        print_line(
            global,
            fmt::format("removed catalog '{}' with its products, apps and subscriptions", name));
    }
    return 0;
}

void setup_catalog_list(CLI::App& group, CommandContext context)
{
    auto* list = group.add_subcommand("list", "List the catalogs");
    list->footer("Example:\n  apicat catalog list -o json");
    list->callback([context] { context.exit_status = run_catalog_list(context.global); });
}

void setup_catalog_create(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<CatalogCreateOptions>();
    auto* create = group.add_subcommand("create", "Create a catalog, with its test app");
    create->add_option("NAME", options->name, "The catalog's name")->required();
    create->footer("Example:\n  apicat catalog create staging");
    create->callback(
        [options, context] { context.exit_status = run_catalog_create(*options, context.global); });
}

void setup_catalog_show(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<CatalogShowOptions>();
    auto* show =
        group.add_subcommand("show", "Endpoint URL, published products, test-app credentials");
    takes(show->add_option("NAME", options->name, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
    show->footer("Example:\n  apicat catalog show sandbox -o json");
    show->callback(
        [options, context] { context.exit_status = run_catalog_show(*options, context.global); });
}

void setup_catalog_remove(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<CatalogRemoveOptions>();
    auto* remove = group.add_subcommand("remove", "Remove a catalog with everything in it");
    takes(remove->add_option("NAME", options->name, "The catalog"), ValueKind::catalog)->required();
    remove->footer("Example:\n  apicat catalog remove staging");
    remove->callback(
        [options, context] { context.exit_status = run_catalog_remove(*options, context.global); });
}

} // namespace

void setup_catalog_commands(CLI::App& app, CommandContext context)
{
    auto* group =
        app.add_subcommand("catalog", "Publishing targets: sandbox exists from the first use");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat catalog create staging\n  apicat catalog list");
    setup_catalog_list(*group, context);
    setup_catalog_create(*group, context);
    setup_catalog_show(*group, context);
    setup_catalog_remove(*group, context);
}

} // namespace apicat::cli

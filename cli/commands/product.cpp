// apicat product create | show | list | unpublish, and apicat publish: bundling drafts with
// plans, and putting them in a catalog.

#include "commands.hpp"

#include "catalog_json.hpp"
#include "completion/value_kind.hpp"
#include "edit_command.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "catalog/catalogs.hpp"
#include "catalog/product_snapshot.hpp"
#include "catalog/publish.hpp"
#include "errors.hpp"
#include "openapi/draft.hpp"
#include "openapi/draft_template.hpp"
#include "openapi/render.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace apicat::cli {

namespace fs = std::filesystem;

namespace {

struct ProductCreateOptions {
    std::string file;
    std::string title;
    std::string name;
    std::string version = "1.0.0";
    std::vector<std::string> apis;
    std::vector<std::string> plans;
    bool force = false;
    EditOptions edit;
};

// The API's name in the product: the draft's x-ibm-name, else its title's slug.
product::ProductApi product_api_for(const std::string& draft_file, const std::string& product_file)
{
    openapi::Draft draft = openapi::load_draft(draft_file);
    const Json info = draft.document.value("info", Json::object());
    std::string name = info.value("x-ibm-name", "");
    if (name.empty()) {
        name = openapi::slug(openapi::api_title(draft));
    }
    fs::path folder = fs::absolute(product_file).parent_path();
    std::string ref = fs::relative(fs::absolute(draft_file), folder).generic_string();
    return product::ProductApi{name, ref, ""};
}

int run_product_create(const ProductCreateOptions& options, const GlobalOptions& global)
{
    product::NewProductSpec spec{options.title, options.name, options.version, {}, {}};
    for (const std::string& draft : options.apis) {
        spec.apis.push_back(product_api_for(draft, options.file));
    }
    for (const std::string& plan : options.plans) {
        spec.plans.push_back(product::parse_plan_spec(plan));
    }
    Json document = product::new_product_document(spec);
    std::string text = openapi::render_document(
        document, openapi::default_text_style(openapi::syntax_for_new_file(options.file)));
    return write_new_file(global, options.edit, options.file, text,
                          fmt::format("created product '{}' ({}:{})", options.title,
                                      document["info"]["name"].get<std::string>(),
                                      document["info"]["version"].get<std::string>()),
                          options.force);
}

void setup_product_create(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<ProductCreateOptions>();
    auto* command =
        group.add_subcommand("create", "Write a product file that bundles drafts with plans");
    takes(command->add_option("FILE", options->file, "The product file to write (.yaml or .json)"),
          ValueKind::product_file)
        ->required();
    command->add_option("--title", options->title, "The product's title")->required();
    command->add_option(
        "--name", options->name,
        "The product's name (default: the title, lowercased, spaces turned into '-')");
    command->add_option("--version", options->version, "The product's version")
        ->capture_default_str();
    takes(command->add_option("--api", options->apis, "A draft to include (repeat for several)"),
          ValueKind::draft_file)
        ->required();
    command->add_option("--plan", options->plans,
                        "NAME[:RATE][:approval], e.g. default:100/1hour (default: one unlimited "
                        "plan named default)");
    command->add_flag("--force", options->force, "Overwrite an existing file");
    add_edit_flags(*command, options->edit);
    command->footer(
        "Examples:\n  apicat product create weather-product.yaml --title \"Weather Product\" "
        "--api weather.yaml --plan default:100/1hour\n"
        "  apicat product create weather-product.yaml --title \"Weather Product\" "
        "--api weather.yaml --plan default:100/1hour --plan gold:1000/1hour:approval");
    command->callback(
        [options, context] { context.exit_status = run_product_create(*options, context.global); });
}

// An api as `product show` tells it: its reference, and the draft it finds or why none.
Json api_json(const product::Product& product, const product::ProductApi& api)
{
    product::ApiFile found = product::find_api_file(product, api);
    Json shown = {{"name", api.name}};
    if (!api.ref.empty()) {
        shown["ref"] = api.ref;
    } else {
        shown["reference"] = api.reference;
    }
    shown["file"] = found.path.empty() ? Json() : Json(found.path.string());
    if (!found.problem.empty()) {
        shown["missing"] = found.problem;
    }
    return shown;
}

Json plan_json(const product::Plan& plan)
{
    Json shown = {{"name", plan.name},
                  {"title", plan.title},
                  {"rate_limit", product::limits_text(plan.limits)},
                  {"limits", limits_json(plan)},
                  {"approval", plan.approval}};
    if (plan.apis) {
        Json apis = Json::object();
        for (const product::PlanApi& api : *plan.apis) {
            Json operations = Json::array();
            for (const product::PlanOperation& operation : api.operations) {
                operations.push_back(operation.describe() +
                                     (operation.limits.empty()
                                          ? ""
                                          : " (" + product::limits_text(operation.limits) + ")"));
            }
            apis[api.name] = operations;
        }
        shown["apis"] = apis;
    }
    return shown;
}

void print_show(const Json& shown, const GlobalOptions& global)
{
    print_line(global,
               fmt::format("{} ({}:{})", shown["title"].get<std::string>(),
                           shown["name"].get<std::string>(), shown["version"].get<std::string>()));
    print_line(global, "  apis:");
    for (const Json& api : shown["apis"]) {
        std::string reference = api.value("ref", api.value("reference", ""));
        // A name reference says which draft it found; a path says it already.
        std::string where;
        if (api.contains("missing")) {
            where = " (draft missing: " + api["missing"].get<std::string>() + ")";
        } else if (api.contains("reference")) {
            where = " (" + fs::path(api["file"].get<std::string>()).filename().string() + ")";
        }
        print_line(global,
                   fmt::format("    {} → {}{}", api["name"].get<std::string>(), reference, where));
    }
    print_line(global, "  plans:");
    for (const Json& plan : shown["plans"]) {
        print_line(global, fmt::format("    {}: {}{}", plan["name"].get<std::string>(),
                                       plan["rate_limit"].get<std::string>(),
                                       plan["approval"].get<bool>() ? " (needs approval)" : ""));
        if (plan.contains("apis")) {
            std::vector<std::string> apis;
            for (const auto& [name, operations] : plan["apis"].items()) {
                apis.push_back(
                    operations.empty()
                        ? name
                        : fmt::format("{} ({})", name,
                                      fmt::join(operations.get<std::vector<std::string>>(), ", ")));
            }
            print_line(global, fmt::format("      only: {}", fmt::join(apis, "; ")));
        }
    }
    const Json& visibility = shown["visibility"];
    if (!visibility["view"].get<std::string>().empty() ||
        !visibility["subscribe"].get<std::string>().empty()) {
        auto said = [&](const char* key) {
            std::string type = visibility[key];
            return type.empty() ? std::string("not said") : type;
        };
        print_line(global, fmt::format("  visibility: view {}, subscribe {}", said("view"),
                                       said("subscribe")));
    }
}

struct ProductShowOptions {
    std::string file;
};

int run_product_show(const ProductShowOptions& options, const GlobalOptions& global)
{
    const std::string& file = options.file;
    product::Product product = product::load_product(file);
    Json apis = Json::array();
    for (const product::ProductApi& api : product.apis) {
        apis.push_back(api_json(product, api));
    }
    Json plans = Json::array();
    for (const product::Plan& plan : product.plans) {
        plans.push_back(plan_json(plan));
    }
    Json shown = {{"file", file},
                  {"name", product.name},
                  {"title", product.title},
                  {"version", product.version},
                  {"apis", apis},
                  {"plans", plans},
                  {"visibility",
                   {{"view", product.visibility.view},
                    {"subscribe", product.visibility.subscribe},
                    {"sections", product.visibility.document}}}};
    if (global.format() == OutputFormat::json) {
        print_json(shown);
    } else {
        print_show(shown, global);
    }
    return 0;
}

struct PublishOptions {
    std::string catalog = catalog::default_catalog;
    std::string product_file;
};

struct ProductListOptions {
    std::string catalog = catalog::default_catalog;
};

struct ProductUnpublishOptions {
    std::string catalog = catalog::default_catalog;
    std::string product; // NAME[:VERSION]
};

void add_product_catalog_option(CLI::App& command, std::string& catalog)
{
    takes(command.add_option("--catalog", catalog, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
}

int run_product_publish(const PublishOptions& options, const GlobalOptions& global)
{
    product::Product product = product::load_product(options.product_file);
    catalog::BuiltSnapshot built = catalog::build_snapshot(product, options.catalog);
    catalog::PublishResult result;
    open_store(global)->write([&](store::Transaction& transaction) {
        result = catalog::publish(transaction, options.catalog, product, built.snapshot);
    });
    if (global.format() == OutputFormat::json) {
        Json warnings = Json::array();
        for (const catalog::LocatedFinding& warning : built.warnings) {
            warnings.push_back({{"file", warning.at.file},
                                {"line", warning.at.line},
                                {"column", warning.at.column},
                                {"message", warning.message}});
        }
        print_json({{"catalog", options.catalog},
                    {"product", product.name},
                    {"version", product.version},
                    {"republished", result.republished},
                    {"changes", result.changes},
                    {"warnings", warnings}});
        return 0;
    }
    for (const catalog::LocatedFinding& warning : built.warnings) {
        print_warning(global, warning.str());
    }
    print_line(global, fmt::format("{} {}:{} to catalog '{}' ({})",
                                   result.republished ? "republished" : "published", product.name,
                                   product.version, options.catalog,
                                   catalog::endpoint_url(options.catalog)));
    if (result.republished && result.changes.empty()) {
        print_line(global, "  no changes");
    }
    for (const std::string& change : result.changes) {
        print_line(global, "  " + change);
    }
    return 0;
}

int run_product_list(const ProductListOptions& options, const GlobalOptions& global)
{
    catalog::PublishedProducts products;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        products = catalog::decode_products(transaction.products(options.catalog));
    });
    Json list = Json::array();
    std::vector<std::vector<std::string>> rows;
    for (const auto& decoded : products) {
        const catalog::ProductSnapshot& product = *decoded;
        Json shown = published_product_json(product);
        std::vector<std::string> plans;
        for (const Json& plan : shown["plans"]) {
            plans.push_back(fmt::format("{} ({})", plan["name"].get<std::string>(),
                                        plan["rate_limit"].get<std::string>()));
        }
        rows.push_back({product.name, product.version, product.title,
                        fmt::format("{}", fmt::join(plans, ", "))});
        list.push_back(std::move(shown));
    }
    if (global.format() == OutputFormat::json) {
        print_json(list);
    } else if (rows.empty()) {
        print_line(global,
                   fmt::format("catalog '{}' has no products; publish one with 'apicat publish "
                               "PRODUCT_FILE'",
                               options.catalog));
    } else {
        print_table(global, {"NAME", "VERSION", "TITLE", "PLANS"}, rows);
    }
    return 0;
}

int run_product_unpublish(const ProductUnpublishOptions& options, const GlobalOptions& global)
{
    auto colon = options.product.find(':');
    std::string name = options.product.substr(0, colon);
    std::string version = colon == std::string::npos ? "" : options.product.substr(colon + 1);
    open_store(global)->write([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        std::vector<std::string> versions;
        for (const store::PublishedProduct& product : transaction.products(options.catalog)) {
            if (product.name == name) {
                versions.push_back(product.version);
            }
        }
        if (versions.empty()) {
            throw Error(
                fmt::format("no product '{}' is published in catalog '{}'", name, options.catalog),
                "see what is: apicat product list");
        }
        if (version.empty()) {
            if (versions.size() > 1) {
                throw UsageError(fmt::format("product '{}' has {} versions in catalog '{}'", name,
                                             versions.size(), options.catalog),
                                 fmt::format("say which: {}", fmt::join(versions, ", ")));
            }
            version = versions.front();
        } else if (std::find(versions.begin(), versions.end(), version) == versions.end()) {
            throw Error(fmt::format("product '{}' has no version '{}' in catalog '{}'", name,
                                    version, options.catalog),
                        fmt::format("its versions: {}", fmt::join(versions, ", ")));
        }
        transaction.delete_product(options.catalog, name, version);
    });
    if (global.format() == OutputFormat::json) {
        print_json({{"catalog", options.catalog}, {"product", name}, {"version", version}});
    } else {
        print_line(global, fmt::format("unpublished {}:{} from catalog '{}'", name, version,
                                       options.catalog));
    }
    return 0;
}

void setup_product_show(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<ProductShowOptions>();
    auto* show = group.add_subcommand("show", "Show a product file: its APIs and plans");
    takes(show->add_option("FILE", options->file, "The product file"), ValueKind::product_file)
        ->required();
    show->footer("Example:\n  apicat product show weather-product.yaml");
    show->callback(
        [options, context] { context.exit_status = run_product_show(*options, context.global); });
}

void setup_product_list(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<ProductListOptions>();
    auto* list = group.add_subcommand("list", "List the products published in a catalog");
    add_product_catalog_option(*list, options->catalog);
    list->footer("Example:\n  apicat product list --catalog sandbox -o json");
    list->callback(
        [options, context] { context.exit_status = run_product_list(*options, context.global); });
}

void setup_product_unpublish(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<ProductUnpublishOptions>();
    auto* unpublish =
        group.add_subcommand("unpublish", "Remove a published product from a catalog");
    takes(unpublish->add_option("NAME", options->product, "NAME or NAME:VERSION"),
          ValueKind::product)
        ->required();
    add_product_catalog_option(*unpublish, options->catalog);
    unpublish->footer("Examples:\n  apicat product unpublish weather-product:1.0.0\n"
                      "  apicat product unpublish weather-product --catalog staging");
    unpublish->callback([options, context] {
        context.exit_status = run_product_unpublish(*options, context.global);
    });
}

} // namespace

void setup_product_commands(CLI::App& app, CommandContext context)
{
    auto* group =
        app.add_subcommand("product", "Bundle drafts with plans, and see what is published");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat product create weather-product.yaml --title \"Weather "
                  "Product\" --api weather.yaml\n  apicat product list");
    setup_product_create(*group, context);
    setup_product_validate_command(*group, context);
    setup_product_show(*group, context);
    setup_product_list(*group, context);
    setup_product_unpublish(*group, context);
}

void setup_publish_command(CLI::App& app, CommandContext context)
{
    auto options = std::make_shared<PublishOptions>();
    auto* publish = app.add_subcommand("publish", "Publish (or republish) a product to a catalog");
    takes(publish->add_option("PRODUCT_FILE", options->product_file, "The product file"),
          ValueKind::product_file)
        ->required();
    add_product_catalog_option(*publish, options->catalog);
    publish->footer(
        "Publishing the same name and version again replaces it and lists the changes.\n"
        "Examples:\n  apicat publish weather-product.yaml\n"
        "  apicat publish weather-product.yaml --catalog staging");
    publish->callback([options, context] {
        context.exit_status = run_product_publish(*options, context.global);
    });
}

} // namespace apicat::cli

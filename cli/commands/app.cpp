// apicat app register | import | list | show | remove | suspend | resume | reset-secret |
// subscribe | unsubscribe | approve: consumer apps and their credentials.

#include "commands.hpp"

#include "catalog_json.hpp"
#include "completion/value_kind.hpp"
#include "output.hpp"
#include "store_access.hpp"

#include "catalog/app_import.hpp"
#include "catalog/apps.hpp"
#include "catalog/catalogs.hpp"
#include "errors.hpp"
#include "util/text_file.hpp"

#include <fmt/format.h>

#include <iostream>
#include <iterator>

namespace apicat::cli {

namespace {

// What every app subcommand takes: the catalog, and the app's name where it names one.
struct AppOptions {
    std::string catalog = catalog::default_catalog;
    std::string name;
};

struct AppRegisterOptions {
    AppOptions app;
    bool no_secret = false;
    std::vector<std::string> subscribe;
};

struct AppImportOptions {
    AppOptions app;
    std::string file;
};

struct AppSubscribeOptions {
    AppOptions app;
    std::string product;
    std::string plan;
};

// An app and one product it subscribes to: app unsubscribe and app approve.
struct AppProductOptions {
    AppOptions app;
    std::string product;
};

enum class AppName {
    none,     // the command is about the catalog's apps
    new_app,  // the name of an app to register
    existing, // an app of the catalog
};

// `options` belongs to the subcommand's callback, which keeps it alive.
CLI::App* add_app_command(CLI::App& group, const char* name, const char* description,
                          AppOptions& options, const std::string& example,
                          AppName app_name = AppName::existing)
{
    auto* command = group.add_subcommand(name, description);
    if (app_name != AppName::none) {
        auto* option = command->add_option("NAME", options.name, "The app's name")->required();
        if (app_name == AppName::existing) {
            takes(option, ValueKind::app);
        }
    }
    takes(command->add_option("--catalog", options.catalog, "The catalog"), ValueKind::catalog)
        ->capture_default_str();
    command->footer("Example:\n  " + example);
    return command;
}

// ", pending approval" after a subscription that waits for it, else nothing.
std::string approval_note(const store::Subscription& subscription)
{
    return subscription.state == store::SubscriptionState::pending ? ", pending approval" : "";
}

void print_app(const GlobalOptions& global, const store::App& app,
               const std::vector<store::Subscription>& subscriptions)
{
    print_line(global, fmt::format("app {} in catalog {}{}", app.name, app.catalog,
                                   app.test_app ? " (the catalog's test app)" : ""));
    print_line(global, fmt::format("  client ID:  {}", app.client_id));
    print_line(global, fmt::format("  secret:     {}",
                                   app.secret_digest.empty() ? "none" : "set (not shown)"));
    print_line(global, fmt::format("  state:      {}", store::to_text(app.state)));
    print_line(global, fmt::format("  subscriptions: {}", subscriptions.empty() ? "(none)" : ""));
    for (const store::Subscription& subscription : subscriptions) {
        print_line(global, fmt::format("    {} (plan {}){}", subscription.product,
                                       subscription.plan, approval_note(subscription)));
    }
}

// Prints credentials that were just made: the secret once, and never again.
void print_new_credentials(const GlobalOptions& global, const catalog::RegisteredApp& registered,
                           const std::vector<store::Subscription>& subscriptions, const char* verb)
{
    if (global.format() == OutputFormat::json) {
        print_json(app_json(registered.app, subscriptions, registered.client_secret));
        return;
    }
    // Credentials are the point of these commands: print them even with --quiet.
    fmt::print("{} app '{}' in catalog '{}'\n", verb, registered.app.name, registered.app.catalog);
    fmt::print("  client ID:      {}\n", registered.app.client_id);
    if (!registered.client_secret.empty()) {
        fmt::print("  client secret:  {}\n", registered.client_secret);
        fmt::print(
            "  The client secret is shown only now: store it safely. 'apicat app reset-secret "
            "{}' makes a new one.\n",
            registered.app.name);
    }
    for (const store::Subscription& subscription : subscriptions) {
        print_line(global, fmt::format("  subscribed to {} (plan {}){}", subscription.product,
                                       subscription.plan, approval_note(subscription)));
    }
}

std::pair<std::string, std::string> product_and_plan(const std::string& text)
{
    auto colon = text.find(':');
    if (colon == std::string::npos) {
        return {text, ""};
    }
    return {text.substr(0, colon), text.substr(colon + 1)};
}

int run_app_register(const AppRegisterOptions& options, const GlobalOptions& global)
{
    const AppOptions& app = options.app;
    catalog::RegisteredApp registered;
    std::vector<store::Subscription> subscriptions;
    open_store(global)->write([&](store::Transaction& transaction) {
        registered = catalog::register_app(transaction, app.catalog, app.name, !options.no_secret);
        subscriptions.clear();
        for (const std::string& target : options.subscribe) {
            auto [product, plan] = product_and_plan(target);
            subscriptions.push_back(
                catalog::subscribe(transaction, app.catalog, app.name, product, plan));
        }
    });
    print_new_credentials(global, registered, subscriptions, "registered");
    return 0;
}

// Stdout holds only the credentials made, one JSON line per app, for a script to keep; the
// count goes to stderr.
int run_app_import(const AppImportOptions& options, const GlobalOptions& global)
{
    const bool from_stdin = options.file == "-";
    const std::string text = from_stdin ? std::string(std::istreambuf_iterator<char>(std::cin), {})
                                        : util::read_text_file(options.file);
    catalog::ImportResult result;
    open_store(global)->write([&](store::Transaction& transaction) {
        result = catalog::import_apps(transaction, options.app.catalog, text,
                                      from_stdin ? "stdin" : options.file);
    });
    std::string lines;
    for (const catalog::MadeCredentials& made : result.made) {
        lines += Json{{"name", made.name},
                      {"client_id", made.client_id},
                      {"client_secret", made.client_secret}}
                     .dump();
        lines += '\n';
    }
    fmt::print("{}", lines);
    if (!global.quiet) {
        fmt::print(stderr,
                   "imported {} apps into catalog '{}': {} made credentials, {} subscriptions"
                   "{}\n",
                   result.apps, options.app.catalog, result.made.size(), result.subscriptions,
                   result.pending == 0 ? ""
                                       : fmt::format(" ({} pending approval)", result.pending));
    }
    return 0;
}

int run_app_reset_secret(const AppOptions& options, const GlobalOptions& global)
{
    catalog::RegisteredApp registered;
    std::vector<store::Subscription> subscriptions;
    open_store(global)->write([&](store::Transaction& transaction) {
        registered = catalog::reset_secret(transaction, options.catalog, options.name);
        subscriptions = catalog::subscriptions_of(transaction, options.catalog, options.name);
    });
    print_new_credentials(global, registered, subscriptions, "reset the secret of");
    return 0;
}

int run_app_list(const AppOptions& options, const GlobalOptions& global)
{
    std::vector<store::App> apps;
    std::vector<store::Subscription> subscriptions;
    open_store(global)->read([&](store::Transaction& transaction) {
        catalog::require_catalog(transaction, options.catalog);
        apps = transaction.apps(options.catalog);
        subscriptions = transaction.subscriptions(options.catalog);
    });
    Json list = Json::array();
    std::vector<std::vector<std::string>> rows;
    for (const store::App& app : apps) {
        std::vector<store::Subscription> own;
        std::vector<std::string> products;
        for (const store::Subscription& subscription : subscriptions) {
            if (subscription.app == app.name) {
                own.push_back(subscription);
                products.push_back(
                    subscription.product +
                    (subscription.state == store::SubscriptionState::pending ? " (pending)" : ""));
            }
        }
        list.push_back(app_json(app, own));
        rows.push_back({app.name, app.client_id, std::string(store::to_text(app.state)),
                        fmt::format("{}", fmt::join(products, ", "))});
    }
    if (global.format() == OutputFormat::json) {
        print_json(list);
    } else {
        print_table(global, {"NAME", "CLIENT-ID", "STATE", "SUBSCRIPTIONS"}, rows);
    }
    return 0;
}

int run_app_show(const AppOptions& options, const GlobalOptions& global)
{
    store::App app;
    std::vector<store::Subscription> subscriptions;
    open_store(global)->read([&](store::Transaction& transaction) {
        app = catalog::require_app(transaction, options.catalog, options.name);
        subscriptions = catalog::subscriptions_of(transaction, options.catalog, options.name);
    });
    if (global.format() == OutputFormat::json) {
        print_json(app_json(app, subscriptions));
    } else {
        print_app(global, app, subscriptions);
    }
    return 0;
}

// The commands that change one thing about an app and say so in a sentence.
int run_app_change(const AppOptions& options, const GlobalOptions& global,
                   const std::function<std::string(store::Transaction&)>& change)
{
    std::string message;
    store::App app;
    std::vector<store::Subscription> subscriptions;
    open_store(global)->write([&](store::Transaction& transaction) {
        message = change(transaction);
        if (auto still_there = transaction.find_app(options.catalog, options.name)) {
            app = *still_there;
            subscriptions = catalog::subscriptions_of(transaction, options.catalog, options.name);
        }
    });
    if (global.format() == OutputFormat::json) {
        print_json(
            app.name.empty()
                ? Json{{"catalog", options.catalog}, {"name", options.name}, {"removed", true}}
                : app_json(app, subscriptions));
    } else {
        print_line(global, message);
    }
    return 0;
}

int run_app_remove(const AppOptions& options, const GlobalOptions& global)
{
    return run_app_change(options, global, [&](store::Transaction& transaction) {
        catalog::remove_app(transaction, options.catalog, options.name);
        return fmt::format("removed app '{}'", options.name);
    });
}

int run_app_set_state(const AppOptions& options, const GlobalOptions& global, store::AppState state)
{
    return run_app_change(options, global, [&](store::Transaction& transaction) {
        catalog::set_app_state(transaction, options.catalog, options.name, state);
        return fmt::format("app '{}' is {}", options.name, store::to_text(state));
    });
}

int run_app_suspend(const AppOptions& options, const GlobalOptions& global)
{
    return run_app_set_state(options, global, store::AppState::suspended);
}

int run_app_resume(const AppOptions& options, const GlobalOptions& global)
{
    return run_app_set_state(options, global, store::AppState::active);
}

int run_app_subscribe(const AppSubscribeOptions& options, const GlobalOptions& global)
{
    const AppOptions& app = options.app;
    return run_app_change(app, global, [&](store::Transaction& transaction) {
        store::Subscription made =
            catalog::subscribe(transaction, app.catalog, app.name, options.product, options.plan);
        return fmt::format(
            "app '{}' is subscribed to {} (plan {}){}", app.name, made.product, made.plan,
            made.state == store::SubscriptionState::pending
                ? ", pending approval: apicat app approve " + app.name + " " + made.product
                : "");
    });
}

int run_app_unsubscribe(const AppProductOptions& options, const GlobalOptions& global)
{
    const AppOptions& app = options.app;
    return run_app_change(app, global, [&](store::Transaction& transaction) {
        catalog::unsubscribe(transaction, app.catalog, app.name, options.product);
        return fmt::format("app '{}' is no longer subscribed to {}", app.name, options.product);
    });
}

int run_app_approve(const AppProductOptions& options, const GlobalOptions& global)
{
    const AppOptions& app = options.app;
    return run_app_change(app, global, [&](store::Transaction& transaction) {
        store::Subscription approved =
            catalog::approve(transaction, app.catalog, app.name, options.product);
        return fmt::format("approved app '{}' for {} (plan {})", app.name, approved.product,
                           approved.plan);
    });
}

void setup_app_register(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppRegisterOptions>();
    auto* command = add_app_command(
        group, "register", "Register an app: a Client ID and a Client Secret", options->app,
        "apicat app register weather-app --subscribe weather-product", AppName::new_app);
    command->add_flag("--no-secret", options->no_secret, "A Client ID only, no secret");
    takes(command->add_option("--subscribe", options->subscribe,
                              "A product to subscribe to, and its plan when it has "
                              "several (repeat for several)"),
          ValueKind::product_plan);
    command->footer(
        "The secret is printed once; apicat keeps only its SHA-256 digest.\n"
        "Examples:\n  apicat app register weather-app --subscribe weather-product\n"
        "  apicat app register partner-app --subscribe weather-product:gold --catalog staging");
    command->callback(
        [options, context] { context.exit_status = run_app_register(*options, context.global); });
}

void setup_app_import(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppImportOptions>();
    auto* command = add_app_command(
        group, "import", "Register many apps with their subscriptions from JSON lines, at once",
        options->app, "apicat app import apps.jsonl > credentials.jsonl", AppName::none);
    takes(command->add_option("FILE", options->file, "JSON lines, one app a line ('-': stdin)"),
          ValueKind::any_file)
        ->required();
    command->footer(
        "Each line: {\"name\": \"a\", \"client_id\": \"...\", \"client_secret\": \"...\",\n"
        "            \"subscriptions\": [{\"product\": \"weather-product\", \"plan\": "
        "\"default\"}]}\n"
        "A given client ID (printable ASCII without spaces, 1 to 128 characters) and secret are\n"
        "kept; apicat keeps only the secret's SHA-256 digest. A client ID alone: no secret.\n"
        "An app without them gets new ones, printed once on stdout as JSON lines\n"
        "{\"name\", \"client_id\", \"client_secret\"}. All or nothing: a wrong line is an error\n"
        "naming it, and nothing is imported.\n"
        "Example:\n  apicat app import apps.jsonl > credentials.jsonl");
    command->callback(
        [options, context] { context.exit_status = run_app_import(*options, context.global); });
}

void setup_app_list(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "list", "List the catalog's apps", *options, "apicat app list -o json",
                    AppName::none)
        ->callback(
            [options, context] { context.exit_status = run_app_list(*options, context.global); });
}

void setup_app_show(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "show", "Show an app (never its secret)", *options,
                    "apicat app show weather-app")
        ->callback(
            [options, context] { context.exit_status = run_app_show(*options, context.global); });
}

void setup_app_remove(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "remove", "Remove an app and its subscriptions", *options,
                    "apicat app remove weather-app")
        ->callback(
            [options, context] { context.exit_status = run_app_remove(*options, context.global); });
}

void setup_app_suspend(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "suspend", "Refuse the app's calls (403) until resumed", *options,
                    "apicat app suspend weather-app")
        ->callback([options, context] {
            context.exit_status = run_app_suspend(*options, context.global);
        });
}

void setup_app_resume(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "resume", "Let a suspended app call again", *options,
                    "apicat app resume weather-app")
        ->callback(
            [options, context] { context.exit_status = run_app_resume(*options, context.global); });
}

void setup_app_reset_secret(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppOptions>();
    add_app_command(group, "reset-secret",
                    "Make a new Client Secret; the old one stops working at once", *options,
                    "apicat app reset-secret weather-app")
        ->callback([options, context] {
            context.exit_status = run_app_reset_secret(*options, context.global);
        });
}

void setup_app_subscribe(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppSubscribeOptions>();
    auto* subscribe =
        add_app_command(group, "subscribe", "Subscribe the app to a product's plan", options->app,
                        "apicat app subscribe weather-app weather-product --plan default");
    takes(subscribe->add_option("PRODUCT", options->product, "A product published in the catalog"),
          ValueKind::product)
        ->required();
    takes(subscribe->add_option("--plan", options->plan,
                                "The plan (needed when the product has several)"),
          ValueKind::plan);
    subscribe->callback(
        [options, context] { context.exit_status = run_app_subscribe(*options, context.global); });
}

void setup_app_unsubscribe(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppProductOptions>();
    auto* unsubscribe =
        add_app_command(group, "unsubscribe", "End the app's subscription to a product",
                        options->app, "apicat app unsubscribe weather-app weather-product");
    takes(unsubscribe->add_option("PRODUCT", options->product, "The product"), ValueKind::product)
        ->required();
    unsubscribe->callback([options, context] {
        context.exit_status = run_app_unsubscribe(*options, context.global);
    });
}

void setup_app_approve(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<AppProductOptions>();
    auto* approve = add_app_command(group, "approve", "Approve a pending subscription",
                                    options->app, "apicat app approve weather-app gold-product");
    takes(approve->add_option("PRODUCT", options->product, "The product"), ValueKind::product)
        ->required();
    approve->callback(
        [options, context] { context.exit_status = run_app_approve(*options, context.global); });
}

} // namespace

void setup_app_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand("app", "Consumer apps: credentials and subscriptions");
    group->require_subcommand(1);
    group->footer("Examples:\n  apicat app register weather-app --subscribe weather-product\n"
                  "  apicat app list");
    setup_app_register(*group, context);
    setup_app_import(*group, context);
    setup_app_list(*group, context);
    setup_app_show(*group, context);
    setup_app_remove(*group, context);
    setup_app_suspend(*group, context);
    setup_app_resume(*group, context);
    setup_app_reset_secret(*group, context);
    setup_app_subscribe(*group, context);
    setup_app_unsubscribe(*group, context);
    setup_app_approve(*group, context);
}

} // namespace apicat::cli

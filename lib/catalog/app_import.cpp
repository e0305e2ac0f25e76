#include "catalog/app_import.hpp"

#include "catalog/apps.hpp"
#include "catalog/catalogs.hpp"
#include "catalog/plain_import_line.hpp"
#include "catalog/product_snapshot.hpp"
#include "credentials/credentials.hpp"
#include "errors.hpp"
#include "json.hpp"
#include "product/product.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace apicat::catalog {

namespace {

const char* const line_shape = R"(each line is one app: {"name": "a", "client_id": "…", )"
                               R"("client_secret": "…", "subscriptions": [{"product": "p", )"
                               R"("plan": "default"}]}, client_id and client_secret optional)";

[[noreturn]] void fail_at(const std::string& source, std::size_t line, const std::string& message,
                          const std::string& hint = line_shape)
{
    throw Error(fmt::format("{}:{}: {}", source, line, message), hint);
}

std::string string_member(const Json& object, const char* key, const std::string& source,
                          std::size_t line)
{
    const Json& value = object.at(key);
    if (!value.is_string()) {
        fail_at(source, line, fmt::format("'{}' is not a string", key));
    }
    return value.get<std::string>();
}

std::vector<ImportedSubscription> subscriptions_member(const Json& value, const std::string& source,
                                                       std::size_t line)
{
    if (!value.is_array()) {
        fail_at(source, line, "'subscriptions' is not a list");
    }
    std::vector<ImportedSubscription> subscriptions;
    for (const Json& each : value) {
        if (!each.is_object()) {
            fail_at(source, line, "a subscription is not an object {\"product\", \"plan\"}");
        }
        for (const auto& [key, member] : each.items()) {
            if (key != "product" && key != "plan") {
                fail_at(source, line, fmt::format("a subscription has an unknown key '{}'", key),
                        "a subscription is {\"product\": \"p\", \"plan\": \"default\"}");
            }
        }
        if (!each.contains("product") || !each.contains("plan")) {
            fail_at(source, line,
                    fmt::format("a subscription lacks its '{}'",
                                each.contains("product") ? "plan" : "product"),
                    "a subscription is {\"product\": \"p\", \"plan\": \"default\"}");
        }
        subscriptions.push_back({string_member(each, "product", source, line),
                                 string_member(each, "plan", source, line)});
    }
    return subscriptions;
}

// The members of a line that is not plain (plain_import_line.hpp), read by the JSON parser,
// whose shape errors it words.
GivenImportLine read_json_import_line(std::string_view text, const std::string& source,
                                      std::size_t line)
{
    Json object;
    try {
        object = Json::parse(text);
    } catch (const Json::parse_error& error) {
        fail_at(source, line, fmt::format("not JSON: {}", error.what()));
    }
    if (!object.is_object()) {
        fail_at(source, line, "not a JSON object");
    }
    GivenImportLine given;
    for (const auto& [key, value] : object.items()) {
        if (key == "name") {
            given.name = string_member(object, "name", source, line);
        } else if (key == "client_id") {
            given.client_id = string_member(object, "client_id", source, line);
        } else if (key == "client_secret") {
            given.client_secret = string_member(object, "client_secret", source, line);
        } else if (key == "subscriptions") {
            given.subscriptions = subscriptions_member(value, source, line);
        } else {
            fail_at(source, line, fmt::format("unknown key '{}'", key));
        }
    }
    return given;
}

// The decoded newest version of each product the import subscribes to, read once per product
// rather than once per line: decoding a snapshot costs far more than inserting an app.
class ProductCache {
public:
    explicit ProductCache(store::Transaction& transaction, const std::string& catalog)
        : transaction_(transaction)
        , catalog_(catalog)
    {
    }

    const ProductSnapshot& get(const std::string& name)
    {
        auto found = products_.find(name);
        if (found == products_.end()) {
            found = products_.emplace(name, require_product(transaction_, catalog_, name)).first;
        }
        return found->second;
    }

private:
    store::Transaction& transaction_;
    const std::string& catalog_;
    std::map<std::string, ProductSnapshot> products_;
};

// The lines of `text` that are not blank, with their 1-based numbers, without newline or a
// Windows carriage return.
template <typename EachLine> void for_each_line(std::string_view text, EachLine each_line)
{
    std::size_t line = 0;
    while (!text.empty()) {
        ++line;
        const std::size_t end = text.find('\n');
        std::string_view current = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        if (!current.empty() && current.back() == '\r') {
            current.remove_suffix(1);
        }
        if (current.find_first_not_of(" \t") != std::string_view::npos) {
            each_line(current, line);
        }
    }
}

// The store refused `app`: its name or its client ID is taken, by an earlier line of the file
// or by an app stored before. Worked out only now, so that the import of a good file asks the
// store nothing before each insert (its unique indexes check), and keeps no map of the file's
// names and client IDs: reading the lines before this one again costs only on this way out.
// `client_id` is the one tried: the line's, or the one made for it.
[[noreturn]] void fail_taken(store::Transaction& transaction, const std::string& catalog,
                             const ImportLine& app, const std::string& client_id,
                             std::string_view text, const std::string& source)
{
    std::size_t same_name = 0;
    std::size_t same_client_id = 0;
    for_each_line(text, [&](std::string_view current, std::size_t line) {
        if (line >= app.line) {
            return;
        }
        const ImportLine earlier = parse_import_line(current, source, line);
        if (same_name == 0 && earlier.name == app.name) {
            same_name = line;
        }
        if (same_client_id == 0 && !app.client_id.empty() && earlier.client_id == app.client_id) {
            same_client_id = line;
        }
    });
    if (same_name != 0) {
        fail_at(source, app.line,
                fmt::format("app '{}' is named on line {} already", app.name, same_name),
                "each app appears once: remove one of the two lines");
    }
    if (transaction.find_app(catalog, app.name)) {
        fail_at(source, app.line,
                fmt::format("an app named '{}' exists already in catalog '{}'", app.name, catalog),
                "rename it in the file, or remove the existing one: apicat app remove " + app.name);
    }
    if (same_client_id != 0) {
        fail_at(source, app.line,
                fmt::format("the client ID of app '{}' is the one of line {}", app.name,
                            same_client_id),
                "client IDs are unique: remove the line that repeats it, or its client_id");
    }
    if (auto holder = transaction.find_app_by_client_id(client_id)) {
        fail_at(source, app.line,
                fmt::format("the client ID of app '{}' is held already by app '{}' in catalog "
                            "'{}'",
                            app.name, holder->name, holder->catalog),
                app.client_id.empty()
                    ? "the import made a client ID that is taken: run it again"
                    : "client IDs are unique in the whole store: leave client_id out to get a "
                      "new one");
    }
    // Refused, yet neither is taken now: name the app rather than guess a cause.
    throw Error(fmt::format("{}:{}: the store refused app '{}'", source, app.line, app.name));
}

// How many lines go to the store at once. One multi-row statement per batch, instead of one
// per app and one per subscription, took an import of 1,000,000 apps from about 45,000 to
// about 50,000 apps/s (batches of 64 did nearly as well), and binding the rows' strings
// without copies to 52,000-54,000. Most of what is left is the store's B-trees.
constexpr std::size_t import_batch_size = 256;

// The lines of an import on their way to the store, a batch at a time. Errors keep the order
// of the lines: a batch that the store refuses is inserted again line by line, so that the
// first refused line is the one named.
class ImportBatch {
public:
    ImportBatch(store::Transaction& transaction, const std::string& catalog, std::string_view text,
                const std::string& source)
        : transaction_(transaction)
        , catalog_(catalog)
        , text_(text)
        , source_(source)
        , products_(transaction, catalog)
        , created_at_(now_rfc3339())
    {
        lines_.reserve(import_batch_size);
        apps_.reserve(import_batch_size);
    }

    void add(ImportLine given)
    {
        store::App app;
        app.catalog = catalog_;
        app.name = given.name;
        app.created_at = created_at_;
        std::optional<MadeCredentials> made;
        if (given.client_id.empty()) {
            // 128 random bits, as `app register` makes them
            made = MadeCredentials{given.name, credentials::new_client_id(),
                                   credentials::new_client_secret()};
            app.client_id = made->client_id;
            app.secret_digest = credentials::secret_digest(made->client_secret);
        } else {
            app.client_id = given.client_id;
            if (!given.client_secret.empty()) {
                app.secret_digest = credentials::secret_digest(given.client_secret);
            }
        }
        lines_.push_back({std::move(given), std::move(made)});
        apps_.push_back(std::move(app));
        if (lines_.size() == import_batch_size) {
            flush();
        }
    }

    void flush()
    {
        if (transaction_.insert_apps(apps_)) {
            for (Line& line : lines_) {
                add_subscriptions(line.given);
            }
            transaction_.put_subscriptions(subscriptions_);
        } else {
            for (std::size_t each = 0; each < lines_.size(); ++each) {
                if (!transaction_.insert_app(apps_[each])) {
                    fail_taken(transaction_, catalog_, lines_[each].given, apps_[each].client_id,
                               text_, source_);
                }
                add_subscriptions(lines_[each].given);
                transaction_.put_subscriptions(subscriptions_);
                subscriptions_.clear();
            }
        }
        for (Line& line : lines_) {
            ++result_.apps;
            if (line.made) {
                result_.made.push_back(std::move(*line.made));
            }
        }
        lines_.clear();
        apps_.clear();
        subscriptions_.clear();
    }

    ImportResult result() { return std::move(result_); }

private:
    struct Line {
        ImportLine given;
        std::optional<MadeCredentials> made;
    };

    void add_subscriptions(const ImportLine& given)
    {
        for (const ImportedSubscription& wanted : given.subscriptions) {
            try {
                subscriptions_.push_back(new_subscription(products_.get(wanted.product), catalog_,
                                                          given.name, wanted.plan));
            } catch (const Error& error) {
                fail_at(source_, given.line, error.what(), error.hint());
            }
            ++result_.subscriptions;
            result_.pending +=
                subscriptions_.back().state == store::SubscriptionState::pending ? 1 : 0;
        }
    }

    store::Transaction& transaction_;
    const std::string& catalog_;
    std::string_view text_;
    const std::string& source_;
    ProductCache products_;
    const std::string created_at_;
    std::vector<Line> lines_;
    std::vector<store::App> apps_; // lines_' apps, as the store takes them
    std::vector<store::Subscription> subscriptions_;
    ImportResult result_;
};

} // namespace

bool is_importable_client_id(std::string_view client_id)
{
    if (client_id.empty() || client_id.size() > max_imported_client_id) {
        return false;
    }
    for (char c : client_id) {
        if (c < '!' || c > '~') {
            return false;
        }
    }
    return true;
}

ImportLine parse_import_line(std::string_view text, const std::string& source, std::size_t line)
{
    std::optional<GivenImportLine> plain = read_plain_import_line(text);
    GivenImportLine given = plain ? std::move(*plain) : read_json_import_line(text, source, line);
    ImportLine app;
    app.line = line;
    if (!given.name) {
        fail_at(source, line, "the app has no 'name'");
    }
    app.name = std::move(*given.name);
    try {
        product::check_object_name(app.name, "app name");
    } catch (const Error& error) {
        fail_at(source, line, error.what(), error.hint());
    }
    if (given.client_id) {
        app.client_id = std::move(*given.client_id);
        if (!is_importable_client_id(app.client_id)) {
            fail_at(source, line,
                    fmt::format("the client ID of app '{}' is not 1 to {} printable ASCII "
                                "characters without spaces",
                                app.name, max_imported_client_id),
                    "leave client_id out to get a new one");
        }
    }
    if (given.client_secret) {
        if (app.client_id.empty()) {
            fail_at(source, line,
                    fmt::format("app '{}' has a client_secret but no client_id", app.name),
                    "give both to keep them, or neither to get new ones");
        }
        app.client_secret = std::move(*given.client_secret);
        if (app.client_secret.empty()) {
            fail_at(source, line, fmt::format("the client secret of app '{}' is empty", app.name),
                    "leave client_secret out for an app without a secret");
        }
    }
    for (auto each = given.subscriptions.begin(); each != given.subscriptions.end(); ++each) {
        for (auto earlier = given.subscriptions.begin(); earlier != each; ++earlier) {
            if (earlier->product == each->product) {
                fail_at(source, line,
                        fmt::format("product '{}' is subscribed to twice", each->product),
                        "an app has one plan of a product: keep one of the two");
            }
        }
    }
    app.subscriptions = std::move(given.subscriptions);
    return app;
}

ImportResult import_apps(store::Transaction& transaction, const std::string& catalog,
                         std::string_view text, const std::string& source)
{
    require_catalog(transaction, catalog);
    ImportBatch batch(transaction, catalog, text, source);
    for_each_line(text, [&](std::string_view current, std::size_t line) {
        std::optional<ImportLine> given;
        try {
            given = parse_import_line(current, source, line);
        } catch (const Error&) {
            batch.flush(); // an error of an earlier line comes first
            throw;
        }
        batch.add(std::move(*given));
    });
    batch.flush();
    return batch.result();
}

} // namespace apicat::catalog

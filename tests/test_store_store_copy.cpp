// Copying a whole store into an empty one: every row lands as it was, secrets as their digests,
// in batches that cross the copy's batch size; a destination that holds anything is refused,
// and left as it was; and two names of one store are told apart from two stores.

#include "store/store_copy.hpp"

#include "store/location.hpp"
#include "store/sqlite_store.hpp"

#include "support/scratch_dir.hpp"
#include "support/store_samples.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

using apicat::Json;
using apicat::test::ScratchDir;
using apicat::test::the_beginning;

namespace fs = std::filesystem;
namespace store = apicat::store;

namespace {

// More apps and calls than one batch of the copy holds, and not a multiple of it.
constexpr std::size_t many = 2 * store::rows_copied_per_batch + 345;

store::App copied_app(const std::string& catalog, const std::string& name)
{
    return store::App{.catalog = catalog,
                      .name = name,
                      .client_id = "id-" + catalog + "-" + name,
                      .secret_digest = "digest-of-" + name,
                      .test_secret = {},
                      .state = store::AppState::active,
                      .test_app = false,
                      .created_at = "2024-05-01T10:00:00Z"};
}

store::CallRecord copied_call_at(std::int64_t at_ms, const std::string& catalog,
                                 const std::string& app)
{
    return store::CallRecord{.at_ms = at_ms,
                             .catalog = catalog,
                             .app = app,
                             .product = "pets",
                             .plan = "default",
                             .api = "pet-api",
                             .operation = "GET /pets",
                             .status = at_ms % 7 == 0 ? 401 : 200,
                             .latency_us = 1500 + at_ms % 100,
                             .upstream_us = at_ms % 7 == 0 ? -1 : 1200};
}

// Catalog "shop": its test app (with its retrievable test secret), a suspended app, an app
// without a secret, `many` more apps, two versions of a product, subscriptions (one pending)
// and `many` calls. Catalog "lab": one product, no apps. Calls of a catalog removed since.
void fill(store::Store& source)
{
    source.write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        transaction.insert_catalog({"lab", "2024-05-01T09:30:00Z"});
        for (const std::string catalog : {"shop", "lab"}) {
            for (const std::string version : {"1.0.0", "2.0.0"}) {
                if (catalog == "lab" && version == "2.0.0") {
                    continue;
                }
                transaction.put_product(store::PublishedProduct{
                    .catalog = catalog,
                    .name = "pets",
                    .version = version,
                    .title = "Pets " + version,
                    .snapshot =
                        Json::parse(R"({"product": {"info": {"name": "pets", "version": ")" +
                                    version + R"("}, "z": 1, "a": [1.5, "x", null]}})"),
                    .published_at = "2024-05-02T10:00:00Z"});
            }
        }

        store::App test_app = copied_app("shop", "shop-test-app");
        test_app.test_app = true;
        test_app.test_secret = "the-test-secret";
        store::App suspended = copied_app("shop", "suspended");
        suspended.state = store::AppState::suspended;
        store::App id_only = copied_app("shop", "id-only");
        id_only.secret_digest.clear();
        std::vector<store::App> apps{test_app, suspended, id_only};
        for (std::size_t i = 0; i < many; ++i) {
            apps.push_back(copied_app("shop", "app-" + std::to_string(i)));
        }
        REQUIRE(transaction.insert_apps(apps));

        std::vector<store::Subscription> subscriptions;
        for (const store::App& app : apps) {
            subscriptions.push_back(store::Subscription{
                .catalog = "shop",
                .app = app.name,
                .product = "pets",
                .plan = "default",
                .state = app.name == "suspended" ? store::SubscriptionState::pending
                                                 : store::SubscriptionState::active});
        }
        transaction.put_subscriptions(subscriptions);

        // Calls as a gateway records them: batches holding several catalogs' calls.
        std::vector<store::CallRecord> calls;
        for (std::size_t i = 0; i < many; ++i) {
            calls.push_back(copied_call_at(1'700'000'000'000 + static_cast<std::int64_t>(i),
                                           i % 10 == 0 ? "lab" : "shop",
                                           "app-" + std::to_string(i)));
            if (calls.size() == 700) {
                transaction.append_calls(calls);
                calls.clear();
            }
        }
        calls.push_back(copied_call_at(1'700'000'000'000, "gone", "app-1"));
        transaction.append_calls(calls);
    });
}

// Every row of the store, each as one line: what two stores must agree on.
std::vector<std::string> rows_of(store::Store& store)
{
    std::vector<std::string> rows;
    store.read([&](store::Transaction& transaction) {
        for (const store::Catalog& catalog : transaction.catalogs()) {
            rows.push_back("catalog " + catalog.name + " " + catalog.created_at);
            for (const store::PublishedProduct& product : transaction.products(catalog.name)) {
                rows.push_back(Json{{"product", product.name},
                                    {"version", product.version},
                                    {"title", product.title},
                                    {"snapshot", product.snapshot},
                                    {"published_at", product.published_at}}
                                   .dump());
            }
            for (const store::App& app : transaction.apps(catalog.name)) {
                rows.push_back(Json{{"app", app.name},
                                    {"client_id", app.client_id},
                                    {"secret_digest", app.secret_digest},
                                    {"test_secret", app.test_secret},
                                    {"state", std::string(store::to_text(app.state))},
                                    {"test_app", app.test_app},
                                    {"created_at", app.created_at}}
                                   .dump());
            }
            for (const store::Subscription& subscription :
                 transaction.subscriptions(catalog.name)) {
                rows.push_back(Json{{"subscription", subscription.app},
                                    {"product", subscription.product},
                                    {"plan", subscription.plan},
                                    {"state", std::string(store::to_text(subscription.state))}}
                                   .dump());
            }
            for (const store::CallRecord& call : transaction.calls(catalog.name, the_beginning)) {
                rows.push_back(Json{{"at_ms", call.at_ms},
                                    {"catalog", call.catalog},
                                    {"app", call.app},
                                    {"product", call.product},
                                    {"plan", call.plan},
                                    {"api", call.api},
                                    {"operation", call.operation},
                                    {"status", call.status},
                                    {"latency_us", call.latency_us},
                                    {"upstream_us", call.upstream_us}}
                                   .dump());
            }
        }
    });
    return rows;
}

} // namespace

TEST_CASE("store copy: every row lands in the empty store as it was, secrets as their digests")
{
    ScratchDir scratch;
    const auto source = store::open_sqlite_store(scratch.path() / "from");
    fill(*source);
    const std::vector<std::string> before = rows_of(*source);
    const auto destination = store::open_sqlite_store(scratch.path() / "to");

    const store::CopyCounts counts = store::copy_store(*source, *destination);

    const store::RowCounts expected{.catalogs = 2,
                                    .products = 3,
                                    .apps = many + 3,
                                    .subscriptions = many + 3,
                                    .calls = many}; // not the removed catalog's
    CHECK(counts.from == expected);
    CHECK(counts.to == expected);
    const std::vector<std::string> copied = rows_of(*destination);
    CHECK(copied.size() == before.size());
    CHECK(copied == before);
    CHECK(rows_of(*source) == before);
    destination->read([](store::Transaction& transaction) {
        const auto test_app = transaction.find_app_by_client_id("id-shop-shop-test-app");
        REQUIRE(test_app);
        CHECK(test_app->test_app);
        CHECK(test_app->test_secret == "the-test-secret");
        CHECK(transaction.find_app("shop", "app-7")->secret_digest == "digest-of-app-7");
        // Gateways following the destination learn that its catalogs changed.
        CHECK(transaction.last_change() > 0);
        CHECK(transaction.calls("gone", the_beginning).empty());
    });
}

TEST_CASE("store copy counts each kind of row, named in the order the command shows them")
{
    const store::RowCounts counts{
        .catalogs = 1, .products = 2, .apps = 3, .subscriptions = 4, .calls = 5};
    const auto kinds = counts.kinds();
    REQUIRE(kinds.size() == 5);
    CHECK(kinds[0] == std::pair<std::string, std::uint64_t>{"catalogs", 1});
    CHECK(kinds[2] == std::pair<std::string, std::uint64_t>{"apps", 3});
    CHECK(kinds[4] == std::pair<std::string, std::uint64_t>{"calls", 5});
}

TEST_CASE("store copy refuses a destination that holds a catalog, and changes neither store")
{
    ScratchDir scratch;
    const auto source = store::open_sqlite_store(scratch.path() / "from");
    fill(*source);
    const auto destination = store::open_sqlite_store(scratch.path() / "to");
    destination->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"sandbox", "2024-06-01T00:00:00Z"});
        REQUIRE(transaction.insert_app(copied_app("sandbox", "mine")));
    });
    const std::vector<std::string> source_before = rows_of(*source);
    const std::vector<std::string> destination_before = rows_of(*destination);

    CHECK_THROWS_WITH_AS(store::copy_store(*source, *destination),
                         "the destination store is not empty: it holds the catalog sandbox",
                         store::DestinationNotEmpty);
    CHECK(rows_of(*source) == source_before);
    CHECK(rows_of(*destination) == destination_before);
}

TEST_CASE("store copy refuses a destination with calls of a catalog it had, of the same name")
{
    ScratchDir scratch;
    const auto source = store::open_sqlite_store(scratch.path() / "from");
    fill(*source);
    const auto destination = store::open_sqlite_store(scratch.path() / "to");
    destination->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-06-01T00:00:00Z"});
        transaction.append_calls(std::vector{copied_call_at(1'600'000'000'000, "shop", "old")});
        transaction.delete_catalog("shop"); // its calls stay until pruned
    });

    CHECK_THROWS_WITH_AS(
        store::copy_store(*source, *destination),
        "the destination store is not empty: it holds 1 calls recorded for a catalog 'shop' it had",
        store::DestinationNotEmpty);
    destination->read([](store::Transaction& transaction) {
        CHECK(transaction.catalogs().empty());
        CHECK(transaction.apps("shop").empty());
    });
}

TEST_CASE("store copy of a store without catalogs copies nothing, and says so in its counts")
{
    ScratchDir scratch;
    const auto source = store::open_sqlite_store(scratch.path() / "from");
    const auto destination = store::open_sqlite_store(scratch.path() / "to");
    const store::CopyCounts counts = store::copy_store(*source, *destination);
    CHECK(counts.from == store::RowCounts{});
    CHECK(counts.to == store::RowCounts{});
}

TEST_CASE("two names of one store are one store; two stores are two")
{
    ScratchDir scratch;
    const fs::path home = scratch.path() / "home";
    store::open_sqlite_store(home);
    const auto at = [](const std::string& value) { return store::resolve_store(value, ""); };

    CHECK(store::same_store(at(home.string()), at((home / "apicat.db").string())));
    CHECK(
        store::same_store(at(home.string()), at((scratch.path() / "x" / ".." / "home").string())));
    CHECK_FALSE(store::same_store(at(home.string()), at((scratch.path() / "other").string())));
    CHECK_FALSE(store::same_store(at(home.string()), at("postgresql://localhost/apicat")));

    CHECK(store::same_store(at("postgresql://u:one@localhost/apicat"),
                            at("postgres://u:two@127.0.0.1:5432/apicat")));
    CHECK(store::same_store(at("postgresql://u@localhost:5433/apicat"),
                            at("postgresql://u@[::1]:5433/apicat?sslmode=disable")));
    CHECK(store::same_store(at("postgresql://apicat@db.example.com"),
                            at("postgresql://apicat@db.example.com/apicat")));
    CHECK_FALSE(store::same_store(at("postgresql://u@localhost/apicat"),
                                  at("postgresql://u@localhost/apicat_copy")));
    CHECK_FALSE(store::same_store(at("postgresql://u@localhost:5432/apicat"),
                                  at("postgresql://u@localhost:5433/apicat")));
    CHECK_FALSE(store::same_store(at("postgresql://u@db-a.example.com/apicat"),
                                  at("postgresql://u@db-b.example.com/apicat")));
}

// The store's contract, on every store: what the Store and Transaction interfaces promise
// (store/store.hpp), SQLite and PostgreSQL keep alike. What only one of them has is tested in
// test_store_sqlite.cpp and test_store_postgres.cpp.

#include "store/store.hpp"

#include "errors.hpp"
#include "support/store_kinds.hpp"
#include "support/store_samples.hpp"

#include <doctest/doctest.h>

#include <latch>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using apicat::Json;
using apicat::test::app_named;
using apicat::test::app_names;
using apicat::test::fill_store;
using apicat::test::PostgresStore;
using apicat::test::product_named;
using apicat::test::SqliteStore;
using apicat::test::subscribed;
using apicat::test::subscription_of;

namespace store = apicat::store;

TEST_CASE_TEMPLATE("the store keeps catalogs, in name order", Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"sandbox", "2024-05-01T09:00:00Z"});
        transaction.insert_catalog({"production", "2024-05-01T09:30:00Z"});
    });
    store->read([](store::Transaction& transaction) {
        const auto catalogs = transaction.catalogs();
        REQUIRE(catalogs.size() == 2);
        CHECK(catalogs[0].name == "production");
        CHECK(catalogs[0].created_at == "2024-05-01T09:30:00Z");
        CHECK(catalogs[1].name == "sandbox");
        CHECK(transaction.find_catalog("sandbox")->created_at == "2024-05-01T09:00:00Z");
        CHECK_FALSE(transaction.find_catalog("staging"));
    });
    store->write([](store::Transaction& transaction) { transaction.delete_catalog("sandbox"); });
    store->read([](store::Transaction& transaction) {
        CHECK_FALSE(transaction.find_catalog("sandbox"));
        CHECK(transaction.catalogs().size() == 1);
    });
}

TEST_CASE_TEMPLATE("the store keeps published products and their snapshots, key order and all",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        transaction.put_product(product_named("shop", "toys", "1.0.0"));
        transaction.put_product(product_named("shop", "pets", "2.0.0"));
        transaction.put_product(product_named("shop", "pets", "1.0.0"));
    });
    store->read([](store::Transaction& transaction) {
        const auto products = transaction.products("shop");
        REQUIRE(products.size() == 3);
        CHECK(products[0].name + "@" + products[0].version == "pets@1.0.0");
        CHECK(products[1].name + "@" + products[1].version == "pets@2.0.0");
        CHECK(products[2].name + "@" + products[2].version == "toys@1.0.0");
        const auto pets = transaction.find_product("shop", "pets", "2.0.0");
        REQUIRE(pets);
        CHECK(pets->catalog == "shop");
        CHECK(pets->title == "The pets product");
        CHECK(pets->published_at == "2024-05-02T10:00:00Z");
        CHECK(pets->snapshot.dump() == R"({"product":"1.0.0","info":{"name":"pets"}})");
        CHECK_FALSE(transaction.find_product("shop", "pets", "3.0.0"));
        CHECK(transaction.products("elsewhere").empty());
    });
}

TEST_CASE_TEMPLATE("putting a product the store has already replaces it", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    auto republished = product_named("shop", "pets", "1.0.0");
    republished.title = "Pets, revised";
    republished.snapshot = Json{{"revised", true}};
    republished.published_at = "2024-06-01T00:00:00Z";
    store->write([&](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        transaction.put_product(product_named("shop", "pets", "1.0.0"));
        transaction.put_product(republished);
    });
    store->read([](store::Transaction& transaction) {
        REQUIRE(transaction.products("shop").size() == 1);
        const auto pets = transaction.find_product("shop", "pets", "1.0.0");
        CHECK(pets->title == "Pets, revised");
        CHECK(pets->snapshot == Json{{"revised", true}});
        CHECK(pets->published_at == "2024-06-01T00:00:00Z");
    });
}

TEST_CASE_TEMPLATE("the store keeps apps, found by name or by client id", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    auto tester = app_named("shop", "tester");
    tester.test_app = true;
    tester.test_secret = "the-secret";
    tester.state = store::AppState::suspended;
    store->write([&](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        CHECK(transaction.insert_app(tester));
        CHECK(transaction.insert_app(app_named("shop", "alpha")));
    });
    CHECK(app_names(*store, "shop") == std::vector<std::string>{"alpha", "tester"});
    store->read([](store::Transaction& transaction) {
        const auto found = transaction.find_app("shop", "tester");
        REQUIRE(found);
        CHECK(found->catalog == "shop");
        CHECK(found->client_id == "id-shop-tester");
        CHECK(found->secret_digest == "digest-tester");
        CHECK(found->test_secret == "the-secret");
        CHECK(found->state == store::AppState::suspended);
        CHECK(found->test_app);
        CHECK(found->created_at == "2024-05-01T10:00:00Z");
        CHECK_FALSE(transaction.find_app("shop", "alpha")->test_app);
        CHECK(transaction.find_app_by_client_id("id-shop-alpha")->name == "alpha");
        CHECK_FALSE(transaction.find_app_by_client_id("id-nobody"));
        CHECK_FALSE(transaction.find_app("shop", "nobody"));
    });
}

TEST_CASE_TEMPLATE("updating an app in the store changes its credentials and state only", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    auto changed = app_named("shop", "alpha");
    changed.client_id = "new-id";
    changed.secret_digest = "new-digest";
    changed.test_secret = "new-secret";
    changed.state = store::AppState::suspended;
    changed.test_app = true;
    changed.created_at = "2030-01-01T00:00:00Z";
    store->write([&](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        CHECK(transaction.insert_app(app_named("shop", "alpha")));
        transaction.update_app(changed);
    });
    store->read([](store::Transaction& transaction) {
        const auto alpha = transaction.find_app_by_client_id("new-id");
        REQUIRE(alpha);
        CHECK(alpha->secret_digest == "new-digest");
        CHECK(alpha->test_secret == "new-secret");
        CHECK(alpha->state == store::AppState::suspended);
        CHECK_FALSE(alpha->test_app);
        CHECK(alpha->created_at == "2024-05-01T10:00:00Z");
    });
}

TEST_CASE_TEMPLATE("apps inserted as one batch are all kept, or none when the store refuses one",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    store->write([&](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        const std::vector<store::App> first = {app_named("shop", "alpha"),
                                               app_named("shop", "beta")};
        CHECK(transaction.insert_apps(first));

        // A name stored before, then one the batch repeats, then a client ID it repeats.
        const std::vector<store::App> taken_name = {app_named("shop", "gamma"),
                                                    app_named("shop", "alpha")};
        CHECK_FALSE(transaction.insert_apps(taken_name));
        auto twin = app_named("shop", "delta");
        const std::vector<store::App> repeated_name = {app_named("shop", "delta"), twin};
        CHECK_FALSE(transaction.insert_apps(repeated_name));
        twin.name = "epsilon";
        const std::vector<store::App> repeated_id = {app_named("shop", "delta"), twin};
        CHECK_FALSE(transaction.insert_apps(repeated_id));

        // An error (no such catalog) leaves the batch's savepoint behind it, not open.
        const std::vector<store::App> nowhere = {app_named("shop", "zeta"),
                                                 app_named("attic", "eta")};
        CHECK_THROWS(static_cast<void>(transaction.insert_apps(nowhere)));
        const std::vector<store::App> last = {app_named("shop", "theta"),
                                              app_named("shop", "iota")};
        CHECK(transaction.insert_apps(last));
    });
    CHECK(app_names(*store, "shop") == std::vector<std::string>{"alpha", "beta", "iota", "theta"});
}

TEST_CASE_TEMPLATE("subscriptions put as one batch are kept, and replace those of the same product",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    auto gold = subscription_of("shop", "alpha", "pets");
    gold.plan = "gold";
    store->write([&](store::Transaction& transaction) {
        CHECK(transaction.insert_app(app_named("shop", "gamma")));
        const std::vector<store::Subscription> batch = {gold,
                                                        subscription_of("shop", "gamma", "pets")};
        transaction.put_subscriptions(batch);
    });
    CHECK(subscribed(*store, "shop") == std::vector<std::string>{"alpha/pets", "alpha/toys",
                                                                 "beta/pets", "beta/toys",
                                                                 "gamma/pets"});
    store->read([](store::Transaction& transaction) {
        CHECK(transaction.app_subscriptions("shop", "alpha")[0].plan == "gold");
    });
}

TEST_CASE_TEMPLATE("updating an app the store does not have is an error", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    const auto update_ghost = [](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        transaction.update_app(app_named("shop", "ghost"));
    };
    CHECK_THROWS_WITH_AS(store->write(update_ghost), "no app 'ghost' in catalog 'shop'",
                         apicat::Error);
}

TEST_CASE_TEMPLATE("the store keeps subscriptions, in app then product order, and replaces them",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "alpha/toys", "beta/pets", "beta/toys"});
    auto pending = subscription_of("shop", "beta", "pets");
    pending.plan = "gold";
    pending.state = store::SubscriptionState::pending;
    store->write([&](store::Transaction& transaction) {
        transaction.put_subscription(pending);
        transaction.delete_subscription("shop", "alpha", "toys");
    });
    store->read([](store::Transaction& transaction) {
        const auto subscriptions = transaction.subscriptions("shop");
        REQUIRE(subscriptions.size() == 3);
        CHECK(subscriptions[2].app == "beta");
        CHECK(subscriptions[1].product == "pets");
        CHECK(subscriptions[1].plan == "gold");
        CHECK(subscriptions[1].state == store::SubscriptionState::pending);
        CHECK(subscriptions[1].catalog == "shop");
    });
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "beta/pets", "beta/toys"});
}

TEST_CASE_TEMPLATE("deleting a catalog from the store removes its products, apps and subscriptions",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    store->write([](store::Transaction& transaction) { transaction.delete_catalog("shop"); });
    store->read([](store::Transaction& transaction) {
        CHECK(transaction.products("shop").empty());
        CHECK(transaction.apps("shop").empty());
        CHECK(transaction.subscriptions("shop").empty());
        CHECK(transaction.products("lab").size() == 3);
        CHECK(transaction.apps("lab").size() == 2);
        CHECK(transaction.subscriptions("lab").size() == 4);
    });
}

TEST_CASE_TEMPLATE("deleting an app from the store removes its subscriptions", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    store->write([](store::Transaction& transaction) { transaction.delete_app("shop", "alpha"); });
    CHECK(app_names(*store, "shop") == std::vector<std::string>{"beta"});
    CHECK(subscribed(*store, "shop") == std::vector<std::string>{"beta/pets", "beta/toys"});
    CHECK(subscribed(*store, "lab").size() == 4);
}

TEST_CASE_TEMPLATE("the store drops subscriptions to a product with its last version only", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    store->write([](store::Transaction& transaction) {
        transaction.delete_product("shop", "pets", "1.0.0");
    });
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "alpha/toys", "beta/pets", "beta/toys"});
    store->write([](store::Transaction& transaction) {
        transaction.delete_product("shop", "pets", "2.0.0");
    });
    CHECK(subscribed(*store, "shop") == std::vector<std::string>{"alpha/toys", "beta/toys"});
    CHECK(subscribed(*store, "lab").size() == 4);
    store->read(
        [](store::Transaction& transaction) { CHECK(transaction.products("shop").size() == 1); });
}

TEST_CASE_TEMPLATE("the store inserts no second app with the same name or the same client id", Kind,
                   SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    auto twin = app_named("shop", "twin");
    twin.client_id = "id-shop-alpha";
    auto namesake = app_named("shop", "alpha");
    namesake.client_id = "id-other";
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        CHECK(transaction.insert_app(app_named("shop", "alpha")));
    });
    store->write([&](store::Transaction& transaction) {
        CHECK_FALSE(transaction.insert_app(twin));
        CHECK_FALSE(transaction.insert_app(namesake));
    });
    CHECK(app_names(*store, "shop") == std::vector<std::string>{"alpha"});
    // A missing catalog is not a conflict to skip, but the error it is.
    CHECK_THROWS_WITH_AS(store->write([](store::Transaction& transaction) {
        static_cast<void>(transaction.insert_app(app_named("nowhere", "beta")));
    }),
                         doctest::Contains(Kind::missing_catalog_error), apicat::Error);
}

TEST_CASE_TEMPLATE("a store write whose work throws leaves nothing behind", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    const auto change_mind = [](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        CHECK(transaction.insert_app(app_named("shop", "alpha")));
        throw std::runtime_error("changed my mind");
    };
    CHECK_THROWS_WITH_AS(store->write(change_mind), "changed my mind", std::runtime_error);
    store->read([](store::Transaction& transaction) {
        CHECK(transaction.catalogs().empty());
        CHECK_FALSE(transaction.find_app_by_client_id("id-shop-alpha"));
    });
    // The connection is left fit for the next transaction.
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
    });
    store->read([](store::Transaction& transaction) { CHECK(transaction.catalogs().size() == 1); });
}

TEST_CASE_TEMPLATE("the store outlives its process: a store opened again has what was written",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    fill_store(*place->open());
    auto again = place->open();
    CHECK(app_names(*again, "lab") == std::vector<std::string>{"alpha", "beta"});
}

TEST_CASE_TEMPLATE("the store takes 16 processes writing at once", Kind, SqliteStore, PostgresStore)
{
    constexpr int writers = 16;
    constexpr int writes = 20;
    const auto place = Kind::fresh(); // a SQLite home is made by whichever writer comes first
    if (!place) {
        return;
    }
    std::latch start(writers);
    std::mutex failures_lock;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int writer = 0; writer < writers; ++writer) {
        threads.emplace_back([&, writer] {
            try {
                start.arrive_and_wait(); // all open the new store at once, too
                auto store = place->open();
                for (int write = 0; write < writes; ++write) {
                    store->write([&](store::Transaction& transaction) {
                        if (!transaction.find_catalog("shop")) {
                            transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
                        }
                        const std::string name =
                            std::to_string(writer) + "-" + std::to_string(write);
                        if (!transaction.insert_app(app_named("shop", name))) {
                            throw std::runtime_error("app " + name + " not inserted");
                        }
                    });
                }
            } catch (const std::exception& error) {
                const std::lock_guard lock(failures_lock);
                failures.emplace_back(error.what());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const std::string& failure : failures) {
        FAIL_CHECK(failure);
    }
    CHECK(app_names(*place->open(), "shop").size() == writers * writes);
}

TEST_CASE_TEMPLATE("the store keeps one rate-limit window per key", Kind, SqliteStore,
                   PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    store->write([](store::Transaction& transaction) {
        CHECK_FALSE(transaction.rate_window("k").has_value());
        transaction.put_rate_window("k", {60, 3});
        CHECK(transaction.rate_window("k")->start == 60);
        CHECK(transaction.rate_window("k")->count == 3);
        transaction.put_rate_window("k", {120, 1}); // the next window replaces it
        CHECK(transaction.rate_window("k")->start == 120);
        CHECK(transaction.rate_window("k")->count == 1);
        CHECK_FALSE(transaction.rate_window("other").has_value());
    });
}

TEST_CASE_TEMPLATE("a lookup by a name that is not UTF-8 text finds nothing, and fails nothing",
                   Kind, SqliteStore, PostgresStore)
{
    const auto place = Kind::fresh();
    if (!place) {
        return;
    }
    auto store = place->open();
    fill_store(*store);
    // What a gateway may be sent as a client ID, or a command given as a name.
    for (const std::string& name : {std::string("\xff\xfe"), std::string("a\0b", 3)}) {
        CAPTURE(name);
        store->write([&](store::Transaction& transaction) {
            CHECK_FALSE(transaction.find_catalog(name));
            CHECK(transaction.products(name).empty());
            CHECK_FALSE(transaction.find_product("shop", name, "1.0.0"));
            CHECK(transaction.apps(name).empty());
            CHECK_FALSE(transaction.find_app("shop", name));
            CHECK_FALSE(transaction.find_app_by_client_id(name));
            CHECK(transaction.subscriptions(name).empty());
            CHECK(transaction.app_subscriptions("shop", name).empty());
            transaction.delete_subscription("shop", "alpha", name);
            transaction.delete_app("shop", name);
            transaction.delete_product("shop", name, "1.0.0");
            transaction.delete_catalog(name);
        });
    }
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "alpha/toys", "beta/pets", "beta/toys"});
}

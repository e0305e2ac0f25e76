// What only the PostgreSQL store has: a URL whose password is never shown, a schema versioned in
// the database and migrated once however many open it at once, notifications that tell a
// gateway what changed, batches larger than one statement, names ordered byte by byte whatever
// the database's collation, and a connection that is made again after the server restarted.
// What every store keeps is tested in test_store_contract.cpp.

#include "store/postgres_connection.hpp"
#include "store/postgres_schema.hpp"
#include "store/postgres_store.hpp"

#include "errors.hpp"
#include "support/eventually.hpp"
#include "support/ports.hpp"
#include "support/postgres_server.hpp"
#include "support/store_samples.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using apicat::test::app_named;
using apicat::test::app_names;
using apicat::test::eventually;
using apicat::test::PostgresServer;
using apicat::test::product_named;
using apicat::test::subscription_of;
using namespace std::chrono_literals;

namespace store = apicat::store;

namespace {

// The shared server, or nullptr having said why: the only skip is for want of PostgreSQL.
PostgresServer* server_or_skip()
{
    PostgresServer* server = apicat::test::shared_postgres_server();
    if (server == nullptr) {
        MESSAGE(apicat::test::postgres_missing_reason());
    }
    return server;
}

// What opening `url` fails with, message and hint; "(no error)" when it opens.
std::string postgres_open_error(const std::string& url)
{
    try {
        store::open_postgres_store(url);
    } catch (const apicat::Error& error) {
        return std::string(error.what()) + "\nhint: " + error.hint();
    }
    return "(no error)";
}

// The one value a query's one row holds, as psql prints it, without the newline.
std::string psql_first_line(const PostgresServer& server, const std::string& database,
                            const std::string& sql)
{
    const auto result = server.psql(database, sql);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, result.out.find('\n'));
}

std::vector<std::string> catalog_names(store::Store& store)
{
    std::vector<std::string> names;
    store.read([&](store::Transaction& transaction) {
        for (const auto& catalog : transaction.catalogs()) {
            names.push_back(catalog.name);
        }
    });
    return names;
}

} // namespace

TEST_CASE("a PostgreSQL URL is shown with its password replaced")
{
    using store::redact_postgres_url;
    CHECK(redact_postgres_url("postgresql://ada:s3cret@db.example.com:5432/apicat") ==
          "postgresql://ada:***@db.example.com:5432/apicat");
    CHECK(redact_postgres_url("postgres://ada:p@ss@db/apicat?sslmode=require") ==
          "postgres://ada:***@db/apicat?sslmode=require");
    CHECK(redact_postgres_url("postgresql://ada:s3cret@db") == "postgresql://ada:***@db");
    // libpq reads a password up to the '@', a '?' in it too.
    CHECK(redact_postgres_url("postgresql://ada:s3?cret@db/apicat") ==
          "postgresql://ada:***@db/apicat");
    CHECK(redact_postgres_url("postgresql://ada@db/apicat?sslmode=require&password=s3cret") ==
          "postgresql://ada@db/apicat?sslmode=require&password=***");
    CHECK(redact_postgres_url("postgresql://db/apicat?password=s3cret&user=ada") ==
          "postgresql://db/apicat?password=***&user=ada");
    // The passphrase of the client's key is as secret.
    CHECK(redact_postgres_url("postgresql://db/apicat?sslkey=k.pem&sslpassword=s3cret") ==
          "postgresql://db/apicat?sslkey=k.pem&sslpassword=***");
    // Nothing to hide: a user alone, a port.
    CHECK(redact_postgres_url("postgresql://ada@db:5432/apicat") ==
          "postgresql://ada@db:5432/apicat");
    CHECK(redact_postgres_url("postgresql://db:5432/apicat?sslmode=require") ==
          "postgresql://db:5432/apicat?sslmode=require");
}

TEST_CASE("a PostgreSQL store that cannot be reached is an error that never shows the password")
{
    const std::string nobody = "127.0.0.1:" + std::to_string(apicat::test::closed_port());
    const std::string refused =
        postgres_open_error("postgresql://ada:hunter2@" + nobody + "/apicat");
    CHECK(refused.starts_with("cannot connect to the store postgresql://ada:***@" + nobody +
                              "/apicat: "));
    CHECK(refused.find("hunter2") == std::string::npos);
    CHECK(refused.find("\nhint: check that the PostgreSQL server runs") != std::string::npos);
    const std::string in_query =
        postgres_open_error("postgresql://ada@" + nobody + "/apicat?password=hunter2");
    CHECK(in_query.find("?password=***") != std::string::npos);
    CHECK(in_query.find("hunter2") == std::string::npos);

    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string address = "127.0.0.1:" + std::to_string(server->port());
    const std::string missing =
        postgres_open_error("postgresql://postgres:hunter2@" + address + "/no_such_database");
    CHECK(missing.starts_with("cannot connect to the store postgresql://postgres:***@" + address +
                              "/no_such_database: "));
    CHECK(missing.find("does not exist") != std::string::npos);
    CHECK(missing.find("hunter2") == std::string::npos);
    CHECK(missing.find("\nhint: create the database first") != std::string::npos);
}

TEST_CASE("a PostgreSQL store written by a newer apicat is refused, read-only too")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string database = server->create_fresh_database("newer");
    const std::string url = server->url(database);
    store::open_postgres_store(url);
    psql_first_line(*server, database, "UPDATE apicat_schema SET version = 99");
    const std::string refused =
        url + ": the store was written by a newer apicat (schema 99; this one reads up to " +
        std::to_string(store::postgres_schema_version) +
        ")\nhint: upgrade apicat to use this store";
    CHECK(postgres_open_error(url) == refused);
    CHECK_THROWS_WITH_AS(store::open_postgres_store_read_only(url),
                         doctest::Contains("written by a newer apicat"), apicat::Error);
    CHECK(psql_first_line(*server, database, "SELECT version FROM apicat_schema") == "99");
}

TEST_CASE("a PostgreSQL database with tables apicat did not make is refused as a store")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string database = server->create_fresh_database("foreign");
    psql_first_line(*server, database, "CREATE TABLE apps (id int)");
    CHECK(postgres_open_error(server->url(database)) ==
          server->url(database) +
              ": not an apicat store (it holds tables apicat did not create, named as apicat's)"
              "\nhint: name another database or schema in the URL");
}

TEST_CASE("opening a PostgreSQL store read-only creates nothing in a database without one")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string database = server->create_fresh_database("untouched");
    CHECK(store::open_postgres_store_read_only(server->url(database)) == nullptr);
    CHECK(psql_first_line(
              *server, database,
              "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") ==
          "0");
}

TEST_CASE("sixteen processes opening a new PostgreSQL store at once migrate it once")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string database = server->create_fresh_database("race");
    const std::string url = server->url(database);
    constexpr int openers = 16;
    std::latch start(openers);
    std::mutex failures_lock;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int opener = 0; opener < openers; ++opener) {
        threads.emplace_back([&, opener] {
            try {
                start.arrive_and_wait();
                store::open_postgres_store(url)->write([&](store::Transaction& transaction) {
                    transaction.insert_catalog({"c" + std::to_string(opener), "2024-05-01"});
                });
            } catch (const std::exception& error) {
                const std::lock_guard held(failures_lock);
                failures.emplace_back(error.what());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(failures == std::vector<std::string>{});
    CHECK(psql_first_line(*server, database,
                          "SELECT count(*) || ' ' || max(version) FROM apicat_schema") ==
          "1 " + std::to_string(store::postgres_schema_version));
    CHECK(catalog_names(*store::open_postgres_store(url)).size() == openers);
}

TEST_CASE("a PostgreSQL store's data version follows other connections' changes, not their calls")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    const std::string url = server->url(server->create_fresh_database("version"));
    auto gateway = store::open_postgres_store(url);
    auto command = store::open_postgres_store(url);
    command->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
    });
    const std::uint64_t first = gateway->data_version(); // from now on it listens
    CHECK(gateway->data_version() == first);

    command->write([](store::Transaction& transaction) {
        CHECK(transaction.insert_app(app_named("shop", "alpha")));
    });
    CHECK(eventually([&] { return gateway->data_version() != first; }, 10s));
    const std::uint64_t second = gateway->data_version();

    // Calls and rate-limit counts change nothing a gateway holds: no notification, and a read
    // changes nothing either. Nothing can say when a notification that was never sent would
    // have come; a tenth of a second is ample for one that was.
    store::CallRecord call;
    call.at_ms = 1000;
    call.catalog = "shop";
    command->write([&](store::Transaction& transaction) {
        transaction.append_calls(std::vector<store::CallRecord>{call});
    });
    command->count_calls([](store::Transaction& transaction) {
        transaction.put_rate_window("key", {60, 1});
    });
    command->read([](store::Transaction& transaction) { transaction.apps("shop"); });
    std::this_thread::sleep_for(100ms);
    CHECK(gateway->data_version() == second);

    command->write([](store::Transaction& transaction) {
        transaction.put_product(product_named("shop", "pets", "1.0.0"));
    });
    CHECK(eventually([&] { return gateway->data_version() != second; }, 10s));
}

TEST_CASE("a PostgreSQL store inserts a batch of apps larger than one statement all or not at all")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    auto store = store::open_postgres_store(server->url(server->create_fresh_database("batch")));
    std::vector<store::App> apps;
    for (int index = 0; index < 10000; ++index) {
        apps.push_back(app_named("shop", "app-" + std::to_string(index)));
    }
    store->write([&](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        CHECK(transaction.insert_app(app_named("shop", "taken")));
    });
    // The name taken is in the last statement of the batch: the first ones go back too.
    apps[9000].name = "taken";
    store->write([&](store::Transaction& transaction) {
        CHECK_FALSE(transaction.insert_apps(apps));
        CHECK(transaction.apps("shop").size() == 1);
    });
    apps[9000].name = "app-9000";
    store->write([&](store::Transaction& transaction) { CHECK(transaction.insert_apps(apps)); });
    CHECK(app_names(*store, "shop").size() == 10001);
}

TEST_CASE("a PostgreSQL store orders names byte by byte, as SQLite does, whatever the collation")
{
    PostgresServer* server = server_or_skip();
    if (server == nullptr) {
        return;
    }
    // A database sorting text as people read it (ICU's en-US: case and punctuation mostly
    // ignored), as many are made.
    const std::string database = "ordered_en_us";
    psql_first_line(*server, "postgres",
                    "CREATE DATABASE " + database +
                        " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
    CHECK(psql_first_line(*server, database, "SELECT 'a' < 'B'") == "t");
    auto store = store::open_postgres_store(server->url(database));
    const std::vector<std::string> names = {"beta", "Zeta", "_lab", "alpha", "Alpha", "a-b", "ab"};
    const std::vector<std::string> in_byte_order = {"Alpha", "Zeta",  "_lab", "a-b",
                                                    "ab",    "alpha", "beta"};
    store->write([&](store::Transaction& transaction) {
        for (const std::string& name : names) {
            transaction.insert_catalog({name, "2024-05-01T09:00:00Z"});
        }
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        for (const std::string& name : names) {
            CHECK(transaction.insert_app(app_named("shop", name)));
        }
        for (const std::string& name : names) {
            transaction.put_product(product_named("shop", name, "1.0.0"));
            transaction.put_product(product_named("shop", "zoo", name));
            transaction.put_subscription(subscription_of("shop", name, "toys"));
            transaction.put_subscription(subscription_of("shop", "alpha", name));
        }
    });
    std::vector<std::string> catalogs = in_byte_order;
    catalogs.emplace_back("shop");
    CHECK(catalog_names(*store) == catalogs);
    CHECK(app_names(*store, "shop") == in_byte_order);
    store->read([&](store::Transaction& transaction) {
        std::vector<std::string> products;
        for (const auto& product : transaction.products("shop")) {
            products.push_back(product.name + "@" + product.version);
        }
        std::vector<std::string> expected;
        for (const std::string& name : in_byte_order) {
            expected.push_back(name + "@1.0.0");
        }
        for (const std::string& version : in_byte_order) {
            expected.push_back("zoo@" + version);
        }
        CHECK(products == expected);

        // By app, then product.
        expected.clear();
        for (const std::string& app : in_byte_order) {
            if (app == "alpha") {
                for (const std::string& product : in_byte_order) {
                    expected.push_back("alpha/" + product);
                }
                expected.emplace_back("alpha/toys");
            } else {
                expected.push_back(app + "/toys");
            }
        }
        std::vector<std::string> subscribed;
        for (const auto& subscription : transaction.subscriptions("shop")) {
            subscribed.push_back(subscription.app + "/" + subscription.product);
        }
        CHECK(subscribed == expected);
        subscribed.clear();
        for (const auto& subscription : transaction.app_subscriptions("shop", "alpha")) {
            subscribed.push_back(subscription.product);
        }
        std::vector<std::string> of_alpha = in_byte_order;
        of_alpha.emplace_back("toys");
        CHECK(subscribed == of_alpha);
    });
}

TEST_CASE("a PostgreSQL store connects again after its server restarted, or after it was away")
{
    if (server_or_skip() == nullptr) {
        return;
    }
    // A server of its own: the shared one is not for stopping.
    PostgresServer server;
    server.create_database("restarted");
    const std::string url =
        "postgresql://postgres:hunter2@127.0.0.1:" + std::to_string(server.port()) + "/restarted";
    auto store = store::open_postgres_store(url);
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
    });
    const std::uint64_t version = store->data_version();

    // The next transaction finds the connection broken, and runs on a new one.
    server.restart();
    CHECK(catalog_names(*store) == std::vector<std::string>{"shop"});
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"lab", "2024-05-01T09:00:00Z"});
    });
    CHECK(catalog_names(*store) == std::vector<std::string>{"lab", "shop"});
    // What a gateway read may be stale: it reads the change sequence again.
    CHECK(store->data_version() != version);

    // While the server is away, each use fails at once, as a store that cannot be reached,
    // never showing the password; once it is back, the store is used again.
    server.stop();
    try {
        catalog_names(*store);
        FAIL("the store was read with its server stopped");
    } catch (const store::PostgresError& error) {
        CHECK(error.connection_lost());
        CHECK(dynamic_cast<const store::Unreachable*>(&error) != nullptr);
        CHECK(std::string(error.what()).find("hunter2") == std::string::npos);
        CHECK(std::string(error.what()).find("postgres:***@") != std::string::npos);
    }
    CHECK_THROWS_AS(store->data_version(), store::PostgresError);
    server.start();
    CHECK(eventually(
        [&] {
            try {
                return catalog_names(*store).size() == 2;
            } catch (const store::PostgresError&) {
                return false;
            }
        },
        10s, 20ms));
}

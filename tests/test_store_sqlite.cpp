#include "store/sqlite_store.hpp"

#include "store/sqlite_connection.hpp"

#include "errors.hpp"
#include "support/scratch_dir.hpp"
#include "support/umask_for.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <latch>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

using apicat::Json;
using apicat::test::ScratchDir;
using apicat::test::UmaskFor;

namespace fs = std::filesystem;
namespace store = apicat::store;

namespace {

mode_t mode_of(const fs::path& path)
{
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

// Sets (or, given nullopt, unsets) an environment variable for one test, and puts it back.
class EnvFor {
public:
    EnvFor(std::string name, const std::optional<std::string>& value)
        : name_(std::move(name))
    {
        if (const char* old = std::getenv(name_.c_str())) {
            old_ = old;
        }
        set(value);
    }
    ~EnvFor() { set(old_); }
    EnvFor(const EnvFor&) = delete;
    EnvFor& operator=(const EnvFor&) = delete;

private:
    void set(const std::optional<std::string>& value)
    {
        if (value) {
            ::setenv(name_.c_str(), value->c_str(), 1);
        } else {
            ::unsetenv(name_.c_str());
        }
    }

    std::string name_;
    std::optional<std::string> old_;
};

std::string error_opening(const fs::path& home)
{
    try {
        store::open_sqlite_store(home);
    } catch (const apicat::Error& error) {
        return error.what();
    }
    return "(no error)";
}

store::App app_named(const std::string& catalog, const std::string& name)
{
    return store::App{.catalog = catalog,
                      .name = name,
                      .client_id = "id-" + catalog + "-" + name,
                      .secret_digest = "digest-" + name,
                      .test_secret = {},
                      .state = "active",
                      .test_app = false,
                      .created_at = "2024-05-01T10:00:00Z"};
}

store::PublishedProduct product_named(const std::string& catalog, const std::string& name,
                                      const std::string& version)
{
    return store::PublishedProduct{
        .catalog = catalog,
        .name = name,
        .version = version,
        .title = "The " + name + " product",
        .snapshot = Json::parse(R"({"product": "1.0.0", "info": {"name": ")" + name + R"("}})"),
        .published_at = "2024-05-02T10:00:00Z"};
}

store::Subscription subscription_of(const std::string& catalog, const std::string& app,
                                    const std::string& product)
{
    return store::Subscription{
        .catalog = catalog, .app = app, .product = product, .plan = "default", .state = "active"};
}

std::vector<std::string> app_names(store::Store& store, const std::string& catalog)
{
    std::vector<std::string> names;
    store.read([&](store::Transaction& transaction) {
        for (const auto& app : transaction.apps(catalog)) {
            names.push_back(app.name);
        }
    });
    return names;
}

std::vector<std::string> subscribed(store::Store& store, const std::string& catalog)
{
    std::vector<std::string> pairs;
    store.read([&](store::Transaction& transaction) {
        for (const auto& subscription : transaction.subscriptions(catalog)) {
            pairs.push_back(subscription.app + "/" + subscription.product);
        }
    });
    return pairs;
}

// A store with catalogs "shop" and "lab", each with apps "alpha" and "beta" subscribed to
// products "pets" (versions 1.0.0 and 2.0.0) and "toys" (1.0.0).
void fill(store::Store& store)
{
    store.write([](store::Transaction& transaction) {
        for (const std::string catalog : {"shop", "lab"}) {
            transaction.insert_catalog({catalog, "2024-05-01T09:00:00Z"});
            transaction.put_product(product_named(catalog, "pets", "1.0.0"));
            transaction.put_product(product_named(catalog, "pets", "2.0.0"));
            transaction.put_product(product_named(catalog, "toys", "1.0.0"));
            for (const std::string app : {"alpha", "beta"}) {
                CHECK(transaction.insert_app(app_named(catalog, app)));
                transaction.put_subscription(subscription_of(catalog, app, "pets"));
                transaction.put_subscription(subscription_of(catalog, app, "toys"));
            }
        }
    });
}

} // namespace

TEST_CASE("the store keeps catalogs, in name order")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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

TEST_CASE("the store keeps published products and their snapshots, key order and all")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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

TEST_CASE("putting a product the store has already replaces it")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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

TEST_CASE("the store keeps apps, found by name or by client id")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    auto tester = app_named("shop", "tester");
    tester.test_app = true;
    tester.test_secret = "the-secret";
    tester.state = "suspended";
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
        CHECK(found->state == "suspended");
        CHECK(found->test_app);
        CHECK(found->created_at == "2024-05-01T10:00:00Z");
        CHECK_FALSE(transaction.find_app("shop", "alpha")->test_app);
        CHECK(transaction.find_app_by_client_id("id-shop-alpha")->name == "alpha");
        CHECK_FALSE(transaction.find_app_by_client_id("id-nobody"));
        CHECK_FALSE(transaction.find_app("shop", "nobody"));
    });
}

TEST_CASE("updating an app in the store changes its credentials and state only")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    auto changed = app_named("shop", "alpha");
    changed.client_id = "new-id";
    changed.secret_digest = "new-digest";
    changed.test_secret = "new-secret";
    changed.state = "suspended";
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
        CHECK(alpha->state == "suspended");
        CHECK_FALSE(alpha->test_app);
        CHECK(alpha->created_at == "2024-05-01T10:00:00Z");
    });
}

TEST_CASE("apps inserted as one batch are all kept, or none when the store refuses one")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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

TEST_CASE("subscriptions put as one batch are kept, and replace those of the same product")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill(*store);
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

TEST_CASE("updating an app the store does not have is an error")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    const auto update_ghost = [](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
        transaction.update_app(app_named("shop", "ghost"));
    };
    CHECK_THROWS_WITH_AS(store->write(update_ghost), "no app 'ghost' in catalog 'shop'",
                         apicat::Error);
}

TEST_CASE("the store keeps subscriptions, in app then product order, and replaces them")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill(*store);
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "alpha/toys", "beta/pets", "beta/toys"});
    auto pending = subscription_of("shop", "beta", "pets");
    pending.plan = "gold";
    pending.state = "pending";
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
        CHECK(subscriptions[1].state == "pending");
        CHECK(subscriptions[1].catalog == "shop");
    });
    CHECK(subscribed(*store, "shop") ==
          std::vector<std::string>{"alpha/pets", "beta/pets", "beta/toys"});
}

TEST_CASE("deleting a catalog from the store removes its products, apps and subscriptions")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill(*store);
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

TEST_CASE("deleting an app from the store removes its subscriptions")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill(*store);
    store->write([](store::Transaction& transaction) { transaction.delete_app("shop", "alpha"); });
    CHECK(app_names(*store, "shop") == std::vector<std::string>{"beta"});
    CHECK(subscribed(*store, "shop") == std::vector<std::string>{"beta/pets", "beta/toys"});
    CHECK(subscribed(*store, "lab").size() == 4);
}

TEST_CASE("the store drops subscriptions to a product with its last version only")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill(*store);
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

TEST_CASE("the store inserts no second app with the same name or the same client id")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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
                         doctest::Contains("FOREIGN KEY constraint failed"), apicat::Error);
}

TEST_CASE("a store write whose work throws leaves nothing behind")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
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

TEST_CASE("the store outlives its process: a store opened again has what was written")
{
    ScratchDir scratch;
    fill(*store::open_sqlite_store(scratch.path()));
    auto again = store::open_sqlite_store(scratch.path());
    CHECK(app_names(*again, "lab") == std::vector<std::string>{"alpha", "beta"});
}

TEST_CASE("the store's folders and files are private to the user")
{
    const UmaskFor umask(022);
    ScratchDir scratch;
    const fs::path home = scratch.path() / "data" / "apicat";
    auto store = store::open_sqlite_store(home);
    store->write([](store::Transaction& transaction) {
        transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
    });
    CHECK(mode_of(scratch.path() / "data") == 0700);
    CHECK(mode_of(home) == 0700);
    CHECK(mode_of(home / "apicat.db") == 0600);
    // WAL mode: both exist while the store is open.
    CHECK(mode_of(home / "apicat.db-wal") == 0600);
    CHECK(mode_of(home / "apicat.db-shm") == 0600);
}

TEST_CASE("the store leaves the modes of a folder and database that exist alone")
{
    ScratchDir scratch;
    fs::permissions(scratch.path(), fs::perms(0750));
    store::open_sqlite_store(scratch.path());
    fs::permissions(scratch.path() / "apicat.db", fs::perms(0640));
    store::open_sqlite_store(scratch.path());
    CHECK(mode_of(scratch.path()) == 0750);
    CHECK(mode_of(scratch.path() / "apicat.db") == 0640);
}

TEST_CASE("a file where the store's folder should be is an error")
{
    ScratchDir scratch;
    scratch.write("data", "not a folder");
    CHECK(error_opening(scratch.path() / "data" / "apicat") ==
          "cannot create '" + (scratch.path() / "data").string() + "': not a directory");
}

TEST_CASE("a new store is at the schema version this apicat writes")
{
    ScratchDir scratch;
    store::open_sqlite_store(scratch.path());
    store::Connection db(scratch.path() / "apicat.db");
    store::Statement version(db, "PRAGMA user_version");
    REQUIRE(version.step());
    CHECK(version.integer(0) == store::sqlite_schema_version);
}

TEST_CASE("a store written by a newer apicat is refused")
{
    ScratchDir scratch;
    store::open_sqlite_store(scratch.path());
    store::Connection(scratch.path() / "apicat.db").execute("PRAGMA user_version = 99");
    CHECK(error_opening(scratch.path()) ==
          (scratch.path() / "apicat.db").string() +
              ": the store was written by a newer apicat (schema 99; this one reads up to " +
              std::to_string(store::sqlite_schema_version) + ")");
}

TEST_CASE("a file of garbage is refused as a store")
{
    ScratchDir scratch;
    scratch.write("apicat.db", std::string(4096, 'x'));
    const std::string database = (scratch.path() / "apicat.db").string();
    CHECK(error_opening(scratch.path()) ==
          database + ": not an apicat store or damaged (file is not a database)");
    try {
        store::open_sqlite_store(scratch.path());
    } catch (const apicat::Error& error) {
        CHECK(error.hint().find("move '" + database + "'") == 0);
    }
}

TEST_CASE("a store damaged inside is refused when opened")
{
    ScratchDir scratch;
    fill(*store::open_sqlite_store(scratch.path()));
    const fs::path database = scratch.path() / "apicat.db";
    std::string content = scratch.read("apicat.db");
    REQUIRE(content.size() > 3 * 4096);
    content.replace(2 * 4096, 4096, 4096, 'x'); // page 3: a table, not the header
    scratch.write("apicat.db", content);
    CHECK(error_opening(scratch.path())
              .starts_with(database.string() + ": not an apicat store or damaged ("));
}

TEST_CASE("a large store damaged inside is refused by the first command that reads the damage")
{
    // Too large to be read whole at every open: SQLite's checks of the pages a command reads
    // find the damage, and the command's transaction rolls back.
    ScratchDir scratch;
    {
        auto store = store::open_sqlite_store(scratch.path());
        store->write([](store::Transaction& transaction) {
            transaction.insert_catalog({"shop", "2024-05-01T09:00:00Z"});
            for (int index = 0; index < 10000; ++index) {
                CHECK(transaction.insert_app(app_named("shop", "app-" + std::to_string(index))));
            }
        });
    }
    const fs::path database = scratch.path() / "apicat.db";
    std::string content = scratch.read("apicat.db");
    REQUIRE(content.size() > 1024 * 1024); // more than open checks
    content.replace(content.size() / 2 / 4096 * 4096, 4 * 4096, 4 * 4096, 'x');
    scratch.write("apicat.db", content);
    std::string error = "(no error)";
    try {
        auto store = store::open_sqlite_store(scratch.path());
        store->read([](store::Transaction& transaction) { transaction.apps("shop"); });
    } catch (const apicat::Error& caught) {
        error = caught.what();
    }
    CHECK(error.starts_with(database.string() + ": not an apicat store or damaged ("));
}

TEST_CASE("an SQLite database of some other program is refused as a store")
{
    ScratchDir scratch;
    store::Connection(scratch.path() / "apicat.db").execute("CREATE TABLE notes (text TEXT)");
    CHECK(error_opening(scratch.path()) ==
          (scratch.path() / "apicat.db").string() +
              ": not an apicat store or damaged (it holds tables apicat did not create)");
}

TEST_CASE("the store takes 16 processes writing at once")
{
    constexpr int writers = 16;
    constexpr int writes = 20;
    ScratchDir scratch;
    const fs::path home = scratch.path() / "home"; // made by whichever writer comes first
    std::latch start(writers);
    std::mutex failures_lock;
    std::vector<std::string> failures;
    std::vector<std::thread> threads;
    for (int writer = 0; writer < writers; ++writer) {
        threads.emplace_back([&, writer] {
            try {
                start.arrive_and_wait(); // all open the new store at once, too
                auto store = store::open_sqlite_store(home);
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
    CHECK(failures == std::vector<std::string>{});
    CHECK(app_names(*store::open_sqlite_store(home), "shop").size() == writers * writes);
}

TEST_CASE("the store's home is --home, else APICAT_HOME, XDG_DATA_HOME/apicat, HOME's")
{
    const EnvFor apicat_home("APICAT_HOME", "/srv/apicat");
    const EnvFor xdg("XDG_DATA_HOME", "/data");
    const EnvFor home("HOME", "/home/ada");
    CHECK(store::resolve_home("/opt/catalog") == "/opt/catalog");
    CHECK(store::resolve_home("") == "/srv/apicat");
    {
        const EnvFor empty("APICAT_HOME", "");
        CHECK(store::resolve_home("") == "/data/apicat");
        const EnvFor unset("XDG_DATA_HOME", std::nullopt);
        CHECK(store::resolve_home("") == "/home/ada/.local/share/apicat");
        const EnvFor no_home("HOME", "");
        CHECK_THROWS_AS(store::resolve_home(""), apicat::Error);
        CHECK(store::resolve_home("relative") == "relative");
    }
    CHECK(store::resolve_home("") == "/srv/apicat");
}

TEST_CASE("the store keeps one rate-limit window per key")
{
    ScratchDir dir;
    auto store = apicat::store::open_sqlite_store(dir.path() / "home");
    store->write([](apicat::store::Transaction& transaction) {
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

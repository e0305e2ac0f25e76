// What only the SQLite store has: its folder and file, their modes, its schema version in the
// file, damaged and foreign files, and where the home is. What every store keeps is tested in
// test_store_contract.cpp.

#include "store/sqlite_store.hpp"

#include "store/sqlite_connection.hpp"

#include "errors.hpp"
#include "support/file_mode.hpp"
#include "support/scratch_dir.hpp"
#include "support/store_samples.hpp"
#include "support/umask_for.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/stat.h>

using apicat::test::app_named;
using apicat::test::fill_store;
using apicat::test::mode_of;
using apicat::test::ScratchDir;
using apicat::test::UmaskFor;

namespace fs = std::filesystem;
namespace store = apicat::store;

namespace {

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

std::string sqlite_open_error(const fs::path& home)
{
    try {
        store::open_sqlite_store(home);
    } catch (const apicat::Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

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
    CHECK(sqlite_open_error(scratch.path() / "data" / "apicat") ==
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
    CHECK(sqlite_open_error(scratch.path()) ==
          (scratch.path() / "apicat.db").string() +
              ": the store was written by a newer apicat (schema 99; this one reads up to " +
              std::to_string(store::sqlite_schema_version) + ")");
}

TEST_CASE("an app or subscription in a state this apicat does not know is refused when read")
{
    ScratchDir scratch;
    auto store = store::open_sqlite_store(scratch.path());
    fill_store(*store);
    store::Connection(scratch.path() / "apicat.db")
        .execute("UPDATE apps SET state = 'frozen' WHERE catalog = 'shop' AND name = 'beta'");
    store::Connection(scratch.path() / "apicat.db")
        .execute("UPDATE subscriptions SET state = 'approved' WHERE catalog = 'lab'");
    store->read([](store::Transaction& transaction) {
        CHECK_THROWS_WITH_AS(transaction.apps("shop"), "unknown app state 'frozen'", apicat::Error);
        CHECK(transaction.find_app("shop", "alpha").has_value());
        CHECK(transaction.apps("lab").size() == 2);
        CHECK_THROWS_WITH_AS(transaction.subscriptions("lab"),
                             "unknown subscription state 'approved'", apicat::Error);
        CHECK(transaction.subscriptions("shop").size() == 4);
    });
}

TEST_CASE("a file of garbage is refused as a store")
{
    ScratchDir scratch;
    scratch.write("apicat.db", std::string(4096, 'x'));
    const std::string database = (scratch.path() / "apicat.db").string();
    CHECK(sqlite_open_error(scratch.path()) ==
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
    fill_store(*store::open_sqlite_store(scratch.path()));
    const fs::path database = scratch.path() / "apicat.db";
    std::string content = scratch.read("apicat.db");
    REQUIRE(content.size() > 3 * 4096);
    content.replace(2 * 4096, 4096, 4096, 'x'); // page 3: a table, not the header
    scratch.write("apicat.db", content);
    CHECK(sqlite_open_error(scratch.path())
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
    CHECK(sqlite_open_error(scratch.path()) ==
          (scratch.path() / "apicat.db").string() +
              ": not an apicat store or damaged (it holds tables apicat did not create)");
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

// End to end: apicat store copy moves a home's SQLite store into a PostgreSQL database on a
// real server, and back into a new home. The apps' credentials still get in through each copy
// (their secrets copied as the digests they are, never in plain text), every kind of row is
// counted alike, and a destination that holds anything, or the source itself, is refused.

#include "support/apicat_in.hpp"
#include "support/postgres_server.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_store.hpp"
#include "support/weather_scenario.hpp"

#include "credentials/credentials.hpp"
#include "store/sqlite_store.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::postgres_bin_folder;
using apicat::test::postgres_missing_reason;
using apicat::test::PostgresServer;
using apicat::test::run_apicat;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::shared_postgres_server;
using Json = nlohmann::ordered_json;

namespace fs = std::filesystem;
namespace store = apicat::store;

namespace {

// The only skip: on a machine without PostgreSQL, the test says so and passes.
PostgresServer* postgres_or_skip()
{
    if (!postgres_bin_folder()) {
        MESSAGE(postgres_missing_reason());
        return nullptr;
    }
    PostgresServer* server = shared_postgres_server();
    REQUIRE(server != nullptr);
    return server;
}

// The status of GET /weather/current through the store `where` (a URL or a home folder).
int invoke_status_on(const ScratchDir& dir, const std::string& where, const std::string& id,
                     const std::string& secret)
{
    const RunResult result =
        run_apicat({"invoke", "GET", "/weather/current?zipcode=1", "--client-id", id,
                    "--client-secret", secret, "-i", "--store", where},
                   dir.path());
    if (result.out.starts_with("HTTP/1.1 200")) {
        return 200;
    }
    return result.out.find(" 401") != std::string::npos ? 401 : 1000 + result.exit_code;
}

std::string psql_value(const PostgresServer& server, const std::string& database,
                       const std::string& sql)
{
    const RunResult result = server.psql(database, sql);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::string out = result.out;
    while (!out.empty() && out.back() == '\n') {
        out.pop_back();
    }
    return out;
}

// Everything the database holds, as pg_dump writes it.
std::string dump_of(const PostgresServer& server, const std::string& database)
{
    const RunResult dumped = run_process((*postgres_bin_folder() / "pg_dump").string(),
                                         {"-d", server.url(database)}, server.folder());
    INFO(dumped.err);
    REQUIRE(dumped.exit_code == 0);
    return dumped.out;
}

// Every byte of the store's files: apicat.db, and the log `invoke` leaves beside it.
std::string bytes_of(const fs::path& home)
{
    std::string bytes;
    for (const char* name : {"apicat.db", "apicat.db-wal"}) {
        std::ifstream in(home / name, std::ios::binary);
        REQUIRE((in || std::string(name) != "apicat.db"));
        bytes.append(std::istreambuf_iterator<char>(in), {});
    }
    return bytes;
}

std::string sqlite_digest_of(const fs::path& home, const std::string& app)
{
    std::string digest;
    const auto opened = store::open_sqlite_store_read_only(home);
    REQUIRE(opened != nullptr);
    opened->read([&](store::Transaction& transaction) {
        const auto found = transaction.find_app("sandbox", app);
        REQUIRE(found);
        digest = found->secret_digest;
    });
    return digest;
}

// `apicat store copy -o json`, which must succeed: its counts, each kind's from and to alike.
Json copied(const ScratchDir& dir, const std::string& from, const std::string& to)
{
    const RunResult result =
        run_apicat({"store", "copy", "--from", from, "--to", to, "-o", "json"}, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const Json shown = Json::parse(result.out);
    // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
    for (const auto& item : shown["counts"].items()) {
        const std::string kind = item.key();
        CAPTURE(kind);
        CHECK(item.value()["from"] == item.value()["to"]);
    }
    return shown["counts"];
}

Json apps_of(const ScratchDir& dir, const std::string& where)
{
    return Json::parse(apicat_ok(dir, {"app", "list", "-o", "json", "--store", where}));
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("store copy moves a home to PostgreSQL and back, and its apps still get in")
    {
        PostgresServer* server = postgres_or_skip();
        if (server == nullptr) {
            return;
        }
        ScratchDir dir;
        const fs::path home = dir.path() / "home";
        // These homes are SQLite stores in both runs of the suite: the copy's other end is the
        // PostgreSQL database each test names.
        apicat::test::pin_to_sqlite(home);
        apicat::test::pin_to_sqlite(dir.path() / "back");
        apicat::test::publish_weather(dir, "mock:");
        const Json partner = Json::parse(apicat_ok(
            dir, {"app", "register", "partner", "--subscribe", "weather-product", "-o", "json"}));
        const std::string id = partner["client_id"];
        const std::string secret = partner["client_secret"];
        apicat_ok(dir, {"app", "register", "id-only", "--no-secret"});
        apicat_ok(dir, {"app", "register", "paused", "--subscribe", "weather-product"});
        apicat_ok(dir, {"app", "suspend", "paused"});
        apicat_ok(dir, {"catalog", "create", "staging"});
        // Past the copy's batch of 1,000 rows, with a secret given by another API manager.
        std::string lines;
        for (int i = 0; i < 2345; ++i) {
            lines += R"({"name": "imported-)" + std::to_string(i) + R"(", "client_id": "legacy-)" +
                     std::to_string(i) + R"(", "client_secret": "legacy-secret-)" +
                     std::to_string(i) +
                     R"(", "subscriptions": [{"product": "weather-product", "plan": "default"}]})" +
                     "\n";
        }
        // A client ID with what PostgreSQL's array and row syntax must escape.
        lines +=
            R"({"name": "odd", "client_id": "a\"b\\c{d,e}(f)'g", "client_secret": "odd-secret",)"
            R"( "subscriptions": [{"product": "weather-product", "plan": "default"}]})"
            "\n";
        dir.write("apps.jsonl", lines);
        apicat_ok(dir, {"app", "import", "apps.jsonl"});
        REQUIRE(invoke_status_on(dir, home.string(), id, secret) == 200);
        REQUIRE(invoke_status_on(dir, home.string(), id, "wrong") == 401);
        const Json test_app =
            Json::parse(apicat_ok(dir, {"catalog", "show", "-o", "json"}))["test_app"];
        const Json apps_before = apps_of(dir, home.string());

        server->create_database("store_copy_there");
        const std::string there = server->url("store_copy_there");
        const Json counts = copied(dir, home.string(), there);
        CHECK(counts["catalogs"]["to"] == 2);
        CHECK(counts["products"]["to"] == 1);
        CHECK(counts["apps"]["to"] == 2346 + 5);          // with the two catalogs' test apps
        CHECK(counts["subscriptions"]["to"] == 2346 + 3); // partner, paused, the test app
        CHECK(counts["calls"]["to"] == 2);

        // What was copied is what the home holds: the same apps, the secret's digest as it was.
        CHECK(apps_of(dir, there) == apps_before);
        const std::string digest = sqlite_digest_of(home, "partner");
        CHECK(digest == apicat::credentials::secret_digest(secret));
        CHECK(psql_value(*server, "store_copy_there",
                         "SELECT secret_digest FROM apps WHERE name = 'partner'") == digest);
        CHECK(psql_value(*server, "store_copy_there",
                         "SELECT secret_digest FROM apps WHERE name = 'imported-7'") ==
              apicat::credentials::secret_digest("legacy-secret-7"));
        CHECK(Json::parse(apicat_ok(dir, {"catalog", "show", "-o", "json", "--store",
                                          there}))["test_app"] == test_app);
        // Rate-limit windows stay behind: limits count afresh in the copy.
        CHECK(psql_value(*server, "store_copy_there", "SELECT count(*) FROM rate_windows") == "0");
        const std::string dump = dump_of(*server, "store_copy_there");
        CHECK(dump.find(secret) == std::string::npos);
        CHECK(dump.find("legacy-secret-7") == std::string::npos);
        CHECK(dump.find(test_app["client_secret"].get<std::string>()) != std::string::npos);

        // The credentials get in through the copy, and a wrong secret does not.
        CHECK(invoke_status_on(dir, there, id, secret) == 200);
        CHECK(invoke_status_on(dir, there, id, "wrong") == 401);
        CHECK(invoke_status_on(dir, there, "legacy-42", "legacy-secret-42") == 200);
        CHECK(invoke_status_on(dir, there, "legacy-42", "legacy-secret-43") == 401);
        CHECK(invoke_status_on(dir, there, R"(a"b\c{d,e}(f)'g)", "odd-secret") == 200);

        // And back, into a new home: the same again.
        const fs::path back = dir.path() / "back";
        const Json back_counts = copied(dir, there, back.string());
        CHECK(back_counts["apps"]["to"] == 2346 + 5);
        CHECK(back_counts["calls"]["to"] == 7); // with the five calls through PostgreSQL
        CHECK(apps_of(dir, back.string()) == apps_before);
        CHECK(sqlite_digest_of(back, "partner") == digest);
        CHECK(invoke_status_on(dir, back.string(), id, secret) == 200);
        CHECK(invoke_status_on(dir, back.string(), id, "wrong") == 401);
        const std::string file = bytes_of(back);
        CHECK(file.find(secret) == std::string::npos);
        CHECK(file.find("legacy-secret-7") == std::string::npos);
        CHECK(bytes_of(home).find(secret) == std::string::npos);
    }

    TEST_CASE("store copy refuses a destination that is not empty, and the source itself")
    {
        PostgresServer* server = postgres_or_skip();
        if (server == nullptr) {
            return;
        }
        ScratchDir dir;
        const fs::path home = dir.path() / "home";
        apicat::test::pin_to_sqlite(home);
        apicat::test::pin_to_sqlite(dir.path() / "other");
        apicat_ok(dir, {"app", "register", "partner"});
        server->create_database("store_copy_taken");
        const std::string taken = server->url("store_copy_taken");
        apicat_ok(dir, {"catalog", "list", "--store", taken}); // makes the sandbox catalog there
        apicat_ok(dir, {"app", "register", "theirs", "--store", taken});

        const RunResult refused =
            run_apicat({"store", "copy", "--from", home.string(), "--to", taken}, dir.path());
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("apicat: error: " + taken +
                               ": the destination store is not empty: it holds the catalog "
                               "sandbox\n") != std::string::npos);
        CHECK(refused.err.find("apicat: hint: copy into a new home folder or an empty database") !=
              std::string::npos);
        CHECK(psql_value(*server, "store_copy_taken",
                         "SELECT string_agg(name, ',' ORDER BY name) "
                         "FROM apps") == "sandbox-test-app,theirs");

        // A home that holds the default catalog is not empty either.
        apicat_ok(dir, {"catalog", "list", "--home", (dir.path() / "other").string()});
        const RunResult other =
            run_apicat({"store", "copy", "--from", taken, "--to", (dir.path() / "other").string()},
                       dir.path());
        CHECK(other.exit_code == 1);
        CHECK(other.err.find("is not empty") != std::string::npos);

        const RunResult itself = run_apicat(
            {"store", "copy", "--from", home.string(), "--to", (home / "apicat.db").string()},
            dir.path());
        CHECK(itself.exit_code == 2);
        CHECK(itself.err.find("--from and --to name the same store") != std::string::npos);
        const std::string same_database =
            "postgresql://postgres@localhost:" + std::to_string(server->port()) +
            "/store_copy_taken";
        CHECK(run_apicat({"store", "copy", "--from", taken, "--to", same_database}, dir.path())
                  .exit_code == 2);

        const fs::path nowhere = dir.path() / "nowhere";
        const RunResult missing =
            run_apicat({"store", "copy", "--from", nowhere.string(), "--to", taken}, dir.path());
        CHECK(missing.exit_code == 1);
        CHECK(missing.err.find("no apicat store at " + nowhere.string()) != std::string::npos);
        CHECK_FALSE(fs::exists(nowhere));
    }

    TEST_CASE("store copy shows a URL's password as ***, in its table and its JSON")
    {
        PostgresServer* server = postgres_or_skip();
        if (server == nullptr) {
            return;
        }
        ScratchDir dir;
        apicat::test::pin_to_sqlite(dir.path() / "home");
        apicat_ok(dir, {"catalog", "list"});
        server->create_database("store_copy_shown");
        // Trust authentication: the server takes any password, and apicat must show none.
        const std::string url =
            "postgresql://postgres:hunter2@127.0.0.1:" + std::to_string(server->port()) +
            "/store_copy_shown";
        const RunResult result = run_apicat(
            {"store", "copy", "--from", (dir.path() / "home").string(), "--to", url}, dir.path());
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        CHECK(result.out.find("hunter2") == std::string::npos);
        CHECK(result.out.find("postgresql://postgres:***@127.0.0.1:") != std::string::npos);
        CHECK(result.out.find("KIND           FROM  TO\n") != std::string::npos);
        CHECK(result.out.find("\napps           1     1\n") != std::string::npos);

        const RunResult back = run_apicat(
            {"store", "copy", "--from", url, "--to", (dir.path() / "back").string(), "-o", "json"},
            dir.path());
        REQUIRE(back.exit_code == 0);
        const Json shown = Json::parse(back.out);
        CHECK(shown["from"] == "postgresql://postgres:***@127.0.0.1:" +
                                   std::to_string(server->port()) + "/store_copy_shown");
        CHECK(shown["to"] == (dir.path() / "back").string());
        CHECK(shown["counts"]["catalogs"] == Json{{"from", 1}, {"to", 1}});
    }
}

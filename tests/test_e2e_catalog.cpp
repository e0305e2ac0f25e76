// End to end: products published to a real store, apps registered with credentials, through
// the real binary.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_store.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <future>
#include <regex>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using apicat::test::apicat_in;
using apicat::test::apicat_ok;
using apicat::test::pin_to_sqlite;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using Json = nlohmann::ordered_json;

namespace {

Json ok_json(const ScratchDir& dir, std::vector<std::string> args)
{
    args.push_back("-o");
    args.push_back("json");
    return Json::parse(apicat_ok(dir, args));
}

// The weather draft, secured, in a product with one plan: the seed scenario up to publish.
void make_weather_product(const ScratchDir& dir, const std::string& base_path = "/weather",
                          const std::string& stem = "weather")
{
    std::string draft = stem + ".yaml";
    apicat_ok(dir, {"api", "create", draft, "--title", stem + " Provider API", "--base-path",
                    base_path, "--target-url", "mock:"});
    apicat_ok(dir, {"operation", "add", draft, "GET /current", "--param",
                    "zipcode:query:string:required"});
    apicat_ok(dir, {"security-definition", "add", draft, "client-id", "--type", "apiKey", "--key",
                    "X-IBM-Client-Id"});
    apicat_ok(dir, {"security-definition", "add", draft, "client-secret", "--type", "apiKey",
                    "--key", "X-IBM-Client-Secret"});
    apicat_ok(dir, {"security", "add", draft, "client-id", "client-secret"});
    apicat_ok(dir, {"product", "create", stem + "-product.yaml", "--title", stem + " Product",
                    "--api", draft, "--plan", "default:100/1hour"});
}

const std::regex client_id_form("[0-9a-f]{32}");
const std::regex client_secret_form("[A-Za-z0-9_-]{43}");

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("product create writes the product file that API Connect reads")
    {
        ScratchDir dir;
        make_weather_product(dir);
        CHECK(dir.read("weather-product.yaml") == "product: 1.0.0\n"
                                                  "info:\n"
                                                  "  name: weather-product\n"
                                                  "  title: weather Product\n"
                                                  "  version: 1.0.0\n"
                                                  "apis:\n"
                                                  "  weather-provider-api:\n"
                                                  "    $ref: weather.yaml\n"
                                                  "plans:\n"
                                                  "  default:\n"
                                                  "    title: Default Plan\n"
                                                  "    rate-limits:\n"
                                                  "      default:\n"
                                                  "        value: 100/1hour\n"
                                                  "    approval: false\n"
                                                  "visibility:\n"
                                                  "  view:\n"
                                                  "    type: public\n"
                                                  "  subscribe:\n"
                                                  "    type: authenticated\n");
        Json shown = ok_json(dir, {"product", "show", "weather-product.yaml"});
        CHECK(shown["plans"][0]["rate_limit"] == "100/1hour");
    }

    TEST_CASE("publish stores the product in sandbox, whose test app can be shown again")
    {
        ScratchDir dir;
        make_weather_product(dir);
        Json published = ok_json(dir, {"publish", "weather-product.yaml"});
        CHECK(published["catalog"] == "sandbox");
        CHECK(published["product"] == "weather-product");
        CHECK(published["republished"] == false);

        Json products = ok_json(dir, {"product", "list"});
        REQUIRE(products.size() == 1);
        CHECK(products[0]["plans"][0] == Json{{"name", "default"},
                                              {"rate_limit", "100/1hour"},
                                              {"limits",
                                               {{{"name", "default"},
                                                 {"kind", "rate"},
                                                 {"value", "100/1hour"},
                                                 {"hard", true}}}}});

        Json catalog = ok_json(dir, {"catalog", "show"});
        CHECK(catalog["endpoint"] == "http://127.0.0.1:9080/sandbox");
        CHECK(catalog["products"][0]["name"] == "weather-product");
        std::string id = catalog["test_app"]["client_id"];
        std::string secret = catalog["test_app"]["client_secret"];
        CHECK(std::regex_match(id, client_id_form));
        CHECK(std::regex_match(secret, client_secret_form));
        CHECK(ok_json(dir, {"catalog", "show"})["test_app"]["client_secret"] == secret);

        Json apps = ok_json(dir, {"app", "list"});
        REQUIRE(apps.size() == 1);
        CHECK(apps[0]["test_app"] == true);
        CHECK(apps[0]["subscriptions"][0]["product"] == "weather-product");
    }

    TEST_CASE("the SQLite store's home and file that publish makes are the user's alone")
    {
        ScratchDir dir;
        pin_to_sqlite(dir.path() / "home");
        make_weather_product(dir);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        struct stat info {};
        REQUIRE(stat((dir.path() / "home").c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0700);
        REQUIRE(stat((dir.path() / "home" / "apicat.db").c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0600);
    }

    TEST_CASE("with no home to be found, the hint names --home and APICAT_HOME")
    {
        ScratchDir dir;
        const RunResult lost = run_apicat(
            {"catalog", "list"}, dir.path(), {},
            {{"APICAT_HOME", ""}, {"XDG_DATA_HOME", ""}, {"HOME", ""}, {"APICAT_STORE", ""}});
        CHECK(lost.exit_code == 1);
        CHECK(lost.err == "apicat: error: cannot tell where the apicat store is: neither "
                          "APICAT_HOME, XDG_DATA_HOME nor HOME is set\n"
                          "apicat: hint: --home DIR (or APICAT_HOME): the directory apicat keeps "
                          "its store in\n");
    }

    TEST_CASE("republishing an edited draft replaces the snapshot and says what changed")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        apicat_ok(
            dir, {"operation", "add", "weather.yaml", "GET /forecast", "--param", "zipcode:query"});
        Json republished = ok_json(dir, {"publish", "weather-product.yaml"});
        CHECK(republished["republished"] == true);
        CHECK(republished["changes"] ==
              Json::array({"added operation GET /forecast (weather-provider-api)"}));
        Json again = ok_json(dir, {"publish", "weather-product.yaml"});
        CHECK(again["changes"].empty());
    }

    TEST_CASE(
        "an app gets a client ID and a secret that is printed once and stored only as a digest")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        RunResult text = apicat_in(dir, {"app", "register", "text-app"});
        CHECK(text.exit_code == 0);
        CHECK(text.out.find("shown only now") != std::string::npos);

        Json app =
            ok_json(dir, {"app", "register", "weather-app", "--subscribe", "weather-product"});
        std::string secret = app["client_secret"];
        CHECK(std::regex_match(std::string(app["client_id"]), client_id_form));
        CHECK(std::regex_match(secret, client_secret_form));
        CHECK(app["subscriptions"][0] ==
              Json{{"product", "weather-product"}, {"plan", "default"}, {"state", "active"}});

        std::string outputs;
        for (const std::vector<std::string>& args :
             std::vector<std::vector<std::string>>{{"app", "show", "weather-app"},
                                                   {"app", "show", "weather-app", "-o", "json"},
                                                   {"app", "list", "-v"},
                                                   {"app", "list", "-o", "json"},
                                                   {"product", "list", "-v"},
                                                   {"app", "suspend", "weather-app", "-v"},
                                                   {"app", "register", "weather-app"}}) {
            RunResult result = apicat_in(dir, args);
            outputs += result.out + result.err;
        }
        CHECK(outputs.find(secret) == std::string::npos);
        CHECK(apicat::test::stored_bytes(dir.path() / "home").find(secret) == std::string::npos);
        CHECK(ok_json(dir, {"app", "show", "weather-app"}).contains("client_secret") == false);
        CHECK(ok_json(dir, {"app", "show", "weather-app"})["state"] == "suspended");

        Json reset = ok_json(dir, {"app", "reset-secret", "weather-app"});
        CHECK(reset["client_secret"] != secret);
        CHECK(reset["client_id"] == app["client_id"]);

        Json bare = ok_json(dir, {"app", "register", "id-only", "--no-secret"});
        CHECK_FALSE(bare.contains("client_secret"));
        CHECK(bare["has_secret"] == false);
    }

    TEST_CASE("a plan that needs approval leaves the subscription pending until approved")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir,
                  {"product", "create", "gold.yaml", "--title", "Gold", "--api", "weather.yaml",
                   "--force", "--plan", "gold:1000/1hour:approval", "--plan", "free"});
        // A second product may not serve the same base path.
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        RunResult clash = apicat_in(dir, {"publish", "gold.yaml"});
        CHECK(clash.exit_code == 1);
        CHECK(clash.err.find("already serves") != std::string::npos);
        apicat_ok(dir, {"product", "unpublish", "weather-product"});
        apicat_ok(dir, {"publish", "gold.yaml"});

        apicat_ok(dir, {"app", "register", "a"});
        RunResult ambiguous = apicat_in(dir, {"app", "subscribe", "a", "gold"});
        CHECK(ambiguous.exit_code == 2);
        CHECK(ambiguous.err.find("gold, free") != std::string::npos);
        Json pending = ok_json(dir, {"app", "subscribe", "a", "gold", "--plan", "gold"});
        CHECK(pending["subscriptions"][0]["state"] == "pending");
        Json approved = ok_json(dir, {"app", "approve", "a", "gold"});
        CHECK(approved["subscriptions"][0]["state"] == "active");
        apicat_ok(dir, {"app", "unsubscribe", "a", "gold"});
        CHECK(ok_json(dir, {"app", "show", "a"})["subscriptions"].empty());
    }

    TEST_CASE("catalogs are created, listed and removed with what they hold")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir, {"catalog", "create", "staging"});
        apicat_ok(dir, {"publish", "weather-product.yaml", "--catalog", "staging"});
        apicat_ok(dir, {"app", "register", "s-app", "--catalog", "staging", "--subscribe",
                        "weather-product"});
        Json catalogs = ok_json(dir, {"catalog", "list"});
        REQUIRE(catalogs.size() == 2);
        CHECK(catalogs[1]["name"] == "staging");
        CHECK(catalogs[1]["products"] == 1);
        apicat_ok(dir, {"catalog", "remove", "staging"});
        CHECK(ok_json(dir, {"catalog", "list"}).size() == 1);
        RunResult gone = apicat_in(dir, {"app", "show", "s-app", "--catalog", "staging"});
        CHECK(gone.exit_code == 1);
    }

    TEST_CASE("bad names and references are refused with a hint and change nothing")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        apicat_ok(dir, {"app", "register", "weather-app"});
        auto state = [&] {
            return apicat_ok(dir, {"app", "list", "-o", "json"}) +
                   apicat_ok(dir, {"product", "list", "-o", "json"}) +
                   apicat_ok(dir, {"catalog", "list", "-o", "json"});
        };
        std::string before = state();

        RunResult catalog = apicat_in(dir, {"product", "list", "--catalog", "sandbx"});
        CHECK(catalog.exit_code == 1);
        CHECK(catalog.err.find("did you mean 'sandbox'?") != std::string::npos);
        RunResult app = apicat_in(dir, {"app", "show", "weather-ap"});
        CHECK(app.err.find("did you mean 'weather-app'?") != std::string::npos);
        RunResult duplicate = apicat_in(dir, {"app", "register", "weather-app"});
        CHECK(duplicate.exit_code == 1);
        CHECK(duplicate.err.find("exists already") != std::string::npos);
        CHECK(apicat_in(dir, {"app", "register", "../evil"}).exit_code == 2);
        CHECK(apicat_in(dir, {"app", "register", "bad\x01name"}).exit_code == 2);
        CHECK(apicat_in(dir, {"catalog", "create", "a/b"}).exit_code == 2);
        RunResult product = apicat_in(dir, {"app", "subscribe", "weather-app", "weather-prod"});
        CHECK(product.exit_code == 1);
        CHECK(product.err.find("did you mean 'weather-product'?") != std::string::npos);
        CHECK(apicat_in(dir, {"app", "remove", "sandbox-test-app"}).exit_code == 1);

        dir.write("dangling.yaml", "product: 1.0.0\ninfo: {name: d, title: D, version: 1.0.0}\n"
                                   "apis:\n  x:\n    $ref: nowhere.yaml\nplans:\n  default: {}\n");
        RunResult dangling = apicat_in(dir, {"publish", "dangling.yaml"});
        CHECK(dangling.exit_code == 1);
        CHECK(dangling.err.find("nowhere.yaml") != std::string::npos);

        dir.write("secret-only.yaml", dir.read("weather.yaml") + "");
        apicat_ok(dir, {"security", "remove", "secret-only.yaml", "client-id", "client-secret"});
        apicat_ok(dir, {"security", "add", "secret-only.yaml", "client-secret"});
        dir.write("bad-option.yaml",
                  "product: 1.0.0\ninfo: {name: b, title: B, version: 1.0.0}\n"
                  "apis:\n  s:\n    $ref: secret-only.yaml\nplans:\n  default: {}\n");
        RunResult secret_only = apicat_in(dir, {"publish", "bad-option.yaml"});
        CHECK(secret_only.exit_code == 1);
        CHECK(secret_only.err.find("client secret but no client ID") != std::string::npos);
        CHECK(state() == before);
    }

    TEST_CASE("a base path under the gateway's own /-/ is refused by publish and validate")
    {
        ScratchDir dir;
        make_weather_product(dir);
        std::string draft = dir.read("weather.yaml");
        const std::string base = "basePath: /weather\n";
        REQUIRE(draft.find(base) != std::string::npos);
        draft.replace(draft.find(base), base.size(), "basePath: /-/weather\n");
        dir.write("weather.yaml", draft);
        const std::string said = "the base path '/-/weather' of API 'weather Provider API' is "
                                 "reserved: the gateway keeps '/-' and the paths under '/-/' "
                                 "for its own pages (/-/explore, /-/metrics, /-/credentials); "
                                 "give the API another base path";

        RunResult published = apicat_in(dir, {"publish", "weather-product.yaml"});
        CHECK(published.exit_code == 1);
        CHECK(published.err.rfind("apicat: error: weather.yaml:", 0) == 0);
        CHECK(published.err.find(said) != std::string::npos);
        CHECK(published.err.find("apicat: hint: 'apicat api validate weather.yaml' lists every "
                                 "problem") != std::string::npos);
        CHECK(ok_json(dir, {"product", "list"}).empty());

        RunResult validated = apicat_in(dir, {"api", "validate", "weather.yaml"});
        CHECK(validated.exit_code == 1);
        CHECK(validated.err.find(said) != std::string::npos);
        RunResult product = apicat_in(dir, {"product", "validate", "weather-product.yaml"});
        CHECK(product.exit_code == 1);
        CHECK((product.out + product.err).find(said) != std::string::npos);

        // A draft made with such a base path would only be refused later.
        RunResult created = apicat_in(dir, {"api", "create", "admin.yaml", "--title", "Admin",
                                            "--base-path", "/-/admin", "--target-url", "mock:"});
        CHECK(created.exit_code == 2);
        CHECK(created.err.find("apicat: error: invalid base path '/-/admin': the gateway keeps "
                               "'/-'") != std::string::npos);
        // The library speaks of a base path; the command line names its option.
        CHECK(created.err.find("apicat: hint: --base-path: give the API another base path") !=
              std::string::npos);
        CHECK_FALSE(std::filesystem::exists(dir.path() / "admin.yaml"));
    }

    TEST_CASE("a damaged SQLite store and one from a newer apicat are refused")
    {
        ScratchDir dir;
        ScratchDir newer;
        pin_to_sqlite(dir.path() / "home");
        pin_to_sqlite(newer.path() / "home");
        std::filesystem::create_directories(dir.path() / "home");
        dir.write("home/apicat.db", std::string(4096, 'x'));
        RunResult damaged = apicat_in(dir, {"catalog", "list"});
        CHECK(damaged.exit_code == 1);
        CHECK(damaged.err.find("apicat: error: ") == 0);
        CHECK(dir.read("home/apicat.db") == std::string(4096, 'x'));

        apicat_ok(newer, {"catalog", "list"});
        REQUIRE(std::system(("sqlite3 " + (newer.path() / "home" / "apicat.db").string() +
                             " 'PRAGMA user_version = 99'")
                                .c_str()) == 0);
        RunResult refused = apicat_in(newer, {"catalog", "list"});
        CHECK(refused.exit_code == 1);
        CHECK(refused.err.find("newer apicat") != std::string::npos);
    }

    TEST_CASE("sixteen processes registering and publishing at once all land")
    {
        ScratchDir dir;
        apicat_ok(dir, {"catalog", "list"}); // the store exists before the race starts
        for (int i = 0; i < 8; ++i) {
            make_weather_product(dir, "/w" + std::to_string(i), "w" + std::to_string(i));
        }
        std::vector<std::future<RunResult>> runs;
        for (int i = 0; i < 16; ++i) {
            std::vector<std::string> args =
                i % 2 == 0 ? std::vector<std::string>{"app", "register", "app" + std::to_string(i)}
                           : std::vector<std::string>{"publish", "w" + std::to_string(i / 2) +
                                                                     "-product.yaml"};
            runs.push_back(std::async(std::launch::async,
                                      [&dir, args] { return run_apicat(args, dir.path()); }));
        }
        for (auto& run : runs) {
            RunResult result = run.get();
            INFO(result.err);
            CHECK(result.exit_code == 0);
        }
        CHECK(ok_json(dir, {"app", "list"}).size() == 9);
        CHECK(ok_json(dir, {"product", "list"}).size() == 8);
    }

    TEST_CASE("a process killed at any point leaves the store consistent")
    {
        ScratchDir dir;
        make_weather_product(dir);
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        for (int i = 0; i < 40; ++i) {
            pid_t pid =
                i % 2 == 0
                    ? apicat::test::start_apicat({"app", "register", "k" + std::to_string(i),
                                                  "--subscribe", "weather-product"},
                                                 dir.path())
                    : apicat::test::start_apicat({"publish", "weather-product.yaml"}, dir.path());
            usleep(static_cast<useconds_t>(1000 + (i * 7919) % 30000));
            kill(pid, SIGKILL);
            int status = 0;
            waitpid(pid, &status, 0);
        }
        RunResult check = run_apicat({"--help"}, dir.path());
        CHECK(check.exit_code == 0);
        // A PostgreSQL server keeps its own files whole; SQLite's are apicat's to keep so.
        if (apicat::test::store_location_for(dir.path() / "home").kind ==
            apicat::store::StoreLocation::Kind::sqlite) {
            std::string db = (dir.path() / "home" / "apicat.db").string();
            RunResult integrity = apicat::test::run_process(
                "/usr/bin/sqlite3", {db, "PRAGMA integrity_check"}, dir.path());
            CHECK(integrity.out == "ok\n");
        }
        // Every app is whole: registered with its subscription, or not there at all.
        Json apps = ok_json(dir, {"app", "list"});
        for (const Json& app : apps) {
            if (app["test_app"] == false) {
                CHECK(std::regex_match(std::string(app["client_id"]), client_id_form));
                CHECK(app["subscriptions"].size() == 1);
            }
        }
        CHECK(ok_json(dir, {"product", "list"}).size() == 1);
    }
}

// End to end: the completion scripts the binary generates, run by the real bash, zsh and fish
// against a real store, and the `__complete` answers they rely on.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_store.hpp"
#include "support/text_parts.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

using apicat::test::apicat_ok;
using apicat::test::lines_of;
using apicat::test::run_apicat;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;

namespace fs = std::filesystem;

namespace {

bool offers(const std::vector<std::string>& offered, const std::string& value)
{
    return std::find(offered.begin(), offered.end(), value) != offered.end();
}

// A store with the weather product published to sandbox, a second catalog `staging`, and
// the draft weather.yaml (client-id, client-secret, GET /current) in the folder.
struct CompletionScene {
    ScratchDir dir;

    CompletionScene()
    {
        apicat::test::publish_weather(dir, "mock:");
        apicat_ok(dir, {"catalog", "create", "staging"});
        apicat_ok(dir, {"app", "register", "weather-app", "--subscribe", "weather-product"});
        dir.write("notes.txt", "not a draft\n");
        fs::create_directories(dir.path() / "specs");
    }

    // The generated script for `shell`, saved where that shell's driver loads it from.
    fs::path script(const std::string& shell) const
    {
        RunResult generated = run_apicat({"completion", shell}, dir.path());
        REQUIRE(generated.exit_code == 0);
        const std::string name = shell == "bash"  ? "apicat.bash"
                                 : shell == "zsh" ? "zsh/_apicat"
                                                  : "apicat.fish";
        return dir.write("completion/" + name, generated.out);
    }

    // The shells find `apicat` on PATH, as a user's would, and its store through APICAT_HOME
    // (or APICAT_STORE, in the run on PostgreSQL).
    apicat::test::Environment environment() const
    {
        const std::string binary_dir = fs::path(APICAT_BINARY).parent_path().string();
        const char* path = std::getenv("PATH");
        return apicat::test::apicat_environment(
            {}, dir.path(),
            {{"PATH", binary_dir + ":" + (path != nullptr ? path : "/usr/bin:/bin")},
             {"APICAT_HOME", (dir.path() / "home").string()},
             {"HOME", dir.path().string()}});
    }

    std::vector<std::string> offered(const std::string& shell, const std::string& line) const
    {
        const fs::path drivers = fs::path(APICAT_SOURCE_DIR) / "tests" / "completion";
        RunResult result;
        if (shell == "bash") {
            result = run_process(
                "/bin/bash", {(drivers / "bash-complete").string(), script("bash").string(), line},
                dir.path(), {}, environment());
        } else if (shell == "zsh") {
            result = run_process(
                "/usr/bin/zsh",
                {(drivers / "zsh-complete").string(), script("zsh").parent_path().string(), line},
                dir.path(), {}, environment());
        } else {
            result =
                run_process("/usr/bin/fish",
                            {"--no-config", "-c",
                             "source " + script("fish").string() + "; complete -C '" + line + "'"},
                            dir.path(), {}, environment());
        }
        INFO(shell, " completing '", line, "': ", result.err);
        REQUIRE(result.exit_code == 0);
        std::vector<std::string> values;
        for (std::string value : lines_of(result.out)) {
            values.push_back(value.substr(0, value.find('\t'))); // fish adds a description
        }
        return values;
    }
};

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the committed completion scripts are the ones the binary generates")
    {
        ScratchDir dir;
        for (auto [shell, file] : {std::pair{"bash", "apicat.bash"}, std::pair{"zsh", "_apicat"},
                                   std::pair{"fish", "apicat.fish"}}) {
            RunResult generated = run_apicat({"completion", shell}, dir.path());
            REQUIRE(generated.exit_code == 0);
            // A variable of its own: INFO captures it, and clang before 16 cannot capture a
            // structured binding.
            const std::string script = std::string("completions/") + file;
            INFO(script, " is stale: run scripts/update-completions");
            CHECK(generated.out == apicat::test::source_file(script));
        }
    }

    TEST_CASE("completion in bash, zsh and fish: commands, options and values from the store")
    {
        CompletionScene scene;
        for (std::string shell : {"bash", "zsh", "fish"}) {
            CAPTURE(shell);
            // A subcommand, then a subcommand of a group.
            CHECK(scene.offered(shell, "apicat cat") == std::vector<std::string>{"catalog"});
            // Flags take no value: the word after one is still read as a command or value.
            CHECK(scene.offered(shell, "apicat -q --no-color cat") ==
                  std::vector<std::string>{"catalog"});
            CHECK(scene.offered(shell, "apicat app register p --no-secret --catalog st") ==
                  std::vector<std::string>{"staging"});
            auto app_commands = scene.offered(shell, "apicat app re");
            CHECK(offers(app_commands, "register"));
            CHECK(offers(app_commands, "reset-secret"));
            CHECK(offers(app_commands, "remove"));
            CHECK_FALSE(offers(app_commands, "list"));
            // An option of the command, and a global one given after the command.
            CHECK(scene.offered(shell, "apicat app register partner --sub") ==
                  std::vector<std::string>{"--subscribe"});
            CHECK(offers(scene.offered(shell, "apicat app list --ou"), "--output"));
            // Catalogs from the store, for --catalog: the one this test created is there.
            auto catalogs = scene.offered(shell, "apicat app list --catalog ");
            CHECK(offers(catalogs, "staging"));
            CHECK(offers(catalogs, "sandbox"));
            CHECK(scene.offered(shell, "apicat app list --catalog st") ==
                  std::vector<std::string>{"staging"});
            // Apps of the catalog named on the line, and published products with their plans.
            CHECK(offers(scene.offered(shell, "apicat app show "), "weather-app"));
            CHECK(offers(scene.offered(shell, "apicat app show --catalog staging "),
                         "staging-test-app"));
            CHECK_FALSE(
                offers(scene.offered(shell, "apicat app show --catalog staging "), "weather-app"));
            CHECK(offers(scene.offered(shell, "apicat app register p --subscribe weather-product:"),
                         shell == "bash" ? "default" : "weather-product:default"));
            // Definitions and operations of the draft named as the FILE argument.
            auto definitions = scene.offered(shell, "apicat security add weather.yaml ");
            CHECK(offers(definitions, "client-id"));
            CHECK(offers(definitions, "client-secret"));
            CHECK(offers(scene.offered(shell, "apicat security add weather.yaml client-id "),
                         "client-secret")); // NAME repeats
            CHECK(offers(scene.offered(shell, "apicat operation remove weather.yaml "),
                         shell == "bash" ? "GET\\ /current" : "GET /current"));
            // Fixed choices, and draft files by their extension (folders to look in too).
            auto types =
                scene.offered(shell, "apicat security-definition add weather.yaml x --type ");
            CHECK(offers(types, "apiKey"));
            CHECK(offers(types, "basic"));
            auto drafts = scene.offered(shell, "apicat api validate ");
            CHECK(offers(drafts, "weather.yaml"));
            CHECK(offers(drafts, "weather-product.yaml"));
            CHECK_FALSE(offers(drafts, "notes.txt"));
            // Any file, for app import's FILE.
            CHECK(scene.offered(shell, "apicat app im") == std::vector<std::string>{"import"});
            CHECK(offers(scene.offered(shell, "apicat app import "), "notes.txt"));
        }
    }

    TEST_CASE("__complete answers from the store and the draft, and puts nothing in the prompt "
              "when something is wrong")
    {
        ScratchDir dir;
        // No store yet: sandbox, which the first real command creates.
        RunResult before =
            run_apicat({"__complete", "catalog", "--", "app", "list", "--catalog"}, dir.path());
        CHECK(before.exit_code == 0);
        CHECK(before.out == "sandbox\n");

        apicat::test::publish_weather(dir, "mock:");
        CHECK(run_apicat({"__complete", "product-plan", "--"}, dir.path()).out ==
              "weather-product\nweather-product:default\n");
        CHECK(run_apicat({"__complete", "plan", "--", "app", "subscribe", "weather-app",
                          "weather-product", "--plan"},
                         dir.path())
                  .out == "default\n");
        CHECK(run_apicat({"__complete", "published-operation", "--", "explore"}, dir.path()).out ==
              "GET /weather/current\n");
        CHECK(run_apicat({"__complete", "definition", "--", "--home", "elsewhere",
                          "security-definition", "remove", "weather.yaml"},
                         dir.path())
                  .out == "client-id\nclient-secret\n");

        // Nothing to offer: no draft named, an unknown kind, a catalog that does not exist.
        for (std::vector<std::string> args :
             {std::vector<std::string>{"__complete", "definition", "--", "security", "add"},
              {"__complete", "no-such-kind", "--", "app", "list"},
              {"__complete", "app", "--", "app", "show", "--catalog", "nowhere"},
              {"__complete"}}) {
            RunResult result = run_apicat(args, dir.path());
            CAPTURE(args[1 % args.size()]);
            CHECK(result.exit_code == 0);
            CHECK(result.out.empty());
            CHECK(result.err.empty());
        }
        // Something wrong: the prompt still gets nothing (the scripts discard stderr), and
        // whoever runs it by hand is told why.
        dir.write("broken.yaml", "openapi: [unclosed\n");
        for (std::vector<std::string> args :
             {std::vector<std::string>{"__complete", "operation", "--", "security", "add",
                                       "broken.yaml", "--operation"},
              {"__complete", "operation", "--", "security", "add", "missing.yaml",
               "--operation"}}) {
            RunResult result = run_apicat(args, dir.path());
            CAPTURE(args[5]);
            CHECK(result.exit_code == 1);
            CHECK(result.out.empty());
            CHECK(result.err.rfind("apicat: error: ", 0) == 0);
        }
    }

    TEST_CASE("__complete never writes the SQLite store, and a damaged one puts nothing in the "
              "prompt")
    {
        ScratchDir dir;
        apicat::test::pin_to_sqlite(dir.path() / "home");
        // No store yet: none is created.
        CHECK(run_apicat({"__complete", "catalog", "--", "app", "list", "--catalog"}, dir.path())
                  .out == "sandbox\n");
        CHECK_FALSE(fs::exists(dir.path() / "home"));

        apicat::test::publish_weather(dir, "mock:");
        const auto modified = fs::last_write_time(dir.path() / "home" / "apicat.db");
        CHECK(run_apicat({"__complete", "product-plan", "--"}, dir.path()).out ==
              "weather-product\nweather-product:default\n");
        CHECK(run_apicat({"__complete", "plan", "--", "app", "subscribe", "weather-app",
                          "weather-product", "--plan"},
                         dir.path())
                  .out == "default\n");
        CHECK(run_apicat({"__complete", "published-operation", "--", "explore"}, dir.path()).out ==
              "GET /weather/current\n");
        CHECK(run_apicat({"__complete", "app", "--", "app", "show"}, dir.path()).out ==
              "sandbox-test-app\n");
        CHECK(fs::last_write_time(dir.path() / "home" / "apicat.db") == modified);
        std::vector<std::string> left_in_home;
        for (const auto& entry : fs::directory_iterator(dir.path() / "home")) {
            left_in_home.push_back(entry.path().filename().string());
        }
        CHECK(left_in_home == std::vector<std::string>{"apicat.db"}); // no -wal, no -shm

        dir.write("not-a-store/apicat.db", "this is not SQLite");
        RunResult damaged = run_apicat(
            {"__complete", "app", "--", "--home", "not-a-store", "app", "show"}, dir.path());
        CHECK(damaged.exit_code == 1);
        CHECK(damaged.out.empty());
        CHECK(damaged.err.rfind("apicat: error: ", 0) == 0);
    }
}

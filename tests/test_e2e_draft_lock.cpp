// End to end: edits of one draft started at once all land, each under the lock on the draft's
// folder, and an edit that cannot get the lock says so and writes nothing.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <thread>

using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

constexpr int concurrent_edits = 16;

// Runs `concurrent_edits` security-definition adds on `file` at once, each adding its own name.
std::vector<RunResult> add_definitions_at_once(const ScratchDir& dir, const std::string& file)
{
    std::vector<RunResult> results(concurrent_edits);
    std::vector<std::thread> threads;
    for (int i = 0; i < concurrent_edits; ++i) {
        threads.emplace_back([&, i] {
            std::string name = "key-" + std::to_string(i);
            results[i] = run_apicat({"security-definition", "add", file, name, "--type", "apiKey",
                                     "--in", "header", "--key", "X-Key-" + std::to_string(i)},
                                    dir.path());
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }
    return results;
}

void check_all_landed(const ScratchDir& dir, const std::string& file)
{
    std::vector<RunResult> results = add_definitions_at_once(dir, file);
    for (int i = 0; i < concurrent_edits; ++i) {
        INFO("edit ", i, ": ", results[i].err);
        CHECK(results[i].exit_code == 0);
        CHECK(results[i].out.find("added security definition 'key-" + std::to_string(i) + "'") !=
              std::string::npos);
    }
    RunResult listed = run_apicat({"security-definition", "list", file, "-o", "json"}, dir.path());
    REQUIRE(listed.exit_code == 0);
    std::set<std::string> names;
    for (const Json& definition : Json::parse(listed.out)) {
        names.insert(definition["name"].get<std::string>());
    }
    for (int i = 0; i < concurrent_edits; ++i) {
        CHECK(names.count("key-" + std::to_string(i)) == 1);
    }
    // No temporary file and no lock file is left beside the draft.
    std::vector<std::string> entries;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir.path() / "drafts")) {
        entries.push_back(entry.path().filename().string());
    }
    CHECK(entries == std::vector<std::string>{fs::path(file).filename().string()});
}

// A draft in the folder `drafts/` of `dir`, which holds nothing else.
void create_draft(const ScratchDir& dir, const std::string& file)
{
    fs::create_directories(dir.path() / "drafts");
    REQUIRE(run_apicat({"api", "create", file, "--title", "Weather", "--target-url", "mock:"},
                       dir.path())
                .exit_code == 0);
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("sixteen edits of one YAML draft started at once all land")
    {
        ScratchDir dir;
        create_draft(dir, "drafts/weather.yaml");
        check_all_landed(dir, "drafts/weather.yaml");
    }

    TEST_CASE("sixteen edits of one JSON draft started at once all land")
    {
        ScratchDir dir;
        create_draft(dir, "drafts/weather.json");
        check_all_landed(dir, "drafts/weather.json");
    }

    TEST_CASE("an edit that cannot get the folder's lock in time says so and writes nothing")
    {
        ScratchDir dir;
        create_draft(dir, "drafts/weather.yaml");
        const std::string before = dir.read("drafts/weather.yaml");
        int folder = ::open((dir.path() / "drafts").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        REQUIRE(folder >= 0);
        REQUIRE(::flock(folder, LOCK_EX) == 0);
        for (const char* flag : {"", "--check"}) {
            std::vector<std::string> args = {"security-definition",
                                             "add",
                                             "drafts/weather.yaml",
                                             "client-id",
                                             "--type",
                                             "apiKey",
                                             "--in",
                                             "header",
                                             "--key",
                                             "X-IBM-Client-Id"};
            if (*flag != '\0') {
                args.push_back(flag);
            }
            RunResult refused = run_apicat(args, dir.path(), {}, {{"APICAT_LOCK_WAIT", "0.2"}});
            INFO(flag);
            CHECK(refused.exit_code == 1);
            CHECK(refused.err.find("apicat: error: drafts/weather.yaml: another command holds the "
                                   "lock on its folder") != std::string::npos);
            CHECK(refused.err.find("nothing was written") != std::string::npos);
        }
        ::close(folder);
        CHECK(dir.read("drafts/weather.yaml") == before);

        RunResult unreadable = run_apicat({"security-definition", "list", "drafts/weather.yaml"},
                                          dir.path(), {}, {{"APICAT_LOCK_WAIT", "soon"}});
        CHECK(unreadable.exit_code == 0); // listing edits nothing and takes no lock
        RunResult bad_wait = run_apicat(
            {"security-definition", "add", "drafts/weather.yaml", "x", "--type", "basic"},
            dir.path(), {}, {{"APICAT_LOCK_WAIT", "soon"}});
        CHECK(bad_wait.exit_code == 2);
        CHECK(bad_wait.err.find("invalid APICAT_LOCK_WAIT 'soon'") != std::string::npos);
    }
}

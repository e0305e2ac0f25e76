// End to end: the store and the drafts when the disk will not take a write (a read-only
// folder, a full disk) and when an edit is killed halfway. Every command fails with exit 1,
// `apicat: error: …` and a hint, and what was on disk before is still there, byte for byte;
// but an invoke, whose result is the call, answers when only recording the call fails. The
// store is SQLite's, in both runs of the suite: its files are what the disk faults reach.

#include "support/apicat_in.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_store.hpp"
#include "support/weather_scenario.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

using apicat::test::apicat_ok;
using apicat::test::pin_to_sqlite;
using apicat::test::run_apicat;
using apicat::test::run_process;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// What the user has: the store's content as the commands show it, and the draft.
std::string state_of(const ScratchDir& dir)
{
    return apicat_ok(dir, {"app", "list", "-o", "json"}) +
           apicat_ok(dir, {"product", "list", "-o", "json"}) + dir.read("weather.yaml");
}

bool store_is_whole(const ScratchDir& dir)
{
    const RunResult check = run_process(
        "/usr/bin/sqlite3",
        {(dir.path() / "home" / "apicat.db").string(), "PRAGMA integrity_check"}, dir.path());
    return check.out == "ok\n";
}

// The environment of an apicat run here: the home's store, SQLite when pinned.
apicat::test::Environment store_environment(const ScratchDir& dir)
{
    return apicat::test::store_environment_for(dir.path() / "home");
}

std::vector<std::string> with_home(const ScratchDir& dir, const std::vector<std::string>& args)
{
    std::vector<std::string> words = {"--home", (dir.path() / "home").string()};
    words.insert(words.end(), args.begin(), args.end());
    return words;
}

// Makes the scratch folder, the store and the draft readable and not writable, and puts the
// modes back when it goes.
class ReadOnly {
public:
    explicit ReadOnly(const ScratchDir& dir)
        : dir_(dir)
    {
        for (const auto& entry : fs::recursive_directory_iterator(dir.path())) {
            fs::permissions(entry.path(), entry.is_directory() ? fs::perms(0555) : fs::perms(0444));
        }
        fs::permissions(dir.path(), fs::perms(0555));
    }
    ~ReadOnly()
    {
        fs::permissions(dir_.path(), fs::perms(0700));
        for (const auto& entry : fs::recursive_directory_iterator(dir_.path())) {
            fs::permissions(entry.path(), entry.is_directory() ? fs::perms(0700) : fs::perms(0600));
        }
    }
    ReadOnly(const ReadOnly&) = delete;
    ReadOnly& operator=(const ReadOnly&) = delete;

private:
    const ScratchDir& dir_;
};

// Permissions do not stop root, so as root apicat runs as nobody (setpriv), to whom the
// read-only modes apply.
RunResult run_without_write_access(const ScratchDir& dir, const std::vector<std::string>& args)
{
    if (::geteuid() != 0) {
        return run_process(APICAT_BINARY, with_home(dir, args), dir.path(), {},
                           store_environment(dir));
    }
    std::vector<std::string> words = {"--reuid=65534", "--regid=65534", "--clear-groups",
                                      APICAT_BINARY};
    const std::vector<std::string> rest = with_home(dir, args);
    words.insert(words.end(), rest.begin(), rest.end());
    return run_process("/usr/bin/setpriv", words, dir.path(), {}, store_environment(dir));
}

// A file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that writes fail rather than
// kill) below the size of the files written: every write that grows a file past it fails, as
// on a full disk, with EFBIG where a full disk says ENOSPC. The closest a test can come
// without mounting a file system.
RunResult run_on_full_disk(const ScratchDir& dir, const std::vector<std::string>& args,
                           int limit_bytes = 4096)
{
    std::vector<std::string> words = {"-c", R"(trap "" XFSZ; exec prlimit --fsize="$0" -- "$@")",
                                      std::to_string(limit_bytes), APICAT_BINARY};
    const std::vector<std::string> rest = with_home(dir, args);
    words.insert(words.end(), rest.begin(), rest.end());
    return run_process("/bin/sh", words, dir.path(), {}, store_environment(dir));
}

const std::vector<std::vector<std::string>> store_writes = {
    {"app", "register", "b", "--subscribe", "weather-product"},
    {"publish", "weather-product.yaml"},
    {"app", "reset-secret", "a"},
    {"app", "suspend", "a"},
};

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a store and a draft that may not be written are refused with a hint, unchanged")
    {
        ScratchDir dir;
        pin_to_sqlite(dir.path() / "home");
        apicat::test::publish_weather(dir, "mock:");
        apicat_ok(dir, {"app", "register", "a", "--subscribe", "weather-product"});
        const std::string before = state_of(dir);
        {
            const ReadOnly read_only(dir);
            for (const auto& args : store_writes) {
                INFO(args[0], " ", args[1]);
                const RunResult result = run_without_write_access(dir, args);
                CHECK(result.exit_code == 1);
                CHECK(result.err.starts_with(
                    "apicat: error: " + (dir.path() / "home" / "apicat.db").string() + ": "));
                CHECK(result.err.find("\napicat: hint: check that you may read and write") !=
                      std::string::npos);
            }
            const RunResult edit = run_without_write_access(
                dir, {"operation", "add", "weather.yaml", "GET /forecast"});
            CHECK(edit.exit_code == 1);
            CHECK(edit.err == "apicat: error: cannot write 'weather.yaml': permission denied\n");
        }
        CHECK(state_of(dir) == before);
        CHECK(store_is_whole(dir));
    }

    TEST_CASE(
        "a full disk fails every write of the store and of a draft, leaving both as they were")
    {
        ScratchDir dir;
        pin_to_sqlite(dir.path() / "home");
        apicat::test::publish_weather(dir, "mock:");
        apicat_ok(dir, {"app", "register", "a", "--subscribe", "weather-product"});
        const std::string before = state_of(dir);
        for (const auto& args : store_writes) {
            INFO(args[0], " ", args[1]);
            const RunResult result = run_on_full_disk(dir, args);
            CHECK(result.exit_code == 1);
            CHECK(result.err.starts_with(
                "apicat: error: " + (dir.path() / "home" / "apicat.db").string() +
                ": disk I/O error\napicat: hint: the store is unchanged"));
        }
        const RunResult edit =
            run_on_full_disk(dir, {"operation", "add", "weather.yaml", "GET /forecast"}, 256);
        CHECK(edit.exit_code == 1);
        CHECK(edit.err == "apicat: error: cannot write 'weather.yaml': file too large\n");
        CHECK(state_of(dir) == before);
        CHECK(store_is_whole(dir));
        // No temporary file is left beside the draft.
        for (const auto& entry : fs::directory_iterator(dir.path())) {
            CHECK_FALSE(entry.path().filename().string().starts_with(".weather.yaml."));
        }
    }

    TEST_CASE("an invoke whose call cannot be recorded still answers; only -v says why")
    {
        ScratchDir dir;
        pin_to_sqlite(dir.path() / "home");
        apicat::test::publish_weather(dir, "mock:");
        const std::vector<std::string> invoke = {"invoke", "GET", "/weather/current?zipcode=90210",
                                                 "--test-app"};
        // Invokes leave their writes in the log (docs/store.md): grown past the 32 KiB that
        // SQLite's -shm index takes, a file size limit at the log's size lets the store open
        // and the call be made, and fails only the write of its record.
        // (No other command may run meanwhile: closing the store, it would fold the log in.)
        const fs::path log = dir.path() / "home" / "apicat.db-wal";
        int recorded = 0;
        for (; recorded < 20 && !(fs::exists(log) && fs::file_size(log) >= 32768); ++recorded) {
            apicat_ok(dir, invoke);
        }
        REQUIRE(fs::file_size(log) >= 32768);
        const auto limit = static_cast<int>(fs::file_size(log));

        const RunResult quiet = run_on_full_disk(dir, invoke, limit);
        CHECK(quiet.exit_code == 0);
        CHECK(quiet.out.starts_with("HTTP/1.1 200 OK\n"));
        CHECK(quiet.err.empty());
        std::vector<std::string> verbose_invoke = invoke;
        verbose_invoke.push_back("-v");
        const RunResult verbose = run_on_full_disk(dir, verbose_invoke, limit);
        CHECK(verbose.exit_code == 0);
        CHECK(verbose.out.starts_with("HTTP/1.1 200 OK\n"));
        CHECK(verbose.err == "apicat: warning: the call was not recorded for analytics: " +
                                 (dir.path() / "home" / "apicat.db").string() +
                                 ": disk I/O error\n");
        CHECK(apicat_ok(dir, {"analytics", "-o", "json"})
                  .find("\n  \"calls\": " + std::to_string(recorded) + ",\n") != std::string::npos);
        CHECK(store_is_whole(dir));
    }

    TEST_CASE("a draft edit killed at any point leaves the old or the new file, byte for byte")
    {
        ScratchDir dir;
        apicat::test::publish_weather(dir, "mock:");
        const std::string without = dir.read("weather.yaml");
        apicat_ok(dir, {"operation", "add", "weather.yaml", "GET /forecast", "--param",
                        "days:query:integer"});
        const std::string with = dir.read("weather.yaml");
        apicat_ok(dir, {"operation", "remove", "weather.yaml", "GET /forecast"});
        REQUIRE(dir.read("weather.yaml") == without);

        std::minstd_rand random(20240501);
        std::uniform_int_distribution<int> delay_us(0, 25000);
        for (int i = 0; i < 30; ++i) {
            const bool has_it = dir.read("weather.yaml") == with;
            const pid_t pid =
                has_it
                    ? apicat::test::start_apicat(
                          {"operation", "remove", "weather.yaml", "GET /forecast"}, dir.path())
                    : apicat::test::start_apicat({"operation", "add", "weather.yaml",
                                                  "GET /forecast", "--param", "days:query:integer"},
                                                 dir.path());
            ::usleep(static_cast<useconds_t>(delay_us(random)));
            ::kill(pid, SIGKILL);
            int status = 0;
            ::waitpid(pid, &status, 0);
            const std::string now = dir.read("weather.yaml");
            INFO("kill ", i);
            CHECK((now == without || now == with));
        }
        apicat_ok(dir, {"api", "validate", "weather.yaml"});
    }
}

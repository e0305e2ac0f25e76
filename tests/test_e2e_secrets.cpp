// End to end: a registered client secret is printed where it is made (app register, app
// reset-secret) and nowhere else: not in any other command's output, text or JSON, with -v or
// failing; not in gateway serve's log; not in any file under the store's folder, whose files
// and folders stay private to the user, nor in a PostgreSQL store's database; and it never
// reaches the upstream.

#include "support/apicat_in.hpp"
#include "support/recording_upstream.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/test_server.hpp"
#include "support/test_store.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include <sys/stat.h>

using apicat::test::apicat_ok;
using apicat::test::RecordingUpstream;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

namespace {

std::string all_files_under(const fs::path& folder)
{
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            std::ifstream file(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
    }
    return all;
}

// The read, write and execute bits for the owner, the group and others.
mode_t permission_bits_of(const fs::path& path)
{
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

std::string secret_in_text(const std::string& out)
{
    std::smatch match;
    REQUIRE(std::regex_search(out, match, std::regex("client secret:  ([A-Za-z0-9_-]{43})")));
    return match[1];
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("a registered secret shows where it is made and in no other output, log or file")
    {
        ScratchDir dir;
        RecordingUpstream recording;
        TestServer upstream([&](httplib::Server& server) { recording.routes(server); });
        apicat::test::publish_weather(dir, upstream.url("$(request.path)$(request.search)"));

        // Made: printed here, by design, and by these commands only.
        Json a = Json::parse(apicat_ok(
            dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
        const std::string id = a["client_id"];
        const std::string first_secret = a["client_secret"];
        const std::string other_secret =
            secret_in_text(apicat_ok(dir, {"app", "register", "b", "-v"}));
        const std::string secret = Json::parse(
            apicat_ok(dir, {"app", "reset-secret", "a", "-o", "json"}))["client_secret"];
        const std::vector<std::string> secrets = {first_secret, other_secret, secret};

        std::string shown;
        const auto run = [&](std::vector<std::string> args) {
            const RunResult result = run_apicat(args, dir.path());
            shown += result.out + result.err;
            return result.exit_code;
        };
        const std::vector<std::vector<std::string>> commands = {
            {"app", "list"},
            {"app", "show", "a"},
            {"app", "show", "b"},
            {"app", "suspend", "b"},
            {"app", "resume", "b"},
            {"app", "subscribe", "b", "weather-product"},
            {"app", "unsubscribe", "b", "weather-product"},
            {"catalog", "list"},
            {"catalog", "show"},
            {"product", "list"},
            {"explore"},
            {"explore", "GET /weather/current"},
            {"invoke", "GET", "/weather/current?zipcode=1", "--client-id", id, "--client-secret",
             secret, "-i"},
            {"invoke", "GET", "/weather/current?zipcode=1", "-H", "X-IBM-Client-Id: " + id, "-H",
             "X-IBM-Client-Secret: " + secret},
            // Failing ones.
            {"app", "show", "c"},
            {"app", "register", "a"},
            {"app", "reset-secret", "c"},
            {"app", "subscribe", "a", "no-such-product"},
            {"invoke", "GET", "/weather/current?zipcode=1", "--client-id", id, "--client-secret",
             first_secret},
            {"invoke", "GET", "/weather/current?zipcode=1", "--client-id", secret,
             "--client-secret", id},
            {"invoke", "GET", "/weather/nowhere", "--client-id", id, "--client-secret", secret},
            {"invoke", "GET", "relative", "--client-id", id, "--client-secret", secret},
            {"invoke", "GET", "/weather/current", "-H", "X-IBM-Client-Secret " + secret},
            {"invoke", "GET", "/weather/current", "--client-id", id, "--client-secret", secret,
             "--gateway", "http://127.0.0.1:1"},
        };
        int failures = 0;
        for (const std::vector<std::string>& args : commands) {
            for (const std::vector<std::string>& global :
                 {std::vector<std::string>{}, {"-v"}, {"-o", "json"}}) {
                std::vector<std::string> with = args;
                with.insert(with.end(), global.begin(), global.end());
                failures += run(with) != 0 ? 1 : 0;
            }
        }
        CHECK(failures >= 3 * 10); // the failing ones failed, with their error messages

        // Through a running gateway: text log, then JSON log with -v.
        for (const std::vector<std::string>& options :
             {std::vector<std::string>{}, {"-o", "json", "-v"}}) {
            ServeProcess gateway(dir, options, options.empty() ? "text.log" : "json.log");
            const auto call = [&](const std::string& target,
                                  std::vector<apicat::http::Header> headers) {
                apicat::http::Request request;
                request.url = gateway.url(target);
                request.headers = std::move(headers);
                return apicat::http::Client().send(request).status;
            };
            CHECK(call("/sandbox/weather/current?zipcode=1",
                       {{"X-IBM-Client-Id", id}, {"X-IBM-Client-Secret", secret}}) == 200);
            CHECK(call("/sandbox/weather/current?zipcode=1",
                       {{"X-IBM-Client-Id", id}, {"X-IBM-Client-Secret", first_secret}}) == 401);
            CHECK(call("/sandbox/weather/current?client_secret=" + secret,
                       {{"X-IBM-Client-Id", secret}, {"X-IBM-Client-Secret", id}}) == 401);
            CHECK(call("/sandbox/weather/current", {{"X-IBM-Client-Id", id},
                                                    {"X-IBM-Client-Secret", secret},
                                                    {"X-IBM-Client-Secret", secret}}) == 400);
            RunResult through =
                run_apicat({"invoke", "GET", "/weather/current?zipcode=1", "--gateway",
                            gateway.url(""), "--client-id", id, "--client-secret", secret, "-v"},
                           dir.path());
            CHECK(through.exit_code == 0);
            shown += through.out + through.err;
            CHECK(gateway.stop() == 0);
            shown += gateway.log();
        }

        const std::string files = all_files_under(dir.path());
        const std::string stored = apicat::test::stored_bytes(dir.path() / "home");
        for (const std::string& made : secrets) {
            CHECK(shown.find(made) == std::string::npos);
            CHECK(files.find(made) == std::string::npos);
            CHECK(stored.find(made) == std::string::npos);
            CHECK(recording.seen().find(made) == std::string::npos);
        }
        CHECK(recording.seen().find("GET /weather/current?zipcode=1") != std::string::npos);
        CHECK(recording.seen().find("X-IBM-Client") == std::string::npos);
        // A SQLite store's files; a PostgreSQL server's are its own business.
        if (apicat::test::store_location_for(dir.path() / "home").kind ==
            apicat::store::StoreLocation::Kind::sqlite) {
            for (const auto& entry : fs::recursive_directory_iterator(dir.path() / "home")) {
                INFO(entry.path().string());
                CHECK(permission_bits_of(entry.path()) == (entry.is_directory() ? 0700 : 0600));
            }
            CHECK(permission_bits_of(dir.path() / "home") == 0700);
        }
    }
}

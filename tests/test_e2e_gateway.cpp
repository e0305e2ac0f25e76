// End to end: `apicat gateway serve` as a real process, called over real HTTP, while the
// catalog changes underneath it.

#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/test_server.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <functional>
#include <regex>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using apicat::test::apicat_ok;
using apicat::test::publish_weather;
using apicat::test::run_apicat;
using apicat::test::RunResult;
using apicat::test::ScratchDir;
using apicat::test::TestServer;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

// `apicat gateway serve` on a port the OS picks; its output goes to a log file.
class ServeProcess {
public:
    explicit ServeProcess(const ScratchDir& dir)
        : log_(dir.path() / "gateway.log")
    {
        std::vector<std::string> words = {APICAT_BINARY, "--home", (dir.path() / "home").string(),
                                          "gateway",     "serve",  "--listen",
                                          "127.0.0.1:0"};
        std::vector<char*> argv;
        for (std::string& word : words) {
            argv.push_back(word.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        posix_spawn_file_actions_adddup2(&actions, 1, 2);
        REQUIRE(posix_spawn(&pid_, APICAT_BINARY, &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        const std::regex url("http://127\\.0\\.0\\.1:([0-9]+)/");
        for (int i = 0; i < 200 && port_ == 0; ++i) {
            std::smatch match;
            std::string text = log();
            if (std::regex_search(text, match, url)) {
                port_ = std::stoi(match[1]);
            } else {
                std::this_thread::sleep_for(10ms);
            }
        }
        REQUIRE(port_ != 0);
    }
    ~ServeProcess()
    {
        if (pid_ > 0) {
            stop();
        }
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    // SIGTERM, and the exit status.
    int stop()
    {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = 0;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

    std::string log() const
    {
        std::ifstream file(log_);
        return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }

    int port() const { return port_; }
    std::string url(const std::string& path) const
    {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

private:
    std::filesystem::path log_;
    pid_t pid_ = 0;
    int port_ = 0;
};

apicat::http::Response call(const std::string& url, const std::string& id,
                            const std::string& secret)
{
    apicat::http::Request request;
    request.url = url;
    request.headers = {{"X-IBM-Client-Id", id}, {"X-IBM-Client-Secret", secret}};
    request.timeout = 5s;
    return apicat::http::Client().send(request);
}

// Polls until `status` comes back (the gateway refreshes its catalog in the background).
int eventually(const std::function<int()>& status, int wanted)
{
    int seen = 0;
    for (int i = 0; i < 100 && seen != wanted; ++i) {
        seen = status();
        if (seen != wanted) {
            std::this_thread::sleep_for(50ms);
        }
    }
    return seen;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE(
        "gateway serve enforces credentials over HTTP and follows the catalog without restart")
    {
        ScratchDir dir;
        TestServer upstream([](httplib::Server& server) {
            auto answer = [](const httplib::Request& request, httplib::Response& response) {
                response.set_content(Json{{"path", request.path},
                                          {"saw_secret", request.has_header("X-IBM-Client-Secret")}}
                                         .dump(),
                                     "application/json");
            };
            server.Get("/weather/current", answer);
            server.Get("/weather/forecast", answer);
        });
        publish_weather(dir, upstream.url("$(request.path)$(request.search)"));
        Json app = Json::parse(apicat_ok(
            dir, {"app", "register", "a", "--subscribe", "weather-product", "-o", "json"}));
        std::string id = app["client_id"];
        std::string secret = app["client_secret"];

        ServeProcess gateway(dir);
        apicat::http::Response served =
            call(gateway.url("/sandbox/weather/current?zipcode=90210"), id, secret);
        CHECK(served.status == 200);
        CHECK(Json::parse(served.body)["saw_secret"] == false);
        apicat::http::Response stranger =
            call(gateway.url("/sandbox/weather/current"), "nobody", "x");
        CHECK(stranger.status == 401);
        CHECK(Json::parse(stranger.body)["moreInformation"] == "Client ID not registered");

        // Through the running gateway with invoke --gateway.
        RunResult through =
            run_apicat({"invoke", "GET", "/weather/current?zipcode=1", "--gateway", gateway.url(""),
                        "--client-id", id, "--client-secret", secret},
                       dir.path());
        CHECK(through.exit_code == 0);

        // Republish with a new operation: served without a restart.
        apicat_ok(dir, {"operation", "add", "weather.yaml", "GET /forecast"});
        apicat_ok(dir, {"publish", "weather-product.yaml"});
        CHECK(eventually(
                  [&] { return call(gateway.url("/sandbox/weather/forecast"), id, secret).status; },
                  200) == 200);

        // A reset secret stops working at once in the running gateway.
        apicat_ok(dir, {"app", "reset-secret", "a"});
        CHECK(eventually(
                  [&] { return call(gateway.url("/sandbox/weather/current"), id, secret).status; },
                  401) == 401);

        CHECK(gateway.stop() == 0);
        std::string log = gateway.log();
        CHECK(log.find(secret) == std::string::npos);
        CHECK(log.find("GET /sandbox/weather/current") != std::string::npos);
    }

    TEST_CASE("a second gateway on a busy port fails with a clear error")
    {
        ScratchDir dir;
        publish_weather(dir, "mock:");
        ServeProcess first(dir);
        RunResult second = run_apicat(
            {"gateway", "serve", "--listen", "127.0.0.1:" + std::to_string(first.port())},
            dir.path());
        CHECK(second.exit_code == 1);
        CHECK(second.err.find("apicat: error: ") == 0);
    }
}

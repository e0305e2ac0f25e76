// End to end: a team's catalog in PostgreSQL, served by several `apicat gateway serve`
// processes at once (docs/store.md, "A team catalog"): what the CLI changes reaches every
// gateway within a second, a plan's limit is one budget for all of them, and a database that
// restarts or a gateway that dies costs the others nothing.

#include "support/apicat_in.hpp"
#include "support/app_call.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"
#include "support/serve_process.hpp"
#include "support/weather_scenario.hpp"

#include "http/client.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using apicat::test::apicat_ok;
using apicat::test::AppCredentials;
using apicat::test::call_as_app;
using apicat::test::eventually;
using apicat::test::PostgresServer;
using apicat::test::publish_weather;
using apicat::test::ScratchDir;
using apicat::test::ServeProcess;
using Json = nlohmann::ordered_json;
using namespace std::chrono_literals;

namespace {

// A catalog in a database of its own on `server`, and the CLI's commands against it.
class TeamCatalog {
public:
    explicit TeamCatalog(PostgresServer& server)
        : server_(server)
    {
        static std::atomic<int> count{0};
        const std::string database = "team_" + std::to_string(++count);
        server_.create_database(database);
        // The test server trusts every connection, so the password is never checked: it is
        // there to be kept out of everything apicat prints.
        url_ = server_.url(database);
        url_.replace(url_.find("postgres@"), 9, "postgres:" + std::string(password) + "@");
    }

    static constexpr const char* password = "team-password";

    const ScratchDir& dir() const { return dir_; }
    std::vector<std::string> store() const { return {"--store", url_}; }

    std::string ok(std::vector<std::string> args) const
    {
        args.insert(args.end(), {"--store", url_});
        std::string out = apicat_ok(dir_, args);
        CHECK(out.find(password) == std::string::npos);
        return out;
    }

    // The weather API (mock: upstream) in weather-product, plan default 100/1hour.
    void publish() const { publish_weather(dir_, "mock:", "Weather Provider API", store()); }

    AppCredentials register_app(const std::string& name,
                                const std::string& product = "weather-product") const
    {
        const Json app =
            Json::parse(ok({"app", "register", name, "--subscribe", product, "-o", "json"}));
        return {app["client_id"], app["client_secret"]};
    }

    std::unique_ptr<ServeProcess> serve(const std::string& log_name) const
    {
        return std::make_unique<ServeProcess>(dir_, store(), log_name);
    }

private:
    PostgresServer& server_;
    ScratchDir dir_;
    std::string url_;
};

int status_from(const ServeProcess& gateway, const AppCredentials& app,
                const std::string& path = "/sandbox/weather/current?zipcode=90210")
{
    return call_as_app(gateway.url(path), app.id, app.secret).status;
}

// True when every gateway answers `app` with `status` within a second of asking.
bool all_answer_within_a_second(const std::vector<const ServeProcess*>& gateways,
                                const AppCredentials& app, int status,
                                const std::string& path = "/sandbox/weather/current?zipcode=1")
{
    return eventually(
        [&] {
            for (const ServeProcess* gateway : gateways) {
                if (status_from(*gateway, app, path) != status) {
                    return false;
                }
            }
            return true;
        },
        1000ms);
}

std::size_t occurrences(const std::string& text, const std::string& part)
{
    std::size_t count = 0;
    for (std::size_t at = text.find(part); at != std::string::npos;
         at = text.find(part, at + part.size())) {
        ++count;
    }
    return count;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("two gateways on one PostgreSQL see what the CLI changes within a second")
    {
        PostgresServer* server = apicat::test::shared_postgres_server();
        if (server == nullptr) {
            MESSAGE(apicat::test::postgres_missing_reason());
            return;
        }
        TeamCatalog team(*server);
        team.publish();
        const AppCredentials first = team.register_app("first");
        auto one = team.serve("one.log");
        auto two = team.serve("two.log");
        const std::vector<const ServeProcess*> both = {one.get(), two.get()};
        CHECK(all_answer_within_a_second(both, first, 200));

        const AppCredentials second = team.register_app("second");
        CHECK(all_answer_within_a_second(both, second, 200));

        team.ok({"app", "suspend", "first"});
        CHECK(all_answer_within_a_second(both, first, 403));
        team.ok({"app", "resume", "first"});
        CHECK(all_answer_within_a_second(both, first, 200));

        const Json reset = Json::parse(team.ok({"app", "reset-secret", "first", "-o", "json"}));
        const AppCredentials renewed{first.id, reset["client_secret"]};
        CHECK(all_answer_within_a_second(both, first, 401));
        CHECK(all_answer_within_a_second(both, renewed, 200));

        // A republish: a second product with an API of its own, open to anyone.
        team.ok({"api", "create", "forecast.yaml", "--title", "Forecast", "--base-path",
                 "/forecast", "--target-url", "mock:"});
        team.dir().write("today.json", R"({"today": "sunny"})");
        team.ok({"operation", "add", "forecast.yaml", "GET /today", "--example", "today.json"});
        team.ok({"product", "create", "forecast-product.yaml", "--title", "Forecast Product",
                 "--api", "forecast.yaml", "--plan", "default:100/1hour"});
        CHECK(status_from(*one, {}, "/sandbox/forecast/today") == 404);
        team.ok({"publish", "forecast-product.yaml"});
        CHECK(all_answer_within_a_second(both, {}, 200, "/sandbox/forecast/today"));

        for (const ServeProcess* gateway : both) {
            const std::string log = gateway->log();
            CHECK(log.find("following the shared store postgresql://postgres:***@127.0.0.1:") !=
                  std::string::npos);
            CHECK(log.find(TeamCatalog::password) == std::string::npos);
        }
    }

    TEST_CASE("a 30/1hour plan admits exactly 30 sequential calls spread over two gateways")
    {
        PostgresServer* server = apicat::test::shared_postgres_server();
        if (server == nullptr) {
            MESSAGE(apicat::test::postgres_missing_reason());
            return;
        }
        TeamCatalog team(*server);
        team.publish();
        team.ok({"product", "create", "limited-product.yaml", "--title", "Limited Product", "--api",
                 "weather.yaml", "--plan", "default:30/1hour"});
        // The API moves to the product with the small plan: a catalog serves a path once.
        team.ok({"product", "unpublish", "weather-product"});
        team.ok({"publish", "limited-product.yaml"});
        const AppCredentials app = team.register_app("counted", "limited-product");
        auto one = team.serve("one.log");
        auto two = team.serve("two.log");

        std::vector<int> statuses;
        for (int call = 0; call < 40; ++call) {
            statuses.push_back(status_from(call % 2 == 0 ? *one : *two, app));
        }
        const std::vector<int> admitted(statuses.begin(), statuses.begin() + 30);
        const std::vector<int> refused(statuses.begin() + 30, statuses.end());
        CHECK(admitted == std::vector<int>(30, 200));
        CHECK(refused == std::vector<int>(10, 429));
    }

    TEST_CASE("gateways serve through a PostgreSQL restart and connect again by themselves")
    {
        if (!apicat::test::postgres_bin_folder()) {
            MESSAGE(apicat::test::postgres_missing_reason());
            return;
        }
        PostgresServer server; // of its own: this test stops it
        TeamCatalog team(server);
        team.publish();
        const AppCredentials held = team.register_app("held");
        auto one = team.serve("one.log");
        auto two = team.serve("two.log");
        const std::vector<const ServeProcess*> both = {one.get(), two.get()};
        REQUIRE(all_answer_within_a_second(both, held, 200));

        server.stop();
        // Long enough for each gateway's follower to fail many times over.
        std::this_thread::sleep_for(300ms);
        // The apps a gateway holds keep being served, counted in its memory (fail open);
        // one it has never seen cannot be checked without the store.
        for (int call = 0; call < 3; ++call) {
            CHECK(status_from(*one, held) == 200);
            CHECK(status_from(*two, held) == 200);
        }
        CHECK(status_from(*one, {"0123456789abcdef0123456789abcdef", "x"}) == 503);

        server.start();
        const AppCredentials later = team.register_app("later");
        CHECK(all_answer_within_a_second(both, later, 200));
        // Counting moves back to the store at the first call a second after it failed.
        for (const ServeProcess* gateway : both) {
            CHECK(eventually(
                [&] {
                    return status_from(*gateway, held) == 200 &&
                           gateway->log().find("counting calls in the shared store again") !=
                               std::string::npos;
                },
                3000ms, 50ms));
        }

        for (const ServeProcess* gateway : both) {
            const std::string log = gateway->log();
            INFO(log);
            CHECK(log.find(TeamCatalog::password) == std::string::npos);
            // Once for the outage, however many polls failed, and once when it ended.
            CHECK(occurrences(log, "cannot reload catalog 'sandbox'") == 1);
            CHECK(occurrences(log, "catalog 'sandbox' reloads again") == 1);
            CHECK(occurrences(log, "cannot count calls in the shared store") == 1);
            CHECK(occurrences(log, "counting calls in the shared store again") == 1);
        }
    }

    TEST_CASE("a gateway killed leaves the others serving and following the catalog")
    {
        PostgresServer* server = apicat::test::shared_postgres_server();
        if (server == nullptr) {
            MESSAGE(apicat::test::postgres_missing_reason());
            return;
        }
        TeamCatalog team(*server);
        team.publish();
        const AppCredentials app = team.register_app("steady");
        auto one = team.serve("one.log");
        auto two = team.serve("two.log");
        auto three = team.serve("three.log");
        REQUIRE(all_answer_within_a_second({one.get(), two.get(), three.get()}, app, 200));

        ::kill(two->pid(), SIGKILL);
        CHECK(two->stop() == 128 + SIGKILL);
        const std::vector<const ServeProcess*> left = {one.get(), three.get()};
        CHECK(all_answer_within_a_second(left, app, 200));
        const AppCredentials newcomer = team.register_app("newcomer");
        CHECK(all_answer_within_a_second(left, newcomer, 200));
        team.ok({"app", "suspend", "steady"});
        CHECK(all_answer_within_a_second(left, app, 403));
    }

    TEST_CASE("the CLI and three gateways under load leave no connection behind")
    {
        PostgresServer* server = apicat::test::shared_postgres_server();
        if (server == nullptr) {
            MESSAGE(apicat::test::postgres_missing_reason());
            return;
        }
        TeamCatalog team(*server);
        team.publish();
        const AppCredentials app = team.register_app("busy");
        const int before = server->connection_count();
        {
            std::vector<std::unique_ptr<ServeProcess>> gateways;
            for (const char* log : {"one.log", "two.log", "three.log"}) {
                gateways.push_back(team.serve(log));
            }
            std::atomic<int> admitted{0};
            std::vector<std::thread> callers;
            for (int caller = 0; caller < 6; ++caller) {
                callers.emplace_back([&, caller] {
                    for (int call = 0; call < 50; ++call) {
                        const ServeProcess& gateway = *gateways[(caller + call) % 3];
                        admitted += status_from(gateway, app) == 200 ? 1 : 0;
                    }
                });
            }
            for (int round = 0; round < 5; ++round) {
                team.register_app("extra-" + std::to_string(round));
                team.ok({"app", "list"});
            }
            for (std::thread& caller : callers) {
                caller.join();
            }
            // The plan is 100/1hour: the budget is shared, so exactly 100 of the 300 got in.
            CHECK(admitted == 100);
            CHECK(server->connection_count() > before);
        }
        CHECK(eventually([&] { return server->connection_count() == before; }, 5000ms));
    }
}

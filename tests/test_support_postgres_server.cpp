// The PostgreSQL server tests start for themselves (support/postgres_server.hpp): it starts,
// takes databases and connections, keeps its data over a restart, and is gone after its test
// process, even one that crashed.

#include "support/postgres_server.hpp"

#include "support/eventually.hpp"
#include "support/run_apicat.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <future>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using apicat::test::eventually;
using apicat::test::postgres_bin_folder;
using apicat::test::postgres_missing_reason;
using apicat::test::PostgresServer;
using apicat::test::run_process;
using apicat::test::shared_postgres_server;
using namespace std::chrono_literals;

namespace fs = std::filesystem;

namespace {

// The only skip: on a machine without PostgreSQL, the test says so and passes.
bool postgres_installed()
{
    if (!postgres_bin_folder()) {
        MESSAGE(postgres_missing_reason());
        return false;
    }
    return true;
}

// The one value a query's one row holds, as psql prints it.
std::string psql_output(const PostgresServer& server, const std::string& database,
                        const std::string& sql)
{
    const auto result = server.psql(database, sql);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

} // namespace

TEST_SUITE("e2e")
{
    TEST_CASE("the tests' PostgreSQL server starts, and a database made on it takes connections")
    {
        if (!postgres_installed()) {
            return;
        }
        PostgresServer* server = shared_postgres_server();
        REQUIRE(server != nullptr);
        CHECK(shared_postgres_server() == server);
        const std::string url = server->url("support_probe");
        CHECK(url == "postgresql://postgres@127.0.0.1:" + std::to_string(server->port()) +
                         "/support_probe");

        server->create_database("support_probe");
        const auto connected = run_process(
            (*postgres_bin_folder() / "psql").string(),
            {"-X", "-A", "-t", "-d", url, "-c", "SELECT current_database()"}, server->folder());
        INFO(connected.err);
        CHECK(connected.exit_code == 0);
        CHECK(connected.out == "support_probe\n");
        CHECK(psql_output(*server, "support_probe",
                          "CREATE TABLE answers (n int); INSERT INTO answers VALUES (42);"
                          " SELECT n FROM answers") == "42\n");
        CHECK_THROWS(server->create_database("support_probe"));
    }

    TEST_CASE("the tests' PostgreSQL server counts the clients connected")
    {
        if (!postgres_installed()) {
            return;
        }
        PostgresServer& server = *shared_postgres_server();
        const int before = server.connection_count();
        // A client that stays connected until the test cuts it off; the comment finds it.
        auto held = std::async(std::launch::async, [&] {
            return server.psql("postgres", "SELECT pg_sleep(60) -- held open by a test");
        });
        CHECK(eventually([&] { return server.connection_count() == before + 1; }, 30s, 10ms));
        CHECK(psql_output(server, "postgres",
                          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                          " WHERE query LIKE '%held open by a test' AND pid <> pg_backend_pid()") ==
              "1\n");
        CHECK(held.get().exit_code != 0);
        CHECK(eventually([&] { return server.connection_count() == before; }, 30s, 10ms));
    }

    TEST_CASE("a PostgreSQL server stopped and started again keeps its port and its data")
    {
        if (!postgres_installed()) {
            return;
        }
        PostgresServer server;
        const std::string url = server.url("kept");
        server.create_database("kept");
        psql_output(server, "kept",
                    "CREATE TABLE answers (n int); INSERT INTO answers VALUES (42)");

        server.stop();
        CHECK(server.psql("kept", "SELECT 1").exit_code != 0);
        server.start();
        CHECK(psql_output(server, "kept", "SELECT n FROM answers") == "42\n");
        server.restart();
        CHECK(psql_output(server, "kept", "SELECT n FROM answers") == "42\n");
        CHECK(server.url("kept") == url);
    }

    TEST_CASE("a test process that crashes leaves no PostgreSQL server behind")
    {
        if (!postgres_installed()) {
            return;
        }
        int report[2];
        REQUIRE(::pipe(report) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            // Killed with its server running: no destructor, no atexit. Whatever happens, the
            // child must not return into doctest, which would run the remaining tests twice.
            ::close(report[0]);
            try {
                const PostgresServer server;
                const std::string said =
                    std::to_string(server.port()) + " " + server.folder().string();
                if (::write(report[1], said.data(), said.size()) ==
                    static_cast<ssize_t>(said.size())) {
                    ::raise(SIGKILL);
                }
            } catch (...) {
            }
            ::_exit(1);
        }
        ::close(report[1]);
        std::string said;
        char buffer[4096];
        for (ssize_t count; (count = ::read(report[0], buffer, sizeof buffer)) > 0;) {
            said.append(buffer, static_cast<std::size_t>(count));
        }
        ::close(report[0]);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFSIGNALED(status));
        std::istringstream words(said);
        int port = 0;
        std::string folder;
        std::getline(words >> port >> std::ws, folder);
        REQUIRE(port > 0);
        REQUIRE(!folder.empty());

        CHECK(eventually([&] { return !fs::exists(folder); }, 60s, 20ms));
        const auto ready = run_process((*postgres_bin_folder() / "pg_isready").string(),
                                       {"-h", "127.0.0.1", "-p", std::to_string(port)}, "/");
        CHECK(ready.exit_code == 2); // no response: nothing listens
    }
}

#include "support/postgres_server.hpp"

#include "support/ports.hpp"

#include "errors.hpp"
#include "store/postgres_connection.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <pwd.h>
#include <stdexcept>
#include <unistd.h>

namespace apicat::test {

namespace fs = std::filesystem;

namespace {

// The superuser initdb makes, and the system user the server runs as when the tests are root.
constexpr const char* superuser = "postgres";

// How create_database's connection names itself, so that connection_count leaves it out.
constexpr const char* admin_name = "apicat-tests-admin";

// Where Debian's postgresql-<version> packages put their programs, one folder per version.
const fs::path installations = "/usr/lib/postgresql";

bool running_as_root()
{
    return ::geteuid() == 0;
}

// `program` with `args` as the postgres user: through runuser when the tests run as root, as
// initdb and postgres refuse to; as it is otherwise. The first word is the program to run.
std::vector<std::string> as_server_user(const fs::path& program,
                                        const std::vector<std::string>& args)
{
    std::vector<std::string> words;
    if (running_as_root()) {
        const fs::path runuser =
            fs::exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser";
        words = {runuser.string(), "-u", superuser, "--"};
    }
    words.push_back(program.string());
    words.insert(words.end(), args.begin(), args.end());
    return words;
}

RunResult run_as_server_user(const fs::path& program, const std::vector<std::string>& args,
                             const fs::path& cwd)
{
    const auto words = as_server_user(program, args);
    return run_process(words.front(), {words.begin() + 1, words.end()}, cwd);
}

[[noreturn]] void fail(const std::string& what, const RunResult& result)
{
    throw std::runtime_error(what + " (exit " + std::to_string(result.exit_code) +
                             "): " + result.out + result.err);
}

fs::path installed_bin_folder()
{
    const auto bin = postgres_bin_folder();
    if (!bin) {
        throw std::runtime_error(postgres_missing_reason());
    }
    return *bin;
}

// The folder becomes the postgres user's when the tests are root: initdb makes the data folder
// in it, the server its log and socket.
void hand_to_server_user(const fs::path& folder)
{
    if (!running_as_root()) {
        return;
    }
    const passwd* user = ::getpwnam(superuser);
    if (user == nullptr) {
        throw std::runtime_error("the tests run as root, and there is no 'postgres' user to run "
                                 "PostgreSQL as");
    }
    if (::chown(folder.c_str(), user->pw_uid, user->pw_gid) != 0) {
        throw std::runtime_error("cannot give '" + folder.string() +
                                 "' to the postgres user: " + std::strerror(errno));
    }
}

// Stopping the server and removing the folder, after the PostgresServer or the whole test
// process has gone. pg_ctl fails harmlessly when the server was never started or is stopped.
ExitCommand cleanup_for(const fs::path& bin, const fs::path& folder)
{
    std::vector<std::string> args = {"-c", "folder=$1; shift; \"$@\"; rm -rf -- \"$folder\"",
                                     "postgres-cleanup", folder.string()};
    const auto stop = as_server_user(
        bin / "pg_ctl", {"-D", (folder / "data").string(), "-m", "fast", "-w", "stop"});
    args.insert(args.end(), stop.begin(), stop.end());
    return ExitCommand("/bin/sh", args);
}

} // namespace

std::optional<fs::path> postgres_bin_folder()
{
    std::optional<fs::path> newest;
    int newest_version = 0;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(installations, error)) {
        const std::string name = entry.path().filename().string();
        int version = 0;
        const auto [end, failure] =
            std::from_chars(name.data(), name.data() + name.size(), version);
        if (failure == std::errc() && end == name.data() + name.size() &&
            version > newest_version && fs::exists(entry.path() / "bin" / "initdb")) {
            newest = entry.path() / "bin";
            newest_version = version;
        }
    }
    return newest;
}

std::string postgres_missing_reason()
{
    return "PostgreSQL is not installed (Debian's postgresql package, no " +
           (installations / "<version>/bin/initdb").string() + "): skipped";
}

PostgresServer::PostgresServer()
    : bin_(installed_bin_folder())
    , cleanup_(cleanup_for(bin_, folder_.path()))
{
    // pg_ctl hands the server's options to a shell (see try_start).
    if (folder().string().find('\'') != std::string::npos) {
        throw std::runtime_error("cannot start PostgreSQL in '" + folder().string() +
                                 "': its path has a quote");
    }
    hand_to_server_user(folder());
    const RunResult made = run_as_server_user(bin_ / "initdb",
                                              {"-D", (folder() / "data").string(), "--auth=trust",
                                               std::string("--username=") + superuser, "--locale=C",
                                               "--encoding=UTF8", "--no-sync", "--no-instructions"},
                                              folder());
    if (made.exit_code != 0) {
        fail("initdb failed", made);
    }
    // The OS picks a free port, but only the server can keep it: another process may take it
    // between closed_port letting it go and the server binding it. Then a new one is tried.
    for (int attempt = 1;; ++attempt) {
        port_ = closed_port();
        const RunResult started = try_start();
        if (started.exit_code == 0) {
            return;
        }
        if (attempt == 3 || log().find("Address already in use") == std::string::npos) {
            fail("PostgreSQL did not start; its log:\n" + log() + "\npg_ctl", started);
        }
    }
}

RunResult PostgresServer::try_start()
{
    // pg_ctl waits (-w) until the server has marked itself ready in postmaster.pid, which it
    // does once it accepts connections; its output goes to the log, not to pg_ctl's pipes,
    // which run_process would otherwise wait on for as long as the server runs.
    const std::string options = "-p " + std::to_string(port_) + " -k '" + folder().string() +
                                "' -c listen_addresses=127.0.0.1 -c max_connections=300"
                                " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    return run_as_server_user(bin_ / "pg_ctl",
                              {"-D", (folder() / "data").string(), "-l",
                               (folder() / "server.log").string(), "-w", "-t", "60", "-o", options,
                               "start"},
                              folder());
}

PostgresServer::~PostgresServer() = default;

std::string PostgresServer::url(const std::string& database) const
{
    return std::string("postgresql://") + superuser + "@127.0.0.1:" + std::to_string(port_) + "/" +
           database;
}

RunResult PostgresServer::psql(const std::string& database, const std::string& sql) const
{
    // -X: no ~/.psqlrc, which would change what it prints.
    return run_process((bin_ / "psql").string(),
                       {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                        std::to_string(port_), "-U", superuser, "-d", database, "-c", sql},
                       folder());
}

// Through a connection kept open rather than createdb: the end-to-end tests on PostgreSQL make a
// database for each scratch home, and a process started for each would cost more than the
// database. FILE_COPY copies the template's files where the default strategy writes them all to
// the WAL: 110 ms a database rather than 250 ms on a loaded 2-core machine.
void PostgresServer::create_database(const std::string& name) const
{
    const std::lock_guard held(admin_lock_);
    try {
        if (!admin_) {
            admin_ = std::make_unique<store::PgConnection>(url("postgres") +
                                                           "?application_name=" + admin_name);
        }
        admin_->execute(("CREATE DATABASE \"" + name + "\" STRATEGY FILE_COPY").c_str());
    } catch (const Error& error) {
        throw std::runtime_error("cannot create the database '" + name + "': " + error.what());
    }
}

std::string PostgresServer::create_fresh_database(const std::string& prefix)
{
    const std::string name = prefix + "_" + std::to_string(++databases_made_);
    create_database(name);
    return name;
}

int PostgresServer::connection_count() const
{
    const RunResult counted = psql("postgres", "SELECT count(*) FROM pg_stat_activity"
                                               " WHERE backend_type = 'client backend'"
                                               " AND pid <> pg_backend_pid()"
                                               " AND application_name <> '" +
                                                   std::string(admin_name) + "'");
    if (counted.exit_code != 0) {
        fail("cannot count the connections", counted);
    }
    return std::stoi(counted.out);
}

void PostgresServer::stop()
{
    {
        const std::lock_guard held(admin_lock_);
        admin_.reset(); // the server cuts it off
    }
    const RunResult stopped = run_as_server_user(
        bin_ / "pg_ctl", {"-D", (folder() / "data").string(), "-m", "fast", "-w", "stop"},
        folder());
    if (stopped.exit_code != 0) {
        fail("PostgreSQL did not stop", stopped);
    }
}

void PostgresServer::start()
{
    const RunResult started = try_start();
    if (started.exit_code != 0) {
        fail("PostgreSQL did not start again on port " + std::to_string(port_) + "; its log:\n" +
                 log() + "\npg_ctl",
             started);
    }
}

void PostgresServer::restart()
{
    stop();
    start();
}

std::string PostgresServer::log() const
{
    std::ifstream file(folder() / "server.log");
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

PostgresServer* shared_postgres_server()
{
    if (!postgres_bin_folder()) {
        return nullptr;
    }
    // Started once even when several threads ask at once; its destructor runs at exit.
    static PostgresServer server;
    return &server;
}

} // namespace apicat::test

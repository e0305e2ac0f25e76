#pragma once

// A real PostgreSQL server for tests, made and started by the tests themselves: Debian's
// postgresql package, a throwaway cluster in a scratch folder, on 127.0.0.1.

#include "support/exit_command.hpp"
#include "support/run_apicat.hpp"
#include "support/scratch_dir.hpp"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace apicat::store {
class PgConnection;
}

namespace apicat::test {

// The bin folder of the newest PostgreSQL installed (/usr/lib/postgresql/<version>/bin, the
// one with initdb), if any.
std::optional<std::filesystem::path> postgres_bin_folder();

// What a test prints when it skips for want of PostgreSQL.
std::string postgres_missing_reason();

// A cluster made with initdb in a fresh scratch folder: trust authentication, superuser
// "postgres", locale C. Its server listens on 127.0.0.1 on a port the OS picked, its unix
// socket in the folder, with fsync and the like off (a test's data need not survive a power
// cut) and room for 300 connections. When the tests run as root, initdb and the server run as
// the `postgres` user (runuser), since PostgreSQL refuses to run as root.
//
// The server is a daemon (pg_ctl), so it does not die with the test process by itself: the
// destructor stops it (fast mode: open connections are cut) and removes the folder, and so does
// a watcher (ExitCommand) when the test process crashes or is killed instead, within a second or
// so. Only if the watcher is killed too (kill -9 of everything, say) does a server outlive its
// tests: `pgrep -a postgres` shows it, with its folder, $TMPDIR/apicat-test-XXXXXX.
class PostgresServer {
public:
    // Makes the cluster and starts the server, waiting until it accepts connections. Throws
    // std::runtime_error, with initdb's or the server's own words, when either fails.
    PostgresServer();
    // Stops the server (fast mode) and removes the folder: cleanup_'s job.
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    int port() const { return port_; }
    const std::filesystem::path& folder() const { return folder_.path(); }

    // postgresql://postgres@127.0.0.1:PORT/DATABASE
    std::string url(const std::string& database) const;

    // Runs `sql` with psql as the superuser, in `database`: unaligned rows, no headers, stopping
    // at the first error. Throws when psql cannot be run, not when the SQL fails.
    RunResult psql(const std::string& database, const std::string& sql) const;

    // Creates an empty database; throws if it cannot (one of that name exists, say). Thread-safe.
    void create_database(const std::string& name) const;
    // Creates an empty database named "<prefix>_N", N counting the databases this object has
    // made so: a name no other test has. Returns the name. Thread-safe.
    std::string create_fresh_database(const std::string& prefix);

    // The clients connected now, not counting the connection that asks nor create_database's.
    int connection_count() const;

    // Stop (fast mode) and start again, on the same port with the same data; each waits until
    // done and throws on failure.
    void stop();
    void start();
    void restart();

    // What the server has written to its log.
    std::string log() const;

private:
    RunResult try_start();

    std::filesystem::path bin_;
    ScratchDir folder_;
    ExitCommand cleanup_; // after folder_, so that it goes first
    int port_ = 0;
    std::atomic<int> databases_made_ = 0;
    // create_database's connection to the "postgres" database, made at its first use.
    mutable std::mutex admin_lock_;
    mutable std::unique_ptr<store::PgConnection> admin_;
};

// One server for the whole test process, started by the first call (thread-safe), stopped when
// the process exits; nullptr when PostgreSQL is not installed. Tests share it, so each uses
// databases of its own and leaves the server running.
PostgresServer* shared_postgres_server();

} // namespace apicat::test

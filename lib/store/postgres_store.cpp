#include "store/postgres_store.hpp"

#include "store/back_off.hpp"
#include "store/postgres_connection.hpp"
#include "store/postgres_schema.hpp"
#include "store/postgres_transaction.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>

namespace apicat::store {

namespace {

using Clock = std::chrono::steady_clock;

// How long a transaction that met a serialization failure or a deadlock keeps being run again,
// as long as SQLite's busy timeout waits for a writer: under SERIALIZABLE, writers that touch
// the same index pages at once make all but one of them start again, and a store's tables are
// small enough that most writers touch the same pages. Sixteen threads writing 20 apps each
// run a write up to 19 times (tests/test_store_contract.cpp); a fixed 10 rounds failed some.
constexpr auto retry_time = std::chrono::seconds(10);
// The longest pause between two rounds.
constexpr int longest_back_off_ms = 100;
// How soon after a failed connection a broken store tries again: a gateway polls every few
// milliseconds, and a server that is down should not get a connection attempt for each poll.
constexpr auto reconnect_pause = std::chrono::milliseconds(250);

class PostgresStore final : public Store {
public:
    explicit PostgresStore(const std::string& url)
        : db_(url)
    {
    }

    PgConnection& connection() { return db_; }

    // REPEATABLE READ: one snapshot for the whole read, as a SQLite read transaction sees.
    void read(const std::function<void(Transaction&)>& work) override
    {
        run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", work);
    }

    // SERIALIZABLE: the outcome of commands that ran at once is that of some order of them,
    // as on SQLite with its one writer; the ones that could not be ordered run again.
    void write(const std::function<void(Transaction&)>& work) override
    {
        run("BEGIN ISOLATION LEVEL SERIALIZABLE", work);
        ++version_;
    }

    // READ COMMITTED with the keys' advisory locks (PostgresTransaction::rate_window): each
    // read of a window sees every count committed before it, and counters of one key wait for
    // each other rather than fail and start again, as they would under SERIALIZABLE.
    //
    // The commit does not wait for the disk (synchronous_commit off, for this transaction
    // only): a count is visible to the next counter as soon as it commits, so counting stays
    // exact, and only a crash of the database server can lose the last fraction of a second of
    // counts. Waiting for the disk at every call made counting the gateway's bottleneck
    // (bench/RESULTS-team.md).
    void count_calls(const std::function<void(Transaction&)>& work) override
    {
        run("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit = off", work);
    }

    // Notifications on changes_channel, which every write that changes the change sequence
    // sends when it commits. Reading them only reads what the socket already holds.
    std::uint64_t data_version() override
    {
        if (!db_.ok()) {
            connect_again();
        }
        if (!listening_) {
            db_.execute(fmt::format("LISTEN {}", changes_channel).c_str());
            listening_ = true;
        }
        try {
            if (db_.take_notifications() > 0) {
                ++version_;
            }
        } catch (const PostgresError& error) {
            if (!error.connection_lost()) {
                throw;
            }
            connect_again();
        }
        return version_;
    }

private:
    void run(const char* begin, const std::function<void(Transaction&)>& work);
    void connect_again();

    PgConnection db_;
    bool listening_ = false;
    std::uint64_t version_ = 0;
    Clock::time_point next_connect_ = Clock::time_point::min();
    std::optional<PostgresConnectionError> connect_failure_;
};

// A transaction that lost its connection before COMMIT was sent rolled back on the server, and
// runs once more on a new connection; one lost during COMMIT may have committed, so its failure
// is the command's. When no connection can be made, the command fails at once.
void PostgresStore::run(const char* begin, const std::function<void(Transaction&)>& work)
{
    bool reconnected = false;
    const Clock::time_point give_up = Clock::now() + retry_time;
    for (int round = 1;; ++round) {
        if (!db_.ok()) {
            connect_again();
        }
        bool committing = false;
        try {
            db_.execute(begin);
            PostgresTransaction transaction(db_);
            work(transaction);
            transaction.record_changes();
            committing = true;
            db_.execute("COMMIT");
            return;
        } catch (const PostgresError& error) {
            db_.rollback_quietly();
            if (error.connection_lost() && !committing && !reconnected) {
                reconnected = true;
                continue;
            }
            if (!error.retryable() || Clock::now() >= give_up) {
                throw;
            }
        } catch (...) {
            db_.rollback_quietly();
            throw;
        }
        // Longer as the rounds go, up to a limit.
        sleep_randomly(1, std::min(5 * round * round, longest_back_off_ms));
    }
}

// After a failed attempt, the next waits reconnect_pause, failing meanwhile with the same
// error. A new connection may have missed notifications: the version moves, so that a
// gateway reads the change sequence again.
void PostgresStore::connect_again()
{
    const Clock::time_point now = Clock::now();
    if (now < next_connect_ && connect_failure_) {
        throw *connect_failure_;
    }
    next_connect_ = now + reconnect_pause;
    try {
        db_.reconnect();
        if (listening_) {
            db_.execute(fmt::format("LISTEN {}", changes_channel).c_str());
        }
    } catch (const PostgresConnectionError& error) {
        connect_failure_ = error;
        throw;
    }
    connect_failure_.reset();
    ++version_;
}

} // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url)
{
    auto store = std::make_unique<PostgresStore>(url);
    migrate_postgres(store->connection());
    return store;
}

std::unique_ptr<Store> open_postgres_store_read_only(const std::string& url)
{
    auto store = std::make_unique<PostgresStore>(url);
    if (!postgres_schema_is_current(store->connection())) {
        return nullptr;
    }
    return store;
}

} // namespace apicat::store

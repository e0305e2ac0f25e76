#include "store/sqlite_store.hpp"

#include "store/back_off.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_transaction.hpp"
#include "util/system_error.hpp"

#include "errors.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace apicat::store {

namespace fs = std::filesystem;

namespace {

// Long enough for every other writer's transaction to finish: each command runs one, and
// they are small.
constexpr int busy_timeout_ms = 10000;
// Rounds of a transaction that found the store busy even after the timeout.
constexpr int attempts = 4;

[[noreturn]] void fail_to_create(const fs::path& path, int error)
{
    throw Error("cannot create '" + path.string() + "': " + util::describe_errno(error),
                "check that you may write to '" + path.parent_path().string() + "'");
}

// mkdir -p, but each folder made is 0700 (the XDG base directory spec asks the same), as
// the store holds secrets. Folders that exist keep their modes: they are the user's.
void make_private_folder(const fs::path& folder)
{
    std::error_code error;
    if (folder.empty() || fs::is_directory(folder, error)) {
        return;
    }
    if (folder.has_parent_path() && folder.parent_path() != folder) {
        make_private_folder(folder.parent_path());
    }
    if (::mkdir(folder.c_str(), 0700) == 0) {
        // The umask may have taken bits from 0700 that apicat needs to use its own folder.
        ::chmod(folder.c_str(), 0700);
        return;
    }
    const int failure = errno;
    // EEXIST: another process opening the store may have made it just now; or a file is
    // in the way.
    if (failure != EEXIST) {
        fail_to_create(folder, failure);
    }
    if (!fs::is_directory(folder, error)) {
        fail_to_create(folder, ENOTDIR);
    }
}

// Creates the database 0600 before SQLite opens it. SQLite gives its -wal, -shm and journal
// files the mode of the database, so they are 0600 too. (A umask of 077 around opening would
// not do: umask is per process, so threads opening stores at once would trade masks, and the
// -wal and -shm files appear only at the first transaction, after the open.) A database that
// exists keeps its mode: the user may have chosen it.
void create_private_file(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno != EEXIST) {
            fail_to_create(file, errno);
        }
        return;
    }
    ::fchmod(fd, 0600); // as for the folder: the umask must not leave apicat a read-only store
    ::close(fd);
}

// Runs `attempt` again while SQLite finds the store busy. The busy timeout makes that rare,
// but WAL recovery or a journal mode change can still answer busy without waiting.
void retry_while_busy(const std::function<void()>& attempt)
{
    for (int round = 1;; ++round) {
        try {
            attempt();
            return;
        } catch (const SqliteError& error) {
            if (!error.busy() || round == attempts) {
                throw;
            }
        }
        sleep_randomly(10, 50 * round);
    }
}

// Damage SQLite would otherwise report only when a command reaches the damaged page, maybe
// halfway through its work (the transaction then rolls back: nothing is half-written).
// quick_check reads every page but skips the costlier index checks: about 5 ms on a store
// with 10,000 apps, half a second with a million, on every command. So only stores up to
// 1 MB (a few hundred apps, about a millisecond) are checked at open; larger ones rely on
// SQLite's checks of each page it reads, which refuse with the same message.
constexpr std::int64_t pages_checked_at_open = 256;

void check_integrity(Connection& db)
{
    Statement pages(db, "PRAGMA page_count");
    if (pages.step() && pages.integer(0) > pages_checked_at_open) {
        return;
    }
    pages.reset();
    Statement check(db, "PRAGMA quick_check(1)");
    if (!check.step() || check.text(0) == "ok") {
        return;
    }
    // "*** in database main ***\nPage 3: ...": one line, without the banner.
    std::string finding = check.text(0);
    const std::string banner = "*** in database main ***\n";
    if (finding.starts_with(banner)) {
        finding.erase(0, banner.size());
    }
    std::replace(finding.begin(), finding.end(), '\n', ' ');
    throw_not_a_store(db.path(), finding);
}

// Up to 128 MiB of pages while a write runs, taken only as it touches them: a bulk import of
// a million apps inserts into indexes far larger than SQLite's 2 MiB default, which then
// spills and rereads pages (app import at 1,000,000 apps: 20,700 -> 23,900 apps/s). Reads keep
// the default, and the pages go when the write ends: a gateway that reads apps one by one for
// days would otherwise keep every page it ever read (153 MB at 1,000,000 apps).
class WritersPageCache {
public:
    explicit WritersPageCache(Connection& db)
        : db_(db)
    {
        db_.execute("PRAGMA cache_size = -131072");
    }
    ~WritersPageCache()
    {
        try {
            db_.execute("PRAGMA cache_size = -2000"); // SQLite's default, in KiB
        } catch (...) {
            // Only memory is at stake: the store is as the write left it.
        }
    }
    WritersPageCache(const WritersPageCache&) = delete;
    WritersPageCache& operator=(const WritersPageCache&) = delete;

private:
    Connection& db_;
};

class SqliteStore final : public Store {
public:
    SqliteStore(const fs::path& database, OpenMode mode,
                LogAtClose at_close = LogAtClose::checkpoint);

    void read(const std::function<void(Transaction&)>& work) override
    {
        retry_while_busy([&] { run("BEGIN", work); });
    }

    // IMMEDIATE takes the write lock up front, where the busy timeout waits for it; a
    // deferred transaction that tries to upgrade later fails at once instead.
    void write(const std::function<void(Transaction&)>& work) override
    {
        const WritersPageCache cache(db_);
        retry_while_busy([&] { run("BEGIN IMMEDIATE", work); });
        ++version_;
    }

    // SQLite's data_version changes when another connection commits, never for this one's own
    // commits, which write() counts instead.
    std::uint64_t data_version() override
    {
        // Prepared once: the gateway asks before every request. Most of what is left is
        // SQLite's read lock, about 4 microseconds.
        if (!data_version_pragma_) {
            data_version_pragma_.emplace(db_, "PRAGMA data_version");
        }
        const std::int64_t seen =
            data_version_pragma_->step() ? data_version_pragma_->integer(0) : 0;
        data_version_pragma_->reset(); // ends the read transaction the step began
        if (seen != others_version_) {
            others_version_ = seen;
            ++version_;
        }
        return version_;
    }

private:
    void run(const char* begin, const std::function<void(Transaction&)>& work);

    Connection db_;
    std::uint64_t version_ = 0;
    std::int64_t others_version_ = 0;
    std::optional<Statement> data_version_pragma_; // after db_, which it needs to finalize
};

SqliteStore::SqliteStore(const fs::path& database, OpenMode mode, LogAtClose at_close)
    : db_(database, mode)
{
    db_.set_busy_timeout(busy_timeout_ms);
    if (at_close == LogAtClose::leave) {
        db_.leave_log_at_close();
    }
    if (mode == OpenMode::read_only) {
        retry_while_busy([&] { require_current_schema(db_); });
        return;
    }
    db_.execute("PRAGMA foreign_keys = ON");
    // In WAL mode NORMAL still never corrupts; a power cut may only lose the last commits.
    db_.execute("PRAGMA synchronous = NORMAL");
    // Savepoints keep the pages they change in a statement journal, which past 64 KiB SQLite
    // writes to a temporary file: `app import` takes a savepoint per batch of 256 apps, and its
    // million apps made 3,005,384 writes to files (three per page of the finished store).
    // In memory, a batch's journal is a few MB at most, and gone when the batch is done.
    db_.execute("PRAGMA temp_store = MEMORY");
    retry_while_busy([&] {
        migrate(db_);
        db_.execute("PRAGMA journal_mode = WAL");
        check_integrity(db_);
    });
}

void SqliteStore::run(const char* begin, const std::function<void(Transaction&)>& work)
{
    db_.execute(begin);
    try {
        SqliteTransaction transaction(db_);
        work(transaction);
        transaction.record_changes();
        db_.execute("COMMIT");
    } catch (...) {
        db_.rollback_quietly();
        throw;
    }
}

} // namespace

std::unique_ptr<Store> open_sqlite_store(const fs::path& home, LogAtClose at_close)
{
    make_private_folder(home);
    const fs::path database = home / "apicat.db";
    create_private_file(database);
    return std::make_unique<SqliteStore>(database, OpenMode::read_write, at_close);
}

std::unique_ptr<Store> open_sqlite_store_read_only(const fs::path& home)
{
    const fs::path database = home / "apicat.db";
    std::error_code error;
    if (!fs::is_regular_file(database, error)) {
        return nullptr;
    }
    return std::make_unique<SqliteStore>(database, OpenMode::read_only);
}

} // namespace apicat::store

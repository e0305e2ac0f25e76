#include "store/sqlite_connection.hpp"

#include <sqlite3.h>

namespace apicat::store {

namespace fs = std::filesystem;

namespace {

std::string hint_for(int code, const fs::path& path)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
        return "another process kept the store locked for too long; try again";
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
        return "check that you may read and write '" + path.parent_path().string() +
               "' and the files in it";
    case SQLITE_FULL:
        return "free some disk space and try again";
    case SQLITE_IOERR:
        // What a write that cannot land looks like when the disk did not say ENOSPC: a file
        // size limit, a quota, a failing or vanished device. Nothing of it was committed.
        return "the store is unchanged; check that the disk under '" + path.parent_path().string() +
               "' has room and works, then try again";
    default:
        return {};
    }
}

// The one place where SQLite's failures become apicat's.
[[noreturn]] void throw_error(int code, const fs::path& path, const std::string& detail)
{
    const int primary = code & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
        throw_not_a_store(path, detail);
    }
    if (primary == SQLITE_BUSY) {
        throw SqliteError(code, path.string() + ": the store is busy (" + detail + ")",
                          hint_for(code, path));
    }
    if (primary == SQLITE_CONSTRAINT) {
        throw SqliteError(code, path.string() + ": the store refused the change (" + detail + ")",
                          {});
    }
    throw SqliteError(code, path.string() + ": " + detail, hint_for(code, path));
}

} // namespace

// A damaged file gets its own message, since the user's next step is to move it aside, not
// to debug it.
void throw_not_a_store(const fs::path& database, const std::string& detail)
{
    // A stale -wal file would be replayed into the new store, so it goes aside too.
    throw SqliteError(SQLITE_NOTADB,
                      database.string() + ": not an apicat store or damaged (" + detail + ")",
                      "move '" + database.string() +
                          "' and its -wal and -shm files aside; apicat then creates a new, "
                          "empty store");
}

bool SqliteError::busy() const noexcept
{
    return (code_ & 0xff) == SQLITE_BUSY;
}

Statement::Statement(Connection& connection, std::string_view sql)
    : connection_(connection)
{
    const int result = sqlite3_prepare_v2(connection.handle(), sql.data(),
                                          static_cast<int>(sql.size()), &statement_, nullptr);
    if (result != SQLITE_OK) {
        connection_.fail(result);
    }
}

Statement::~Statement()
{
    sqlite3_finalize(statement_);
}

Statement& Statement::bind(int index, std::string_view text)
{
    check_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind_unowned(int index, std::string_view text)
{
    check_bind(sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC,
                                   SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes)
{
    check_bind(
        sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t number)
{
    check_bind(sqlite3_bind_int64(statement_, index, number));
    return *this;
}

void Statement::check_bind(int result)
{
    if (result != SQLITE_OK) {
        connection_.fail(result);
    }
}

bool Statement::step()
{
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result != SQLITE_DONE) {
        connection_.fail(result);
    }
    return false;
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset() noexcept
{
    // What it returns is the last step's failure, which step() has reported already.
    sqlite3_reset(statement_);
}

std::string Statement::text(int column) const
{
    const auto* bytes = sqlite3_column_text(statement_, column);
    if (bytes == nullptr) {
        return {};
    }
    return {reinterpret_cast<const char*>(bytes),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::string Statement::blob(int column) const
{
    const void* bytes = sqlite3_column_blob(statement_, column);
    if (bytes == nullptr) {
        return {};
    }
    return {static_cast<const char*>(bytes),
            static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(statement_, column);
}

bool Statement::is_null(int column) const
{
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

Connection::Connection(const fs::path& path, OpenMode mode)
    : path_(path)
{
    // Before SQLite's first use in the process: apicat never asks for SQLite's memory
    // statistics, whose counting takes a global mutex on every allocation (app import of
    // 1,000,000 apps spent 4.5% there). Too late, should SQLite be in use already: then it
    // only counts on.
    static const int memory_statistics_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    static_cast<void>(memory_statistics_off);
    // Read-only still opens for writing, but never creates, and refuses every change with
    // query_only. SQLITE_OPEN_READONLY would not do: on a WAL database it leaves behind the
    // -wal and -shm files it needs, which only a writable connection removes when it closes.
    // NOMUTEX: a connection is used by one thread at a time (the gateway's store has a mutex
    // of its own), so SQLite's lock around every call of it is only cost.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                      (mode == OpenMode::read_only ? 0 : SQLITE_OPEN_CREATE);
    const int result = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (result != SQLITE_OK) {
        // SQLite hands out a handle even when opening fails, to carry the message.
        const std::string detail = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(result);
        sqlite3_close(db_);
        throw_error(result, path_, detail);
    }
    sqlite3_extended_result_codes(db_, 1);
    if (mode == OpenMode::read_only) {
        execute("PRAGMA query_only = ON");
    }
}

void Connection::leave_log_at_close()
{
    const int result = sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    if (result != SQLITE_OK) {
        fail(result);
    }
}

Connection::~Connection()
{
    sqlite3_close_v2(db_);
}

void Connection::execute(const char* sql)
{
    const int result = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (result != SQLITE_OK) {
        fail(result);
    }
}

void Connection::rollback_quietly() noexcept
{
    // Should ROLLBACK itself fail, nothing of the transaction is committed all the same:
    // SQLite rolls it back when the connection closes.
    if (in_transaction()) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

bool Connection::in_transaction() const noexcept
{
    return sqlite3_get_autocommit(db_) == 0;
}

void Connection::set_busy_timeout(int milliseconds)
{
    const int result = sqlite3_busy_timeout(db_, milliseconds);
    if (result != SQLITE_OK) {
        fail(result);
    }
}

std::int64_t Connection::changes() const
{
    return sqlite3_changes64(db_);
}

void Connection::fail(int code) const
{
    throw_error(code, path_, sqlite3_errmsg(db_));
}

} // namespace apicat::store

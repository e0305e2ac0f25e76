#pragma once

// One SQLite connection and its prepared statements. Every SQLite failure becomes an
// apicat::Error here, in one place, with the database file in the message. <sqlite3.h> stays
// out of this header: only the store's .cpp files see it.

#include "errors.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace apicat::store {

// A failure SQLite reported. Its extended result code is kept because a busy store is worth
// retrying where other failures are not.
class SqliteError : public Error {
public:
    SqliteError(int code, const std::string& message, std::string hint)
        : Error(message, std::move(hint))
        , code_(code)
    {
    }

    // Another connection held the lock past the busy timeout, or where SQLite does not wait.
    bool busy() const noexcept;

private:
    int code_;
};

// Throws "<database>: not an apicat store or damaged (<detail>)", with the hint to move the
// file aside.
[[noreturn]] void throw_not_a_store(const std::filesystem::path& database,
                                    const std::string& detail);

class Connection;

// One prepared statement. Parameters are numbered from 1 and columns from 0, as in SQLite.
class Statement {
public:
    Statement(Connection& connection, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t number);
    // bind() without a copy: `text` must stay as it is until the statement has run and been
    // reset. For the rows of an import's batches, which bind a dozen strings per app.
    Statement& bind_unowned(int index, std::string_view text);
    Statement& bind_blob(int index, std::string_view bytes);

    // Runs the statement to its next row: false once it is done.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    // Makes the statement ready to run again, ending the read it holds open while it has
    // rows left: a statement kept for reuse is reset after each run.
    void reset() noexcept;

    std::string text(int column) const;
    std::string blob(int column) const;
    std::int64_t integer(int column) const;
    bool is_null(int column) const;

private:
    void check_bind(int result);

    Connection& connection_;
    sqlite3_stmt* statement_ = nullptr;
};

enum class OpenMode {
    read_write, // creating the database if missing
    read_only,  // never writing, never creating: for answers that must not change anything
};

class Connection {
public:
    explicit Connection(const std::filesystem::path& path, OpenMode mode = OpenMode::read_write);
    ~Connection();
    // Statements refer to their connection, so it stays where it was opened.
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs SQL without parameters (pragmas, schema, BEGIN and COMMIT); rows are dropped.
    void execute(const char* sql);
    // Ends the open transaction, if any, without throwing: for unwinding after a failure,
    // when the first error is the one worth reporting.
    void rollback_quietly() noexcept;
    bool in_transaction() const noexcept;

    void set_busy_timeout(int milliseconds);
    // Closing leaves the write-ahead log for a later checkpoint instead of copying it into the
    // database and deleting it, which costs four fsyncs per process (the log's header and
    // folder again when the next one recreates it).
    void leave_log_at_close();
    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_; }

    // Throws the SqliteError for `code`, with the connection's last error message.
    [[noreturn]] void fail(int code) const;

private:
    std::filesystem::path path_;
    sqlite3* db_ = nullptr;
};

} // namespace apicat::store

#pragma once

// One PostgreSQL connection through libpq. Every failure libpq or the server reports becomes a
// PostgresError here, in one place, with the store's URL (its password redacted) in the
// message. <libpq-fe.h> stays out of this header: only the store's .cpp files see it.

#include "errors.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace apicat::store {

// A failure of the server or of the connection. The SQLSTATE is kept because serialization
// failures and deadlocks are worth retrying where other failures are not.
class PostgresError : public Error {
public:
    PostgresError(std::string sqlstate, bool connection_lost, const std::string& message,
                  std::string hint)
        : Error(message, std::move(hint))
        , sqlstate_(std::move(sqlstate))
        , connection_lost_(connection_lost)
    {
    }

    const std::string& sqlstate() const noexcept { return sqlstate_; }
    // 40001 (serialization failure) or 40P01 (deadlock): the transaction may be run again.
    bool retryable() const noexcept;
    // The connection broke (the server stopped or restarted, the network went away).
    bool connection_lost() const noexcept { return connection_lost_; }
    // 23505: a row of that key exists.
    bool unique_violation() const noexcept { return sqlstate_ == "23505"; }

private:
    std::string sqlstate_;
    bool connection_lost_;
};

// The connection broke or could not be made.
class PostgresConnectionError final : public PostgresError, public Unreachable {
public:
    PostgresConnectionError(const std::string& message, std::string hint)
        : PostgresError("08006", true, message, std::move(hint))
    {
    }
};

// The parameters of one statement, $1, $2, ... in the order added. Values are sent as text,
// bytes as binary; the builder owns them until the statement has run.
class PgParams {
public:
    PgParams& text(std::string_view value);
    PgParams& integer(std::int64_t value);
    PgParams& boolean(bool value);
    PgParams& bytes(std::string_view value);
    std::size_t size() const { return values_.size(); }

private:
    friend class PgConnection;
    std::vector<std::string> values_;
    std::vector<int> binary_;
};

// The rows of one statement, with text columns (a bytea column comes as its hex form, which
// bytes() decodes).
class PgResult {
public:
    explicit PgResult(pg_result* result);
    ~PgResult();
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&&) = delete;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    int rows() const;
    // Rows an INSERT, UPDATE or DELETE changed.
    std::int64_t changed() const;
    std::string text(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    bool boolean(int row, int column) const;
    std::string bytes(int row, int column) const;
    bool is_null(int row, int column) const;

private:
    pg_result* result_;
};

class PgConnection {
public:
    // Connects now; throws PostgresError (with a hint) when it cannot.
    explicit PgConnection(std::string url);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Runs one statement. Throws PostgresError on failure.
    PgResult run(std::string_view sql, const PgParams& params = {});
    // Runs SQL without parameters, maybe several statements (schema, BEGIN, COMMIT).
    void execute(const char* sql);
    // Ends the open transaction, if any, without throwing: for unwinding after a failure.
    void rollback_quietly() noexcept;
    // Goes back to the savepoint and releases it, without throwing: for unwinding a batch.
    void rollback_to_quietly(const char* savepoint) noexcept;

    // False once the connection broke; reconnect() makes a new one.
    bool ok() const;
    // Connects again, as the constructor did. Throws PostgresError when it cannot.
    void reconnect();

    // Notifications of channels LISTENed to on this connection that arrived since the last
    // call, without waiting: reads what the socket holds. Throws when the connection broke.
    int take_notifications();

    // The URL for messages, its password replaced with "***".
    const std::string& shown_url() const { return shown_url_; }

private:
    [[noreturn]] void fail(pg_result* result);

    std::string url_;
    std::string shown_url_;
    pg_conn* connection_ = nullptr;
};

// `url` with its password (postgresql://user:PASSWORD@host, or ?password=) replaced with
// "***": what apicat shows of a store's URL anywhere.
std::string redact_postgres_url(std::string_view url);

// True for postgresql:// and postgres:// URLs.
bool is_postgres_url(std::string_view location);

// Where `url` leads, "HOST:PORT/DATABASE", for telling whether two URLs name one database
// without connecting: libpq's defaults filled in (port 5432, the database named as the user),
// and the local host however it is named (localhost, 127.0.0.1, ::1, a socket folder, none)
// as "local". Empty when libpq cannot read the URL.
std::string postgres_database_key(const std::string& url);

} // namespace apicat::store

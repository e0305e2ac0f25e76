#include "store/postgres_connection.hpp"

#include "store/libpq.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <utility>

namespace apicat::store {

namespace {

// The hint for a failure to connect, by what libpq said.
std::string connect_hint(std::string_view message)
{
    if (message.find("password") != std::string_view::npos ||
        message.find("authentication") != std::string_view::npos) {
        return "give the password in the URL, in PGPASSWORD or in ~/.pgpass";
    }
    if (message.find("does not exist") != std::string_view::npos) {
        return "create the database first (createdb), or name another in the URL";
    }
    return "check that the PostgreSQL server runs and that the URL names it";
}

// libpq's messages end with a newline and may run over several lines: one line for apicat's.
std::string one_line(std::string message)
{
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    std::string line;
    for (char each : message) {
        const bool space = each == '\n' || each == '\t' || each == ' ';
        if (!space) {
            line += each;
        } else if (!line.empty() && line.back() != ' ') {
            line += ' ';
        }
    }
    return line;
}

// The server's notices ("relation already exists, skipping") are not apicat's output.
void ignore_notice(void*, const char*) {}

int hex_value(char digit)
{
    if (digit >= '0' && digit <= '9') {
        return digit - '0';
    }
    if (digit >= 'a' && digit <= 'f') {
        return digit - 'a' + 10;
    }
    return digit >= 'A' && digit <= 'F' ? digit - 'A' + 10 : -1;
}

} // namespace

bool PostgresError::retryable() const noexcept
{
    return sqlstate_ == "40001" || sqlstate_ == "40P01";
}

PgParams& PgParams::text(std::string_view value)
{
    values_.emplace_back(value);
    binary_.push_back(0);
    return *this;
}

PgParams& PgParams::integer(std::int64_t value)
{
    return text(std::to_string(value));
}

PgParams& PgParams::boolean(bool value)
{
    return text(value ? "true" : "false");
}

PgParams& PgParams::bytes(std::string_view value)
{
    values_.emplace_back(value);
    binary_.push_back(1);
    return *this;
}

PgResult::PgResult(pg_result* result)
    : result_(result)
{
}

PgResult::~PgResult()
{
    libpq().PQclear(result_);
}

PgResult::PgResult(PgResult&& other) noexcept
    : result_(std::exchange(other.result_, nullptr))
{
}

int PgResult::rows() const
{
    return libpq().PQntuples(result_);
}

std::int64_t PgResult::changed() const
{
    const char* count = libpq().PQcmdTuples(result_);
    std::int64_t value = 0;
    std::from_chars(count, count + std::char_traits<char>::length(count), value);
    return value;
}

std::string PgResult::text(int row, int column) const
{
    return {libpq().PQgetvalue(result_, row, column),
            static_cast<std::size_t>(libpq().PQgetlength(result_, row, column))};
}

std::int64_t PgResult::integer(int row, int column) const
{
    const char* value = libpq().PQgetvalue(result_, row, column);
    std::int64_t number = 0;
    std::from_chars(value, value + libpq().PQgetlength(result_, row, column), number);
    return number;
}

bool PgResult::boolean(int row, int column) const
{
    return libpq().PQgetvalue(result_, row, column)[0] == 't';
}

// A bytea column in text form is "\x" and two hex digits a byte.
std::string PgResult::bytes(int row, int column) const
{
    const std::string_view hex(libpq().PQgetvalue(result_, row, column),
                               static_cast<std::size_t>(libpq().PQgetlength(result_, row, column)));
    std::string decoded;
    if (hex.size() < 2 || hex[0] != '\\' || hex[1] != 'x') {
        return decoded;
    }
    decoded.reserve((hex.size() - 2) / 2);
    for (std::size_t at = 2; at + 1 < hex.size(); at += 2) {
        decoded.push_back(static_cast<char>(hex_value(hex[at]) * 16 + hex_value(hex[at + 1])));
    }
    return decoded;
}

bool PgResult::is_null(int row, int column) const
{
    return libpq().PQgetisnull(result_, row, column) != 0;
}

PgConnection::PgConnection(std::string url)
    : url_(std::move(url))
    , shown_url_(redact_postgres_url(url_))
{
    try {
        reconnect();
    } catch (...) {
        // A constructor that throws runs no destructor: the failed connection is freed here.
        libpq().PQfinish(connection_);
        throw;
    }
}

PgConnection::~PgConnection()
{
    libpq().PQfinish(connection_);
}

void PgConnection::reconnect()
{
    libpq().PQfinish(connection_);
    // The URL's own settings win over these: with expand_dbname, later keywords override
    // earlier ones. Without a timeout, connecting to a host that does not answer waits for
    // the system's TCP timeout, minutes.
    const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* values[] = {"10", "apicat", url_.c_str(), nullptr};
    connection_ = libpq().PQconnectdbParams(keywords, values, 1);
    if (libpq().PQstatus(connection_) != CONNECTION_OK) {
        const std::string message = one_line(libpq().PQerrorMessage(connection_));
        throw PostgresConnectionError(
            fmt::format("cannot connect to the store {}: {}", shown_url_, message),
            connect_hint(message));
    }
    libpq().PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
}

bool PgConnection::ok() const
{
    return libpq().PQstatus(connection_) == CONNECTION_OK;
}

PgResult PgConnection::run(std::string_view sql, const PgParams& params)
{
    std::vector<const char*> values;
    std::vector<int> lengths;
    values.reserve(params.size());
    lengths.reserve(params.size());
    for (const std::string& value : params.values_) {
        values.push_back(value.data());
        lengths.push_back(static_cast<int>(value.size()));
    }
    const std::string statement(sql);
    pg_result* result =
        libpq().PQexecParams(connection_, statement.c_str(), static_cast<int>(params.size()),
                             nullptr, values.data(), lengths.data(), params.binary_.data(), 0);
    const ExecStatusType status = libpq().PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail(result);
    }
    return PgResult(result);
}

void PgConnection::execute(const char* sql)
{
    pg_result* result = libpq().PQexec(connection_, sql);
    const ExecStatusType status = libpq().PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        fail(result);
    }
    libpq().PQclear(result);
}

void PgConnection::rollback_quietly() noexcept
{
    if (libpq().PQstatus(connection_) == CONNECTION_OK &&
        libpq().PQtransactionStatus(connection_) != PQTRANS_IDLE) {
        libpq().PQclear(libpq().PQexec(connection_, "ROLLBACK"));
    }
}

void PgConnection::rollback_to_quietly(const char* savepoint) noexcept
{
    if (libpq().PQstatus(connection_) == CONNECTION_OK) {
        const std::string sql = std::string("ROLLBACK TO ") + savepoint + "; RELEASE " + savepoint;
        libpq().PQclear(libpq().PQexec(connection_, sql.c_str()));
    }
}

int PgConnection::take_notifications()
{
    if (libpq().PQconsumeInput(connection_) == 0 ||
        libpq().PQstatus(connection_) != CONNECTION_OK) {
        fail(nullptr);
    }
    int count = 0;
    while (PGnotify* notification = libpq().PQnotifies(connection_)) {
        libpq().PQfreemem(notification);
        ++count;
    }
    return count;
}

void PgConnection::fail(pg_result* result)
{
    const char* state =
        result != nullptr ? libpq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state != nullptr ? state : "";
    const char* primary =
        result != nullptr ? libpq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message =
        one_line(primary != nullptr ? primary : libpq().PQerrorMessage(connection_));
    libpq().PQclear(result);
    const bool lost = libpq().PQstatus(connection_) != CONNECTION_OK;
    if (lost) {
        throw PostgresConnectionError(
            fmt::format("lost the connection to the store {}: {}", shown_url_,
                        message.empty() ? "the server closed it" : message),
            "check that the PostgreSQL server runs; apicat connects again by itself at its "
            "next use");
    }
    throw PostgresError(std::move(sqlstate), false, fmt::format("{}: {}", shown_url_, message), {});
}

std::string redact_postgres_url(std::string_view url)
{
    std::string shown(url);
    // postgresql://user:password@host: libpq reads credentials up to an '@' met before any '/',
    // whatever else the password holds ('?' included), so the password runs from the first ':'
    // after the scheme to the last '@' before the first '/'.
    const std::size_t scheme = shown.find("://");
    if (scheme != std::string::npos) {
        const std::size_t start = scheme + 3;
        const std::size_t at = shown.rfind('@', shown.find('/', start)); // npos: to the end
        if (at != std::string::npos && at >= start) {
            const std::size_t colon = shown.find(':', start);
            if (colon != std::string::npos && colon < at) {
                shown.replace(colon + 1, at - colon - 1, "***");
            }
        }
    }
    // ...?password=secret&...: the value of each parameter that holds a secret (the password,
    // and the passphrase of the client's key), up to the next '&'.
    const std::size_t query = shown.find('?');
    for (std::size_t start = query; start != std::string::npos && start < shown.size();) {
        ++start; // past the '?' or '&'
        std::size_t end = std::min(shown.find('&', start), shown.size());
        const std::size_t equals = shown.find('=', start);
        if (equals < end) {
            const std::string_view name(shown.data() + start, equals - start);
            if (name == "password" || name == "sslpassword") {
                shown.replace(equals + 1, end - equals - 1, "***");
                end = equals + 4;
            }
        }
        start = end < shown.size() ? end : std::string::npos;
    }
    return shown;
}

bool is_postgres_url(std::string_view location)
{
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string postgres_database_key(const std::string& url)
{
    char* error = nullptr;
    PQconninfoOption* options = libpq().PQconninfoParse(url.c_str(), &error);
    libpq().PQfreemem(error);
    if (options == nullptr) {
        return {};
    }
    std::string host;
    std::string address;
    std::string port;
    std::string database;
    std::string user;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        const std::string_view keyword = option->keyword;
        const std::string value = option->val != nullptr ? option->val : "";
        if (keyword == "host") {
            host = value;
        } else if (keyword == "hostaddr") {
            address = value;
        } else if (keyword == "port") {
            port = value;
        } else if (keyword == "dbname") {
            database = value;
        } else if (keyword == "user") {
            user = value;
        }
    }
    libpq().PQconninfoFree(options);
    if (!address.empty()) {
        host = address; // libpq connects to hostaddr, naming the server host only for TLS
    }
    if (host.empty() || host.starts_with('/') || host == "localhost" || host == "127.0.0.1" ||
        host == "::1") {
        host = "local";
    }
    return fmt::format("{}:{}/{}", host, port.empty() ? "5432" : port,
                       database.empty() ? user : database);
}

} // namespace apicat::store

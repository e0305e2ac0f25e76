#include "store/location.hpp"

#include "store/postgres_connection.hpp"
#include "store/postgres_store.hpp"

#include <cstdlib>

namespace apicat::store {

namespace fs = std::filesystem;

std::string StoreLocation::shown() const
{
    return kind == Kind::postgres ? redact_postgres_url(url) : home.string();
}

StoreLocation resolve_store(const std::string& store, const std::string& home)
{
    std::string named = store;
    if (named.empty()) {
        const char* variable = std::getenv("APICAT_STORE");
        named = variable != nullptr ? variable : ""; // empty counts as unset
    }
    if (named.empty()) {
        return StoreLocation{
            .kind = StoreLocation::Kind::sqlite, .home = resolve_home(home), .url = {}};
    }
    if (is_postgres_url(named)) {
        return StoreLocation{.kind = StoreLocation::Kind::postgres, .home = {}, .url = named};
    }
    // The database file itself names its home.
    fs::path path(named);
    std::error_code error;
    if (path.filename() == "apicat.db" && !fs::is_directory(path, error)) {
        path = path.parent_path();
    }
    return StoreLocation{.kind = StoreLocation::Kind::sqlite, .home = path, .url = {}};
}

bool same_store(const StoreLocation& a, const StoreLocation& b)
{
    if (a.kind != b.kind) {
        return false;
    }
    if (a.kind == StoreLocation::Kind::postgres) {
        const std::string key = postgres_database_key(a.url);
        return a.url == b.url || (!key.empty() && key == postgres_database_key(b.url));
    }
    // One folder by two paths (relative, through a link): the same once resolved.
    std::error_code error;
    if (fs::equivalent(a.home, b.home, error)) {
        return true;
    }
    std::error_code first_error;
    std::error_code second_error;
    const fs::path first = fs::weakly_canonical(a.home, first_error);
    const fs::path second = fs::weakly_canonical(b.home, second_error);
    return !first_error && !second_error && first == second;
}

std::unique_ptr<Store> open_store_at(const StoreLocation& location, LogAtClose at_close)
{
    if (location.kind == StoreLocation::Kind::postgres) {
        return open_postgres_store(location.url);
    }
    return open_sqlite_store(location.home, at_close);
}

std::unique_ptr<Store> open_store_read_only_at(const StoreLocation& location)
{
    if (location.kind == StoreLocation::Kind::postgres) {
        return open_postgres_store_read_only(location.url);
    }
    return open_sqlite_store_read_only(location.home);
}

} // namespace apicat::store

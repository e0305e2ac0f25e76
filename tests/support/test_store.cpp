#include "support/test_store.hpp"

#include "support/postgres_server.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

namespace apicat::test {

namespace fs = std::filesystem;

namespace {

// Homes and their databases, for the whole test process: tests run apicat from several threads.
struct Databases {
    std::mutex lock;
    std::map<fs::path, std::string> of_home; // the URL of each home's database
    std::set<fs::path> pinned_to_sqlite;
};

Databases& databases()
{
    static Databases all;
    return all;
}

// One spelling per folder, whichever way a test named it.
fs::path key_of(const fs::path& home)
{
    return fs::absolute(home).lexically_normal();
}

// The URL of `home`'s database, made when first asked for. A scratch folder's name is one of
// 62^6 drawn at random (mkdtemp), so a later test all but never meets a former one's home.
std::string database_url_for(const fs::path& home)
{
    PostgresServer* server = shared_postgres_server();
    if (server == nullptr) {
        throw std::runtime_error(postgres_missing_reason());
    }
    Databases& all = databases();
    const std::lock_guard held(all.lock);
    auto found = all.of_home.find(key_of(home));
    if (found == all.of_home.end()) {
        const std::string name = server->create_fresh_database("home");
        found = all.of_home.emplace(key_of(home), server->url(name)).first;
    }
    return found->second;
}

bool is_pinned_to_sqlite(const fs::path& home)
{
    Databases& all = databases();
    const std::lock_guard held(all.lock);
    return all.pinned_to_sqlite.contains(key_of(home));
}

} // namespace

bool testing_postgres()
{
    const char* named = std::getenv("APICAT_TEST_STORE");
    const std::string store = named != nullptr ? named : "";
    if (store.empty() || store == "sqlite") {
        return false;
    }
    if (store == "postgresql") {
        return true;
    }
    throw std::runtime_error("APICAT_TEST_STORE is '" + store +
                             "': the tests run on 'sqlite' (the default) or 'postgresql'");
}

std::optional<std::string> postgres_run_impossible()
{
    if (testing_postgres() && !postgres_bin_folder()) {
        return "the end-to-end tests on PostgreSQL: " + postgres_missing_reason();
    }
    return std::nullopt;
}

store::StoreLocation store_location_for(const fs::path& home)
{
    if (testing_postgres() && !is_pinned_to_sqlite(home)) {
        return store::StoreLocation{.kind = store::StoreLocation::Kind::postgres,
                                    .home = {},
                                    .url = database_url_for(home)};
    }
    return store::StoreLocation{
        .kind = store::StoreLocation::Kind::sqlite, .home = home, .url = {}};
}

Environment store_environment_for(const fs::path& home)
{
    const store::StoreLocation location = store_location_for(home);
    return {{"APICAT_STORE",
             location.kind == store::StoreLocation::Kind::postgres ? location.url : ""}};
}

std::string stored_bytes(const fs::path& home)
{
    const store::StoreLocation location = store_location_for(home);
    std::string all;
    if (location.kind == store::StoreLocation::Kind::postgres) {
        const RunResult dumped =
            run_process((*postgres_bin_folder() / "pg_dump").string(), {"-d", location.url}, "/");
        if (dumped.exit_code != 0) {
            throw std::runtime_error("pg_dump failed: " + dumped.err);
        }
        return dumped.out;
    }
    std::error_code missing;
    for (const auto& entry : fs::recursive_directory_iterator(home, missing)) {
        if (entry.is_regular_file()) {
            std::ifstream file(entry.path(), std::ios::binary);
            all.append(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
    }
    return all;
}

void pin_to_sqlite(const fs::path& home)
{
    Databases& all = databases();
    const std::lock_guard held(all.lock);
    all.pinned_to_sqlite.insert(key_of(home));
}

fs::path home_of_run(const std::vector<std::string>& args, const fs::path& cwd,
                     const Environment& env)
{
    for (std::size_t at = 0; at < args.size() && args[at] != "--"; ++at) {
        if (args[at] == "--home" && at + 1 < args.size()) {
            return cwd / args[at + 1];
        }
        if (args[at].starts_with("--home=")) {
            return cwd / args[at].substr(7);
        }
    }
    for (const auto& [name, value] : env) {
        if (name == "APICAT_HOME" && !value.empty()) {
            return cwd / value;
        }
    }
    return cwd / "home";
}

} // namespace apicat::test

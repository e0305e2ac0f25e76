#include "support/store_kinds.hpp"

#include "support/postgres_server.hpp"
#include "support/scratch_dir.hpp"

#include "store/postgres_store.hpp"
#include "store/sqlite_store.hpp"

namespace apicat::test {

namespace {

// The home is made by the first open, as for a user's first command.
class SqlitePlace final : public StorePlace {
public:
    std::unique_ptr<store::Store> open() const override
    {
        return store::open_sqlite_store(dir_.path() / "home");
    }

private:
    ScratchDir dir_;
};

class PostgresPlace final : public StorePlace {
public:
    explicit PostgresPlace(std::string url)
        : url_(std::move(url))
    {
    }
    std::unique_ptr<store::Store> open() const override { return store::open_postgres_store(url_); }

private:
    std::string url_;
};

} // namespace

std::unique_ptr<StorePlace> SqliteStore::fresh()
{
    return std::make_unique<SqlitePlace>();
}

std::unique_ptr<StorePlace> PostgresStore::fresh()
{
    PostgresServer* server = shared_postgres_server();
    if (server == nullptr) {
        MESSAGE(postgres_missing_reason());
        return nullptr;
    }
    return std::make_unique<PostgresPlace>(server->url(server->create_fresh_database("store")));
}

} // namespace apicat::test

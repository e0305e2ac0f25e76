// apicat store copy: a whole store from SQLite to PostgreSQL or back, to move a catalog into a
// database a team shares, or out of it (docs/store.md, "Moving a store").

#include "commands.hpp"

#include "completion/value_kind.hpp"
#include "output.hpp"

#include "errors.hpp"
#include "store/location.hpp"
#include "store/store_copy.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

struct StoreCopyOptions {
    std::string from;
    std::string to;
};

// --from and --to name their stores themselves: an empty value must not fall back to
// APICAT_STORE or the home, as --store's does.
store::StoreLocation location_of(const std::string& option, const std::string& value)
{
    if (value.empty()) {
        throw UsageError(fmt::format("{} needs a store", option),
                         "an apicat home folder (or its apicat.db), or a postgresql:// URL");
    }
    return store::resolve_store(value, "");
}

void print_counts(const GlobalOptions& global, const store::StoreLocation& from,
                  const store::StoreLocation& to, const store::CopyCounts& counts)
{
    const auto read = counts.from.kinds();
    const auto written = counts.to.kinds();
    if (global.format() == OutputFormat::json) {
        Json kinds = Json::object();
        for (std::size_t i = 0; i < read.size(); ++i) {
            kinds[read[i].first] = {{"from", read[i].second}, {"to", written[i].second}};
        }
        print_json({{"from", from.shown()}, {"to", to.shown()}, {"counts", kinds}});
        return;
    }
    print_line(global, fmt::format("copied the store {} to {}", from.shown(), to.shown()));
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < read.size(); ++i) {
        rows.push_back(
            {read[i].first, std::to_string(read[i].second), std::to_string(written[i].second)});
    }
    print_table(global, {"KIND", "FROM", "TO"}, rows);
}

int run_store_copy(const StoreCopyOptions& options, const GlobalOptions& global)
{
    const store::StoreLocation from = location_of("--from", options.from);
    const store::StoreLocation to = location_of("--to", options.to);
    if (store::same_store(from, to)) {
        throw UsageError(fmt::format("--from and --to name the same store, {}", from.shown()),
                         "copy into another home folder or database");
    }
    // Read only: a mistyped --from must not leave an empty store behind.
    const std::unique_ptr<store::Store> source = store::open_store_read_only_at(from);
    if (!source) {
        throw Error(fmt::format("no apicat store at {}", from.shown()),
                    "--from takes an apicat home folder (or its apicat.db), or the postgresql:// "
                    "URL of a database apicat has used");
    }
    // Not cli::open_store(), which would make the default catalog in a new store: the
    // destination must stay empty until the copy fills it.
    const std::unique_ptr<store::Store> destination = store::open_store_at(to);
    store::CopyCounts counts;
    try {
        counts = store::copy_store(*source, *destination);
    } catch (const store::DestinationNotEmpty& error) {
        throw Error(fmt::format("{}: {}", to.shown(), error.what()), error.hint());
    }
    print_counts(global, from, to, counts);
    return 0;
}

void setup_store_copy(CLI::App& group, CommandContext context)
{
    auto options = std::make_shared<StoreCopyOptions>();
    auto* copy = group.add_subcommand(
        "copy", "Copy a whole store into an empty one, between SQLite and PostgreSQL");
    takes(copy->add_option("--from", options->from,
                           "The store to copy, only read: an apicat home folder (or its "
                           "apicat.db), or a postgresql:// URL"),
          ValueKind::directory)
        ->required();
    takes(copy->add_option("--to", options->to,
                           "The empty store to fill: a home folder (made if missing), or the "
                           "postgresql:// URL of an empty database"),
          ValueKind::directory)
        ->required();
    copy->footer(
        "Copies every catalog with its published products, apps (client IDs and secret digests:\n"
        "no secret is made again or shown), subscriptions and the calls kept for analytics, in\n"
        "one transaction: all of it lands or none does. --to must hold no catalog. Each kind of\n"
        "row is counted in both stores before the copy commits; any difference undoes it.\n"
        "Rate-limit windows are not copied: limits count afresh in the new store.\n"
        "Then point the commands and gateways at the new store with --store or APICAT_STORE.\n"
        "Examples:\n"
        "  apicat store copy --from ~/.local/share/apicat "
        "--to postgresql://apicat@db.example.com/apicat\n"
        "  apicat store copy --from postgresql://apicat@db.example.com/apicat --to ./home-copy "
        "-o json");
    copy->callback(
        [options, context] { context.exit_status = run_store_copy(*options, context.global); });
}

} // namespace

void setup_store_commands(CLI::App& app, CommandContext context)
{
    auto* group = app.add_subcommand("store", "The store itself: copy it to PostgreSQL and back");
    group->require_subcommand(1);
    group->footer("Example:\n  apicat store copy --from ~/.local/share/apicat "
                  "--to postgresql://apicat@db.example.com/apicat");
    setup_store_copy(*group, context);
}

} // namespace apicat::cli

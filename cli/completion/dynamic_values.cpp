#include "completion/dynamic_values.hpp"

#include "catalog/catalogs.hpp"
#include "catalog/published_operations.hpp"
#include "openapi/draft.hpp"
#include "store/location.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace apicat::cli {

namespace {

// The typed words, read the way the command line will be: which command, its options'
// values (by their last flag, "--catalog"), and its arguments so far.
struct TypedLine {
    const CommandSpec* command = nullptr;
    std::map<std::string, std::string> options;
    std::vector<std::string> arguments;

    std::string option(const std::string& flag, const std::string& otherwise = {}) const
    {
        auto found = options.find(flag);
        return found == options.end() ? otherwise : found->second;
    }

    // The first argument of `kind`: the draft whose definitions are wanted, say.
    std::optional<std::string> argument(ValueKind kind) const
    {
        for (std::size_t i = 0; i < command->arguments.size() && i < arguments.size(); ++i) {
            if (command->arguments[i].kind == kind) {
                return arguments[i];
            }
        }
        return std::nullopt;
    }
};

const OptionSpec* find_option(const CommandSpec& command, const CommandSpec& root,
                              const std::string& flag)
{
    for (const CommandSpec* at : {&command, &root}) {
        for (const OptionSpec& option : at->options) {
            if (std::find(option.flags.begin(), option.flags.end(), flag) != option.flags.end()) {
                return &option;
            }
        }
    }
    return nullptr;
}

TypedLine read_typed_words(const CommandSpec& root, const std::vector<std::string>& words)
{
    TypedLine line;
    line.command = &root;
    bool only_arguments = false;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& word = words[i];
        if (!only_arguments && word == "--") {
            only_arguments = true;
            continue;
        }
        if (!only_arguments && word.size() > 1 && word.front() == '-') {
            const std::size_t equals = word.find('=');
            const OptionSpec* option = find_option(*line.command, root, word.substr(0, equals));
            if (option != nullptr && option->takes_value) {
                std::string value = equals != std::string::npos ? word.substr(equals + 1)
                                    : i + 1 < words.size()      ? words[++i]
                                                                : "";
                line.options[option->flags.back()] = value;
            }
            continue;
        }
        auto subcommand =
            std::find_if(line.command->subcommands.begin(), line.command->subcommands.end(),
                         [&](const CommandSpec& candidate) { return candidate.name() == word; });
        if (!only_arguments && subcommand != line.command->subcommands.end()) {
            line.command = &*subcommand;
        } else {
            line.arguments.push_back(word);
        }
    }
    return line;
}

std::vector<std::string> unique(std::vector<std::string> names)
{
    std::vector<std::string> seen;
    for (std::string& name : names) {
        if (std::find(seen.begin(), seen.end(), name) == seen.end()) {
            seen.push_back(std::move(name));
        }
    }
    return seen;
}

std::vector<std::string> plan_names(const catalog::ProductSnapshot& product)
{
    std::vector<std::string> plans;
    for (const product::Plan& plan : product.plans.plans) { // none when they do not read
        plans.push_back(plan.name);
    }
    return plans;
}

// Values that live in the store. A store that does not exist yet has the catalog every
// first command creates.
std::vector<std::string> store_values(ValueKind kind, const TypedLine& line)
{
    auto store = store::open_store_read_only_at(
        store::resolve_store(line.option("--store"), line.option("--home")));
    if (!store) {
        return kind == ValueKind::catalog ? std::vector<std::string>{catalog::default_catalog}
                                          : std::vector<std::string>{};
    }
    const std::string catalog = line.option("--catalog", catalog::default_catalog);
    const std::string chosen_product = line.argument(ValueKind::product).value_or("");
    std::vector<std::string> values;
    store->read([&](store::Transaction& transaction) {
        if (kind == ValueKind::catalog) {
            for (const store::Catalog& each : transaction.catalogs()) {
                values.push_back(each.name);
            }
            return;
        }
        if (kind == ValueKind::app) {
            for (const store::App& app : transaction.apps(catalog)) {
                values.push_back(app.name);
            }
            return;
        }
        const catalog::PublishedProducts products =
            catalog::decode_products(transaction.products(catalog));
        if (kind == ValueKind::published_operation) {
            for (const auto& published : catalog::published_operations(products)) {
                values.push_back(published.full_name());
            }
            return;
        }
        for (const auto& product : products) {
            if (kind == ValueKind::product || kind == ValueKind::product_plan) {
                values.push_back(product->name);
            }
            for (const std::string& plan : plan_names(*product)) {
                if (kind == ValueKind::product_plan) {
                    values.push_back(product->name + ":" + plan);
                } else if (kind == ValueKind::plan && product->name == chosen_product) {
                    values.push_back(plan);
                }
            }
        }
    });
    return unique(std::move(values));
}

// Values that live in the draft named on the command line.
std::vector<std::string> draft_values(ValueKind kind, const TypedLine& line)
{
    const std::optional<std::string> file = line.argument(ValueKind::draft_file);
    if (!file) {
        return {};
    }
    const openapi::Draft draft = openapi::load_draft(*file);
    if (kind == ValueKind::definition) {
        return openapi::security_definition_names(draft);
    }
    std::vector<std::string> operations;
    for (const openapi::Operation& operation : openapi::list_operations(draft)) {
        operations.push_back(operation.ref.str());
    }
    return operations;
}

} // namespace

// What goes wrong (a draft that does not read, a store that is not one, a malformed snapshot)
// is reported as any command reports it: the completion scripts send it to /dev/null, so the
// prompt gets nothing, and someone running __complete by hand learns why.
int complete_values(const CommandSpec& root, const std::vector<std::string>& args)
{
    if (args.empty()) {
        return 0;
    }
    const std::optional<ValueKind> kind = dynamic_kind(args.front());
    if (!kind) {
        return 0;
    }
    std::vector<std::string> words(args.begin() + 1, args.end());
    if (!words.empty() && words.front() == "--") {
        words.erase(words.begin());
    }
    const TypedLine line = read_typed_words(root, words);
    const bool from_draft = kind == ValueKind::definition || kind == ValueKind::operation;
    for (const std::string& value :
         from_draft ? draft_values(*kind, line) : store_values(*kind, line)) {
        fmt::print("{}\n", value);
    }
    return 0;
}

} // namespace apicat::cli

#include "completion/value_kind.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace apicat::cli {

namespace {

struct KindNames {
    ValueKind kind;
    std::string_view type_name; // the placeholder --help shows
    std::string_view word;      // the completion scripts' name for it
    bool dynamic;               // its values come from `apicat __complete`
};

constexpr std::array kinds{
    KindNames{ValueKind::draft_file, "DRAFT", "draft-file", false},
    KindNames{ValueKind::product_file, "PRODUCT-FILE", "product-file", false},
    KindNames{ValueKind::any_file, "FILE", "file", false},
    KindNames{ValueKind::directory, "DIR", "directory", false},
    KindNames{ValueKind::catalog, "CATALOG", "catalog", true},
    KindNames{ValueKind::app, "APP", "app", true},
    KindNames{ValueKind::product, "PRODUCT", "product", true},
    KindNames{ValueKind::product_plan, "PRODUCT[:PLAN]", "product-plan", true},
    KindNames{ValueKind::plan, "PLAN", "plan", true},
    KindNames{ValueKind::definition, "DEFINITION", "definition", true},
    KindNames{ValueKind::operation, "OPERATION", "operation", true},
    KindNames{ValueKind::published_operation, "PUBLISHED-OPERATION", "published-operation", true},
};

// CLI11 appends each validator's description to the type name: "TEXT:{apiKey,basic}".
std::pair<std::string, std::string> split_type_name(const CLI::Option& option)
{
    const std::string full = option.get_type_name();
    const std::size_t colon = full.find(":{");
    if (colon == std::string::npos) {
        return {full, {}};
    }
    return {full.substr(0, colon), full.substr(colon + 1)};
}

} // namespace

CLI::Option* takes(CLI::Option* option, ValueKind kind)
{
    for (const KindNames& names : kinds) {
        if (names.kind == kind) {
            option->type_name(std::string(names.type_name));
        }
    }
    return option;
}

ValueKind value_kind(const CLI::Option& option)
{
    auto [type_name, validators] = split_type_name(option);
    if (!validators.empty()) {
        return ValueKind::choice;
    }
    for (const KindNames& names : kinds) {
        if (names.type_name == type_name) {
            return names.kind;
        }
    }
    return ValueKind::text;
}

std::vector<std::string> value_choices(const CLI::Option& option)
{
    std::string set = split_type_name(option).second; // "{apiKey,basic}"
    std::vector<std::string> choices;
    if (set.size() < 2) {
        return choices;
    }
    set = set.substr(1, set.find('}') - 1);
    std::size_t start = 0;
    while (start <= set.size()) {
        const std::size_t comma = std::min(set.find(',', start), set.size());
        choices.push_back(set.substr(start, comma - start));
        start = comma + 1;
    }
    return choices;
}

std::optional<ValueKind> dynamic_kind(std::string_view word)
{
    for (const KindNames& names : kinds) {
        if (names.dynamic && names.word == word) {
            return names.kind;
        }
    }
    return std::nullopt;
}

std::string_view kind_word(ValueKind kind)
{
    switch (kind) {
    case ValueKind::text:
        return "text";
    case ValueKind::choice:
        return "choice";
    default:
        break;
    }
    auto found = std::find_if(kinds.begin(), kinds.end(),
                              [kind](const KindNames& names) { return names.kind == kind; });
    return found->word;
}

} // namespace apicat::cli

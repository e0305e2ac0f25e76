#pragma once

// What the value of an option or argument is, so that shell completion can offer the right
// things: files of the right type, or names that exist in the store or in the draft named
// on the command line.
//
// The kind is kept as the option's type name, which --help shows as the value's placeholder
// ("--catalog CATALOG"), so the help and the completion cannot disagree.

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace apicat::cli {

enum class ValueKind {
    text,         // anything; nothing to offer
    choice,       // one of a fixed set (CLI::IsMember)
    draft_file,   // .yaml, .yml or .json
    product_file, // .yaml, .yml or .json
    any_file,
    directory,
    catalog,             // in the store
    app,                 // in the catalog of --catalog
    product,             // published in the catalog of --catalog
    product_plan,        // PRODUCT or PRODUCT:PLAN, published in the catalog
    plan,                // of the product given as an argument
    definition,          // a security definition of the draft given as an argument
    operation,           // 'GET /current' of the draft given as an argument
    published_operation, // 'GET /weather/current' published in the catalog
};

// Declares what `option` takes and returns it, for chaining as CLI11 does.
CLI::Option* takes(CLI::Option* option, ValueKind kind);

ValueKind value_kind(const CLI::Option& option);
// The allowed values of a choice; empty for other kinds.
std::vector<std::string> value_choices(const CLI::Option& option);

// The kinds whose values come from the store or a draft: the words `apicat __complete`
// takes ("catalog", "definition", ...).
std::optional<ValueKind> dynamic_kind(std::string_view word);
// A kind's word: "draft-file", "catalog", ...
std::string_view kind_word(ValueKind kind);

} // namespace apicat::cli

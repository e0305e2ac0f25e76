#pragma once

// The four tables the bash and zsh scripts declare, built once from the command tree: each
// shell only lists a cell's names in its own way and writes a table in its own syntax.

#include "completion/command_tree.hpp"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace apicat::cli {

// Rows keyed by a command line ("apicat app register") or, for option values, by the command
// line and the flag ("apicat app register|--catalog").
using TableRows = std::vector<std::pair<std::string, std::string>>;

struct CompletionTables {
    TableRows commands;      // the subcommands of each command that has some
    TableRows options;       // the options of each command
    TableRows option_values; // what the value of each option that takes one is
    TableRows arguments;     // the argument words of each command that takes some
};

// One cell of names, each with its description, as a shell's script reads it.
using ListNames = std::function<std::string(const TableRows& named)>;

CompletionTables completion_tables(const CommandSpec& root, const ListNames& list);

// How a shell's script declares one table: its name, a comment, its rows.
using WriteTable = std::function<std::string(const std::string& name, const std::string& comment,
                                             const TableRows& rows)>;

// The four tables, each with the comment that says what it holds, in the scripts' order.
std::string declared_tables(const CompletionTables& tables, const WriteTable& table);

} // namespace apicat::cli

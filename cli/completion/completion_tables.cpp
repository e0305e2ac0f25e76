#include "completion/completion_tables.hpp"

#include "completion/script_words.hpp"

namespace apicat::cli {

CompletionTables completion_tables(const CommandSpec& root, const ListNames& list)
{
    CompletionTables tables;
    for (const CommandSpec* command : all_commands(root)) {
        const std::string at = command->command_line();
        if (!command->subcommands.empty()) {
            TableRows named;
            for (const CommandSpec& subcommand : command->subcommands) {
                named.emplace_back(subcommand.name(), subcommand.description);
            }
            tables.commands.emplace_back(at, list(named));
        }
        TableRows flags;
        for (const OptionSpec& option : command->options) {
            for (const std::string& flag : option.flags) {
                flags.emplace_back(flag, option.description);
                if (option.takes_value) {
                    tables.option_values.emplace_back(at + "|" + flag,
                                                      value_word(option.kind, option.choices));
                }
            }
        }
        tables.options.emplace_back(at, list(flags));
        if (!command->arguments.empty()) {
            tables.arguments.emplace_back(at, argument_words(*command));
        }
    }
    return tables;
}

std::string declared_tables(const CompletionTables& tables, const WriteTable& table)
{
    return table("_apicat_commands", "The subcommands of each command.", tables.commands) +
           table("_apicat_options", "The options of each command.", tables.options) +
           table("_apicat_option_values",
                 "What the value of each option is, for the options that take one.",
                 tables.option_values) +
           table("_apicat_arguments",
                 "What each command's arguments are, in order; a last one marked * repeats.",
                 tables.arguments);
}

} // namespace apicat::cli

#include "completion/command_tree.hpp"

namespace apicat::cli {

namespace {

bool is_hidden(const CLI::App& command)
{
    return command.get_group().empty() || command.get_name().starts_with("__");
}

OptionSpec describe_option(const CLI::Option& option)
{
    OptionSpec spec;
    for (const std::string& name : option.get_snames()) {
        spec.flags.push_back("-" + name);
    }
    for (const std::string& name : option.get_lnames()) {
        spec.flags.push_back("--" + name);
    }
    spec.description = option.get_description();
    spec.takes_value = option.get_items_expected_max() > 0; // a flag expects none
    if (spec.takes_value) {
        spec.kind = value_kind(option);
        spec.choices = value_choices(option);
        spec.placeholder = option.get_type_name();
        spec.default_value = option.get_default_str();
    }
    spec.environment = option.get_envname();
    return spec;
}

ArgumentSpec describe_argument(const CLI::Option& option)
{
    ArgumentSpec spec;
    spec.name = option.get_name();
    spec.description = option.get_description();
    spec.kind = value_kind(option);
    spec.choices = value_choices(option);
    spec.required = option.get_required();
    spec.repeats = option.get_items_expected_max() > 1;
    return spec;
}

CommandSpec describe(const CLI::App& command, std::vector<std::string> words)
{
    CommandSpec spec;
    spec.words = std::move(words);
    spec.description = command.get_description();
    spec.group = command.get_group();
    spec.footer = command.get_footer();
    for (const CLI::Option* option : command.get_options()) {
        if (option->get_group().empty()) {
            continue; // hidden
        }
        if (option->get_positional()) {
            spec.arguments.push_back(describe_argument(*option));
        } else {
            spec.options.push_back(describe_option(*option));
        }
    }
    for (const CLI::App* subcommand :
         command.get_subcommands([](const CLI::App* any) { return any != nullptr; })) {
        if (is_hidden(*subcommand)) {
            continue;
        }
        std::vector<std::string> sub_words = spec.words;
        sub_words.push_back(subcommand->get_name());
        spec.subcommands.push_back(describe(*subcommand, std::move(sub_words)));
    }
    return spec;
}

} // namespace

std::string CommandSpec::command_line() const
{
    std::string line = "apicat";
    for (const std::string& word : words) {
        line += " " + word;
    }
    return line;
}

CommandSpec describe_commands(const CLI::App& app)
{
    return describe(app, {});
}

std::vector<const CommandSpec*> all_commands(const CommandSpec& root)
{
    std::vector<const CommandSpec*> commands{&root};
    for (const CommandSpec& subcommand : root.subcommands) {
        auto below = all_commands(subcommand);
        commands.insert(commands.end(), below.begin(), below.end());
    }
    return commands;
}

} // namespace apicat::cli

#include "command_words.hpp"

#include "errors.hpp"
#include "util/suggest.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

// The option `word` names ("--home", "--home=DIR", "-o", "-ojson"), looked up in `command`
// and the commands above it, whose options hold below them too.
const CLI::Option* find_option(const CLI::App* command, const std::string& word)
{
    std::string name = word.substr(0, word.find('='));
    if (!name.starts_with("--")) {
        name = name.substr(0, 2); // "-ojson" is -o with its value, "-qv" two flags
    }
    for (const CLI::App* at = command; at != nullptr; at = at->get_parent()) {
        if (const CLI::Option* option = at->get_option_no_throw(name)) {
            return option;
        }
    }
    return nullptr;
}

// Whether `option`, given as `word`, takes its value from the next word ("--home DIR", but
// not "--home=DIR", "-ojson" or a flag).
bool takes_next_word(const CLI::Option& option, const std::string& word)
{
    const bool value_attached =
        word.find('=') != std::string::npos || (!word.starts_with("--") && word.size() > 2);
    // A flag expects no items (its type size is still 1).
    return !value_attached && option.get_items_expected_max() > 0;
}

std::string spelled(const CLI::App* command, const std::string& word)
{
    std::string prefix = command_words(command);
    return prefix.empty() ? word : prefix + " " + word;
}

[[noreturn]] void unknown_option(const CLI::App* command, const std::string& word)
{
    std::vector<std::string> flags;
    for (const CLI::App* at = command; at != nullptr; at = at->get_parent()) {
        for (const CLI::Option* option : at->get_options()) {
            if (!option->get_positional()) {
                for (const std::string& name : option->get_lnames()) {
                    flags.push_back("--" + name);
                }
            }
        }
    }
    const std::string name = word.substr(0, word.find('='));
    const std::string where = command_words(command);
    std::string hint = util::did_you_mean(name, flags);
    throw UsageError(
        fmt::format("unknown option '{}' for 'apicat{}{}'", name, where.empty() ? "" : " ", where),
        hint.empty() ? fmt::format("see 'apicat {}{}--help'", where, where.empty() ? "" : " ")
                     : hint);
}

} // namespace

std::string command_words(const CLI::App* command)
{
    std::string words;
    for (const CLI::App* at = command; at != nullptr && at->get_parent() != nullptr;
         at = at->get_parent()) {
        words = at->get_name() + (words.empty() ? "" : " " + words);
    }
    return words;
}

void check_command_words(const CLI::App& app, int argc, const char* const* argv)
{
    const CLI::App* command = &app;
    bool expecting_command = true;
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--") {
            return;
        }
        if (word.size() > 1 && word.front() == '-') {
            const CLI::Option* option = find_option(command, word);
            if (option == nullptr) {
                unknown_option(command, word);
            }
            i += takes_next_word(*option, word) ? 1 : 0;
            continue;
        }
        if (!expecting_command) {
            continue; // one of the command's arguments
        }
        auto subcommands = command->get_subcommands([](const CLI::App*) { return true; });
        if (subcommands.empty()) {
            expecting_command = false; // the words from here on are the command's arguments
            continue;
        }
        const CLI::App* named = nullptr;
        std::vector<std::string> names;
        for (const CLI::App* subcommand : subcommands) {
            if (subcommand->check_name(word)) {
                named = subcommand;
                break;
            }
            if (!subcommand->get_group().empty()) { // hidden commands are not suggested
                names.push_back(subcommand->get_name());
            }
        }
        if (named == nullptr) {
            const std::string prefix = command_words(command);
            const auto match = util::closest_match(word, names);
            throw UsageError(
                fmt::format("unknown command '{}'", spelled(command, word)),
                match ? fmt::format("did you mean '{}'?", spelled(command, *match))
                      : fmt::format("see 'apicat {}{}--help'", prefix, prefix.empty() ? "" : " "));
        }
        command = named;
    }
}

} // namespace apicat::cli

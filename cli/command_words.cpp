#include "command_words.hpp"

#include "errors.hpp"
#include "util/suggest.hpp"

#include <fmt/format.h>

namespace apicat::cli {

namespace {

// Whether `word` is an option of `command` or of a command above it that takes a value
// in the next word ("--home DIR", but not "--home=DIR" or a flag).
bool takes_next_word(const CLI::App* command, const std::string& word)
{
    if (word.find('=') != std::string::npos) {
        return false;
    }
    for (const CLI::App* at = command; at != nullptr; at = at->get_parent()) {
        if (const CLI::Option* option = at->get_option_no_throw(word)) {
            return option->get_type_size() > 0;
        }
    }
    return false;
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
    for (int i = 1; i < argc; ++i) {
        std::string word = argv[i];
        if (word == "--") {
            return;
        }
        if (!word.empty() && word.front() == '-') {
            i += takes_next_word(command, word) ? 1 : 0;
            continue;
        }
        auto subcommands = command->get_subcommands([](const CLI::App*) { return true; });
        if (subcommands.empty()) {
            return; // the words from here on are the command's arguments
        }
        std::vector<std::string> names;
        for (const CLI::App* subcommand : subcommands) {
            if (subcommand->check_name(word)) {
                command = subcommand;
                names.clear();
                break;
            }
            names.push_back(subcommand->get_name());
        }
        if (!names.empty()) {
            std::string prefix = command_words(command);
            std::string hint;
            if (auto match = util::closest_match(word, names)) {
                hint =
                    fmt::format("did you mean '{}{}'?", prefix.empty() ? "" : prefix + " ", *match);
            }
            throw UsageError(
                fmt::format("unknown command '{}{}'", prefix.empty() ? "" : prefix + " ", word),
                hint.empty()
                    ? fmt::format("see 'apicat {}{}--help'", prefix, prefix.empty() ? "" : " ")
                    : hint);
        }
    }
}

} // namespace apicat::cli

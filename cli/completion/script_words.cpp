#include "completion/script_words.hpp"

namespace apicat::cli {

std::string value_word(ValueKind kind, const std::vector<std::string>& choices)
{
    if (kind != ValueKind::choice) {
        return std::string(kind_word(kind));
    }
    std::string word = "choice:";
    for (std::size_t i = 0; i < choices.size(); ++i) {
        word += (i == 0 ? "" : ",") + choices[i];
    }
    return word;
}

std::string argument_words(const CommandSpec& command)
{
    std::string words;
    for (const ArgumentSpec& argument : command.arguments) {
        words += words.empty() ? "" : " ";
        words += value_word(argument.kind, argument.choices) + (argument.repeats ? "*" : "");
    }
    return words;
}

std::string posix_quote(std::string_view text)
{
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

} // namespace apicat::cli

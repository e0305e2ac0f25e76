#include "util/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace apicat::util {

namespace {

std::string lowercase(std::string_view text)
{
    std::string lower(text);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return lower;
}

// Damerau-Levenshtein distance in its optimal-string-alignment form: a swapped pair counts as
// one edit, but a swapped pair is not edited again. Three rows of the usual table suffice.
std::size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> before_previous(b.size() + 1);
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before_previous[j - 2] + 1);
            }
        }
        std::swap(before_previous, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

// Whether one starts with the other, the shorter having at least 3 characters: "desc" for
// "description".
bool is_long_prefix(std::string_view a, std::string_view b)
{
    const std::size_t shorter = std::min(a.size(), b.size());
    return shorter >= 3 && a.substr(0, shorter) == b.substr(0, shorter);
}

} // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates)
{
    const std::string lower_word = lowercase(word);
    const std::size_t max_edits = std::max<std::size_t>(2, word.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto& candidate : candidates) {
        const std::string lower_candidate = lowercase(candidate);
        const std::size_t distance = edit_distance(lower_word, lower_candidate);
        const bool close = (distance <= max_edits && distance < word.size()) ||
                           is_long_prefix(lower_word, lower_candidate);
        if (close && (!best || distance < best_distance)) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
    const auto match = closest_match(word, candidates);
    return match ? "did you mean '" + *match + "'?" : std::string();
}

} // namespace apicat::util

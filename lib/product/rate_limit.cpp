#include "product/rate_limit.hpp"

#include "errors.hpp"
#include "util/suggest.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace apicat::product {

namespace {

constexpr std::array<std::pair<std::string_view, std::uint64_t>, 5> units{{
    {"second", 1},
    {"minute", 60},
    {"hour", 3600},
    {"day", 86400},
    {"week", 604800},
}};

const char* const rate_hint =
    "write N/[K]second|minute|hour|day|week, e.g. 100/1hour or 10/second, or unlimited";

[[noreturn]] void fail(const std::string& text, const std::string& reason,
                       const std::string& hint = rate_hint)
{
    throw Error(fmt::format("invalid rate limit '{}': {}", text, reason), hint);
}

bool all_digits(std::string_view text)
{
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// A whole number of digits only (no sign, no spaces), or none when it does not fit.
std::optional<std::uint64_t> to_number(std::string_view digits)
{
    std::uint64_t value = 0;
    constexpr auto max = std::numeric_limits<std::uint64_t>::max();
    for (char c : digits) {
        auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

std::uint64_t parse_count(const std::string& text, std::string_view count)
{
    if (count.empty()) {
        fail(text, "the number of calls is missing before '/'");
    }
    if (!all_digits(count)) {
        fail(text, fmt::format("'{}' is not a whole number of calls", count));
    }
    auto value = to_number(count);
    if (!value) {
        fail(text, fmt::format("{} calls is more than apicat can count", count));
    }
    if (*value == 0) {
        fail(text, "a limit of zero calls allows nothing",
             std::string("to stop all calls, leave the API out of the product; else ") + rate_hint);
    }
    return *value;
}

std::uint64_t unit_seconds(const std::string& text, std::string_view unit)
{
    if (unit.empty()) {
        fail(text, "the time unit is missing after '/'");
    }
    std::string_view singular = unit;
    if (singular.size() > 1 && singular.back() == 's') {
        singular.remove_suffix(1);
    }
    for (const auto& [name, seconds] : units) {
        if (singular == name) {
            return seconds;
        }
    }
    std::vector<std::string> names;
    for (const auto& entry : units) {
        names.emplace_back(entry.first);
    }
    std::string suggestion = util::did_you_mean(singular, names);
    fail(text, fmt::format("unknown time unit '{}'", unit),
         suggestion.empty() ? rate_hint : suggestion + " (" + rate_hint + ")");
}

// "[K]UNIT": K defaults to 1.
std::uint64_t parse_window(const std::string& text, std::string_view window)
{
    std::size_t unit_at = window.find_first_not_of("0123456789");
    if (unit_at == std::string_view::npos) {
        unit_at = window.size();
    }
    std::string_view multiple = window.substr(0, unit_at);
    std::uint64_t seconds = unit_seconds(text, window.substr(unit_at));
    if (multiple.empty()) {
        return seconds;
    }
    auto k = to_number(multiple);
    if (k && *k == 0) {
        fail(text, "a time window of zero is no window");
    }
    if (!k || *k > std::numeric_limits<std::uint64_t>::max() / seconds) {
        fail(text, fmt::format("a window of {} is more than apicat can count", window));
    }
    return *k * seconds;
}

} // namespace

RateLimit parse_rate_limit(const std::string& text)
{
    RateLimit limit;
    limit.text = text;
    if (text == "unlimited") {
        limit.unlimited = true;
        return limit;
    }
    if (text.empty()) {
        fail(text, "it is empty");
    }
    auto slash = text.find('/');
    if (slash == std::string::npos) {
        fail(text, "expected a number of calls per time window, separated by '/'");
    }
    std::string_view view(text);
    limit.count = parse_count(text, view.substr(0, slash));
    limit.window_seconds = parse_window(text, view.substr(slash + 1));
    return limit;
}

} // namespace apicat::product

#include "output.hpp"

#include "usage_hint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

namespace apicat::cli {

void print_json(const Json& value)
{
    fmt::print("{}\n", value.dump(2, ' ', false, Json::error_handler_t::replace));
}

void print_line(const GlobalOptions& options, const std::string& line)
{
    if (!options.quiet) {
        fmt::print("{}\n", line);
    }
}

void print_error(const std::string& message, const std::string& hint) noexcept
{
    try {
        fmt::print(stderr, "apicat: error: {}\n", message);
        if (!hint.empty()) {
            fmt::print(stderr, "apicat: hint: {}\n", hint);
        }
    } catch (const std::exception&) {
        // Escaping would abort the process instead of exiting with the failure's status.
    }
}

void print_error(const Error& error) noexcept
{
    try {
        print_error(error.what(), hint_naming_option(error));
    } catch (const std::exception&) {
        print_error(error.what(), error.hint());
    }
}

void print_warning(const GlobalOptions& options, const std::string& message)
{
    if (!options.quiet) {
        fmt::print(stderr, "apicat: warning: {}\n", message);
    }
}

void print_table(const GlobalOptions& options, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows)
{
    if (options.quiet) {
        return;
    }
    std::vector<std::size_t> widths(header.size());
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    };
    measure(header);
    std::for_each(rows.begin(), rows.end(), measure);
    auto print_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            bool last = i + 1 == row.size();
            line += last ? row[i] : fmt::format("{:<{}}  ", row[i], widths[i]);
        }
        fmt::print("{}\n", line);
    };
    print_row(header);
    std::for_each(rows.begin(), rows.end(), print_row);
}

} // namespace apicat::cli

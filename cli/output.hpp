#pragma once

// Printing: text for people on stdout, JSON for scripts, warnings on stderr.

#include "context.hpp"

#include "errors.hpp"
#include "json.hpp"

#include <string>
#include <vector>

namespace apicat::cli {

void print_json(const Json& value);

// A line of text output, unless --quiet.
void print_line(const GlobalOptions& options, const std::string& line);

// `apicat: error: <message>` on stderr, and `apicat: hint: <hint>` when there is one, even with
// --quiet: an error is never silent. Never throws: with stderr itself failed (a full disk under
// a redirect) nothing is left to say it on, and the exit status still tells the failure.
void print_error(const std::string& message, const std::string& hint = {}) noexcept;
// The same for one of apicat's errors, its hint naming the option it is about (usage_hint.hpp).
void print_error(const Error& error) noexcept;

// `apicat: warning: <message>` on stderr, unless --quiet.
void print_warning(const GlobalOptions& options, const std::string& message);

// Rows aligned in columns, two spaces apart, the header first.
void print_table(const GlobalOptions& options, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows);

} // namespace apicat::cli

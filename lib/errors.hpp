#pragma once

// apicat's error hierarchy. Everything thrown from lib/ on purpose is an apicat::Error, so
// the single catch in main can print it as `apicat: error: <what>` (plus a hint) and exit 1.
//
//   Error        a failure the user can act on: bad input, a missing file, an unknown name.
//   UsageError   the command line itself is wrong (conflicting or missing flags): exit 2.
//
// Messages are lowercase, quote the offending value, and start with `FILE:LINE:COLUMN: `
// when the place is known. A hint, when given, says how to fix it.

#include <stdexcept>
#include <string>
#include <utility>

namespace apicat {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {})
        : std::runtime_error(message)
        , hint_(std::move(hint))
    {
    }

    const std::string& hint() const noexcept { return hint_; }

private:
    std::string hint_;
};

class UsageError : public Error {
public:
    using Error::Error;
};

// A place in a file, 1-based; zero line means unknown.
struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    // "file:line:column" (or just "file" when the place is unknown).
    std::string str() const
    {
        if (line == 0) {
            return file;
        }
        return file + ":" + std::to_string(line) + ":" + std::to_string(column);
    }
};

} // namespace apicat

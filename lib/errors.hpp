#pragma once

// apicat's error hierarchy. Everything thrown from lib/ on purpose is an apicat::Error, so
// the single catch in main can print it as `apicat: error: <what>` (plus a hint) and exit 1.
//
//   Error        a failure the user can act on: bad input, a missing file, an unknown name.
//   UsageError   what the user asked for is malformed (a bad title, plan, parameter...): exit 2.
//
// Messages are lowercase, quote the offending value, and start with `FILE:LINE:COLUMN: `
// when the place is known. A hint, when given, says how to fix it. The library speaks of what
// it was given in its own words ("invalid target URL"), never of command-line flags: an error
// names the Input it is about, and the command line adds its option to the hint.

#include <stdexcept>
#include <string>
#include <utility>

namespace apicat {

// What the user gave, or could give, that an error is about.
enum class Input {
    unnamed,
    title,           // of a draft or a product
    base_path,       // of a draft
    target_url,      // of a draft
    parameter,       // of an operation, NAME:IN[:TYPE][:required]
    response,        // of an operation, CODE[:DESCRIPTION]
    api,             // a product's API: its draft
    plan,            // a product's plan, NAME[:RATE][:approval]
    subscribed_plan, // the plan an app subscribes to
    key_name,        // an apiKey's header or query parameter
    force,           // the say-so to replace or remove what is in the way; the hint says what
                     // it would do: "replace it, or choose another name"
    home,            // the directory of the local store
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, std::string hint = {}, Input input = Input::unnamed)
        : std::runtime_error(message)
        , hint_(std::move(hint))
        , input_(input)
    {
    }

    const std::string& hint() const noexcept { return hint_; }
    // What the error, or its hint, is about: the command line names its option in the hint.
    Input input() const noexcept { return input_; }

private:
    std::string hint_;
    Input input_;
};

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message, std::string hint = {},
                        Input input = Input::unnamed)
        : Error(message, std::move(hint), input)
    {
    }
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

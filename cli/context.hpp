#pragma once

// Options that every command takes, parsed once in main.

#include <string>

namespace apicat::cli {

enum class OutputFormat { text, json };

struct GlobalOptions {
    std::string home;
    std::string store;           // a PostgreSQL URL or a home folder (also APICAT_STORE)
    std::string output = "text"; // text | json (also APICAT_OUTPUT)
    bool quiet = false;
    bool verbose = false;
    bool no_color = false;

    OutputFormat format() const
    {
        return output == "json" ? OutputFormat::json : OutputFormat::text;
    }
};

} // namespace apicat::cli
